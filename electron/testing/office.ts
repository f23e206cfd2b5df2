import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type {
  OfficeArgs,
  OfficeHandlerName,
  OfficeProblem,
  OfficeResult,
  OfficeRole,
  OfficeSessionInfo,
} from '../contract/office';
import type { HubDatabase } from '../../db/hub-schema';
import { insertOfficeUser } from '../../db/queries/office-accounts';
import type { Hub } from '../hub/hub';
import { appendOfficeAudit, CLI_ACTOR } from '../hub/office/audit';
import { actorOf, hashPassword } from '../hub/office/auth';
import type { OfficeCall, OfficeUser } from '../hub/office/handler';
import type { OfficeServerOptions } from '../hub/office/server';
import { startHubServer, type HubServer } from '../hub/server';
import type { ScryptParams } from '../protocol/password-hash';
import { openTestHub, type HubBackend, type TestHub } from './hub';

/**
 * A real hub with its back-office served over real HTTP (issue 15), for tests of back-office
 * handlers: users of any role made directly in its database, sign-in through session-login, and
 * a client that sends the cookie, a same-origin Origin and the CSRF header like the browser does.
 *
 *   const office = await startTestOffice();
 *   const admin = await office.signInAs('admin');
 *   const { status, body } = await admin.call('accounts-list', {});
 *   await office.close();
 */
export interface TestOfficeOptions {
  backend?: HubBackend | undefined;
  /** The hub's clock (idle sign-out, lockouts, decisions are dated with it). */
  now?: (() => Date) | undefined;
  /** Passed to the back-office (e.g. `idleMinutes`, `publicUrl`, `auth.loginsPerMinute`). */
  office?: OfficeServerOptions | undefined;
  /** HTTPS with this certificate (electron/testing/tls.ts); the client trusts `ca`. */
  tls?: { cert: string | Buffer; key: string | Buffer; ca?: string | Buffer } | undefined;
}

export interface TestOfficeUser {
  id: string;
  userName: string;
  password: string;
  displayName: string;
  role: OfficeRole;
}

export interface OfficeResponse<T = unknown> {
  status: number;
  /** The parsed JSON answer: the result on 200, an OfficeProblem otherwise. */
  body: T;
  headers: IncomingHttpHeaders;
}

export interface OfficeClient {
  /** `lm_office=<token>` as sent in the Cookie header. */
  cookie: string;
  csrf: string;
  session: OfficeSessionInfo;
  user: TestOfficeUser | null;
  /** POST /office/api/<name> with the cookie, Origin and x-lm-csrf. */
  call<N extends OfficeHandlerName>(
    name: N,
    args: OfficeArgs<N> | Record<string, unknown>,
  ): Promise<OfficeResponse<OfficeResult<N> | OfficeProblem>>;
  /** GET a path (photos, the page) with the cookie. */
  get(path: string): Promise<RawResponse>;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  json<T = unknown>(): T;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface TestOffice {
  hub: Hub;
  server: HubServer;
  testHub: TestHub;
  /** The hub's base URL, e.g. http://127.0.0.1:43121 (also the Origin a same-origin page sends). */
  url: string;
  /** Makes an account directly in the database (a cheap scrypt cost), audited as the CLI. */
  createUser(
    role: OfficeRole,
    options?: Partial<Omit<TestOfficeUser, 'id' | 'role'>> & { title?: string },
  ): Promise<TestOfficeUser>;
  /** session-login; throws with the hub's answer when refused (see `login` for the raw answer). */
  signIn(userName: string, password: string): Promise<OfficeClient>;
  /** A new user of `role`, signed in. */
  signInAs(role: OfficeRole): Promise<OfficeClient & { user: TestOfficeUser }>;
  /** session-login, the raw answer. */
  login(userName: string, password: string): Promise<RawResponse>;
  /** Any request to the hub (attack tests: foreign Origin, other Host, no cookie...). */
  request(request: RawRequest): Promise<RawResponse>;
  close(): Promise<void>;
}

/** N=2^10: fast enough for tests that make many accounts (the real cost is 2^15). */
export const TEST_PASSWORD_COST: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };

export async function startTestOffice(options: TestOfficeOptions = {}): Promise<TestOffice> {
  const testHub = await openTestHub(options.backend ?? 'sqlite', {
    ...(options.now ? { now: options.now } : {}),
  });
  const hub = testHub.hub;
  const office: OfficeServerOptions = {
    ...options.office,
    auth: { passwordCost: TEST_PASSWORD_COST, loginsPerMinute: 10_000, ...options.office?.auth },
  };
  const server = await startHubServer(hub, {
    office,
    ...(options.now ? { now: options.now } : {}),
    ...(options.tls ? { tls: { cert: options.tls.cert, key: options.tls.key } } : {}),
  });
  const url = server.url;
  const ca = options.tls?.ca;
  const request = (r: RawRequest) => rawRequest(url, r, ca);
  let counter = 0;

  const createUser: TestOffice['createUser'] = async (role, given = {}) => {
    counter += 1;
    const user: TestOfficeUser = {
      id: `user-${randomBytes(6).toString('hex')}`,
      userName: given.userName ?? `${role}${counter}`,
      password: given.password ?? `Sandi-uji-${randomBytes(6).toString('hex')}`,
      displayName: given.displayName ?? `Staf ${role} ${counter}`,
      role,
    };
    const at = hub.at();
    await hub.db.transaction().execute(async (trx) => {
      const isNew = await insertOfficeUser(trx, {
        id: user.id,
        user_name: user.userName,
        display_name: user.displayName,
        role,
        title: given.title ?? `Jabatan ${role}`,
        password_hash: await hashPassword(user.password, TEST_PASSWORD_COST),
        created_at: at,
        disabled_at: null,
        failed_logins: 0,
        locked_until: null,
        password_changed_at: at,
      });
      if (!isNew) throw new Error(`user name ${user.userName} is taken`);
      await appendOfficeAudit(
        trx,
        CLI_ACTOR,
        'accounts.create',
        { userId: user.id, userName: user.userName, role },
        at,
      );
    });
    return user;
  };

  const login = (userName: string, password: string) =>
    request({
      method: 'POST',
      path: '/office/api/session-login',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ userName, password }),
    });

  const signIn = async (
    userName: string,
    password: string,
    user: TestOfficeUser | null = null,
  ): Promise<OfficeClient> => {
    const answer = await login(userName, password);
    if (answer.status !== 200)
      throw Object.assign(
        new Error(`sign-in of ${userName}: ${answer.status} ${answer.body.toString('utf8')}`),
        { status: answer.status, body: answer.json() },
      );
    const session = answer.json<OfficeSessionInfo>();
    const setCookie = answer.headers['set-cookie']?.[0] ?? '';
    const cookie = setCookie.split(';')[0] ?? '';
    const client: OfficeClient = {
      cookie,
      csrf: session.csrfToken,
      session,
      user,
      call: async (name, args) => {
        const raw = await request({
          method: 'POST',
          path: `/office/api/${name}`,
          headers: {
            'content-type': 'application/json',
            origin: url,
            cookie: client.cookie,
            'x-lm-csrf': client.csrf,
          },
          body: JSON.stringify(args ?? {}),
        });
        return { status: raw.status, headers: raw.headers, body: raw.json() };
      },
      get: (path) => request({ method: 'GET', path, headers: { cookie: client.cookie } }),
    };
    return client;
  };

  return {
    hub,
    server,
    testHub,
    url,
    createUser,
    signIn: (userName, password) => signIn(userName, password),
    signInAs: async (role) => {
      const user = await createUser(role);
      return { ...(await signIn(user.userName, user.password, user)), user };
    },
    login,
    request,
    close: async () => {
      await server.close();
      await testHub.close();
    },
  };
}

/** One HTTP(S) request with exactly the headers given (Host included when given). */
export function rawRequest(
  base: string,
  r: RawRequest,
  ca?: string | Buffer,
): Promise<RawResponse> {
  const target = new URL(r.path, base);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const body = r.body === undefined ? undefined : Buffer.from(r.body);
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      {
        method: r.method ?? 'GET',
        headers: {
          ...(body ? { 'content-length': String(body.length) } : {}),
          ...r.headers,
        },
        ...(ca ? { ca } : {}),
        agent: false,
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (chunk: Buffer) => parts.push(chunk));
        res.once('error', reject);
        res.once('end', () => {
          const bytes = Buffer.concat(parts);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: bytes,
            json: <T>() => {
              try {
                return JSON.parse(bytes.toString('utf8')) as T;
              } catch {
                return null as T;
              }
            },
          });
        });
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}

/** Tables a refused request may still touch: its session's last activity, login counters. */
const VOLATILE_TABLES = new Set(['office_sessions', 'office_rate_limits']);

/**
 * A digest of every row of every table of the hub (but the volatile ones above), per table:
 * equal before and after a refused request proves it changed nothing. SQLite and PostgreSQL.
 */
export async function hubFingerprint(db: Kysely<HubDatabase>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const tables = (await db.introspection.getTables()).map((table) => table.name).sort();
  for (const name of tables) {
    if (VOLATILE_TABLES.has(name)) continue;
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(
      db,
    );
    const lines = rows
      .map((row) =>
        JSON.stringify(row, (_key, value: unknown) =>
          Buffer.isBuffer(value) || value instanceof Uint8Array
            ? Buffer.from(value).toString('hex')
            : typeof value === 'bigint'
              ? String(value)
              : value,
        ),
      )
      .sort();
    out[name] = createHash('sha256').update(lines.join('\n')).digest('hex');
  }
  return out;
}

/**
 * An OfficeCall for unit tests that run a handler directly (`handler.run(call, input)`): as
 * `user` (a made-up one of `role` when a role is given), dated by the hub's clock, auditing into
 * the hub's real chain. The user need not exist in office_users.
 */
export function testOfficeCall(hub: Hub, user: OfficeUser | OfficeRole): OfficeCall {
  const who: OfficeUser =
    typeof user === 'string'
      ? { id: `user-${user}`, userName: user, displayName: `Staf ${user}`, role: user }
      : user;
  const at = hub.at();
  return {
    hub,
    user: who,
    at,
    passwordCost: TEST_PASSWORD_COST,
    audit: async (action, detail, trx) => {
      await appendOfficeAudit(trx ?? hub.db, actorOf(who), action, detail, at);
    },
  };
}
