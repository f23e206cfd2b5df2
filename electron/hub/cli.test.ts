import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrolmentRequest } from '../core/sync/enrolment';
import { stationKeys } from '../core/sync/station-keys';
import { createTestStation, type TestStation } from '../core/test-station';
import { runCli } from './cli';

let dir: string;
let station: TestStation;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lm-hub-cli-'));
  station = await createTestStation();
});
afterEach(async () => {
  await station.dispose();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...argv, '--data', join(dir, 'hub')], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('hub command line', () => {
  it('enrols a station from its request file and lists it', async () => {
    const request = join(dir, 'request.json');
    writeFileSync(
      request,
      JSON.stringify(enrolmentRequest(station.deps, stationKeys(station.ports.keyStore))),
    );
    const answerFile = join(dir, 'answer.json');
    const enrolled = await cli(
      'enrol',
      request,
      '--hub-url',
      'https://hub.example',
      '--out',
      answerFile,
    );
    expect(enrolled).toMatchObject({ code: 0 });
    const answer = JSON.parse(readFileSync(answerFile, 'utf8')) as {
      hubUrl: string;
      unitId: string;
    };
    expect(answer).toMatchObject({
      hubUrl: 'https://hub.example',
      unitId: station.deps.unit.unit_id,
    });
    const listed = await cli('stations');
    expect(listed.out).toContain(station.deps.unit.unit_id);
    expect(listed.out).toContain('1 station(s)');
  });

  it('says what is wrong with a bad command, and changes nothing', async () => {
    expect(await cli('frobnicate')).toMatchObject({ code: 2, err: 'unknown command frobnicate' });
    expect(await cli('enrol')).toMatchObject({ code: 2, err: 'enrol needs <request.json>' });
    expect((await cli('issue', 'no-such-app', '--kind', 'kk', '--signer', 'X')).err).toMatch(
      /no application no-such-app/,
    );
    const forged = join(dir, 'forged.json');
    const request = enrolmentRequest(station.deps, stationKeys(station.ports.keyStore));
    writeFileSync(forged, JSON.stringify({ ...request, unitName: 'Someone else' }));
    const refused = await cli('enrol', forged, '--hub-url', 'https://hub.example');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/not signed by the key it carries/);
    expect((await cli('stations')).out).toContain('0 station(s)');
  });

  it('prints its usage', async () => {
    expect((await cli('--help')).out).toContain('npm run hub -- <command>');
  });
});
