import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ReplyMessage, Result, ServerMessage } from '../contract';
import { Dispatcher } from './dispatcher';
import {
  DEFAULT_CALL_BYTES,
  MAX_DEPTH,
  MAX_ITEMS,
  MAX_MESSAGE_BYTES,
  peekCallId,
  scanJsonText,
} from './limits';
import { memoryPair } from './memory-pair';

const kiosk = { role: 'kiosk', userName: null, mode: 'kiosk' } as const;

/** A bare dispatcher with two handlers that record what reached them. */
function setUp() {
  const reached: unknown[] = [];
  const dispatcher = new Dispatcher(() => {});
  dispatcher.method('kiosk-ticket-take', {
    role: 'kiosk',
    args: z.strictObject({ serviceCode: z.string() }) as never,
    run: (args) => {
      reached.push(args);
      return { ok: true, value: null as never };
    },
  });
  dispatcher.method('applications-submit', {
    role: 'kiosk',
    args: z.unknown() as never,
    maxBytes: 200_000,
    run: (args) => {
      reached.push(args);
      return { ok: true, value: null as never };
    },
  });
  const client = memoryPair(dispatcher, 'c', kiosk);
  const replies: ReplyMessage[] = [];
  dispatcher.connect('text', kiosk, (message: ServerMessage) => {
    if (message.kind === 'reply') replies.push(message);
  });
  /** Sends text as a socket would; the reply comes back within receiveText. */
  const sendText = async (text: string): Promise<ReplyMessage> => {
    await dispatcher.receiveText('text', text);
    const reply = replies.shift();
    if (!reply) throw new Error('no reply');
    return reply;
  };
  return { dispatcher, client, sendText, reached };
}

const nested = (depth: number, leaf: unknown = 0): unknown =>
  depth === 0 ? leaf : [nested(depth - 1, leaf)];
const reason = (result: Result<unknown>) => (result.ok ? 'OK' : result.error.reason);

describe('message limits (finding 1.12)', () => {
  it('finding 1.12: __proto__, constructor and prototype as field names are refused, not silently dropped', async () => {
    const { client, sendText, reached } = setUp();
    for (const text of [
      '{"serviceCode":"kk","__proto__":{"isAdmin":true}}',
      '{"serviceCode":"kk","constructor":{"name":"x"}}',
      '{"serviceCode":"kk","deeper":[{"a":{"prototype":1}}]}',
    ]) {
      const args = JSON.parse(text) as unknown;
      expect(await client.sendRaw({ name: 'kiosk-ticket-take', args })).toMatchObject({
        ok: false,
        error: { code: 'BAD_ENVELOPE', reason: 'FORBIDDEN_KEY' },
      });
      const reply = await sendText(
        `{"kind":"call","id":7,"name":"kiosk-ticket-take","args":${text}}`,
      );
      expect(reply).toMatchObject({
        id: 7,
        result: { ok: false, error: { code: 'BAD_ENVELOPE', reason: 'FORBIDDEN_KEY' } },
      });
    }
    expect(reached).toEqual([]);
    // The same words as values are fine.
    expect(
      await client.send('kiosk-ticket-take', { serviceCode: '__proto__' } as never),
    ).toMatchObject({ ok: true });
  });

  it('finding 1.12: nesting deeper than MAX_DEPTH is refused before parsing, whatever the transport', async () => {
    const { client, sendText, reached } = setUp();
    // The envelope is one level: args may nest MAX_DEPTH - 1 deep.
    const fits = await client.sendRaw({
      name: 'applications-submit',
      args: nested(MAX_DEPTH - 1),
    });
    expect(fits).toMatchObject({ ok: true });
    const tooDeep = await client.sendRaw({
      name: 'applications-submit',
      args: nested(MAX_DEPTH),
    });
    expect(reason(tooDeep)).toBe('TOO_DEEP');
    const text = `{"kind":"call","id":8,"name":"applications-submit","args":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect(await sendText(text)).toMatchObject({
      id: 8,
      result: { ok: false, error: { code: 'BAD_ENVELOPE', reason: 'TOO_DEEP' } },
    });
    // Brackets inside strings are text, not nesting.
    const inString = JSON.stringify({
      kind: 'call',
      id: 9,
      name: 'applications-submit',
      args: { s: '[{'.repeat(100) + '"\\' },
    });
    expect(scanJsonText(inString)).toBeNull();
    expect((await sendText(inString)).result).toMatchObject({ ok: true });
    expect(reached).toHaveLength(2);
  });

  it('finding 1.12: more than MAX_ITEMS keys and elements are refused; so are values JSON cannot carry', async () => {
    const { client, sendText, reached } = setUp();
    const many = Array.from({ length: MAX_ITEMS + 1 }, () => 0);
    expect(reason(await client.sendRaw({ name: 'applications-submit', args: many }))).toBe(
      'TOO_MANY_ITEMS',
    );
    const reply = await sendText(
      `{"kind":"call","id":10,"name":"applications-submit","args":[${many.join(',')}]}`,
    );
    expect(reply).toMatchObject({ id: 10, result: { error: { reason: 'TOO_MANY_ITEMS' } } });
    for (const args of [new Map([['a', 1]]), { at: new Date(0) }])
      expect(reason(await client.sendRaw({ name: 'applications-submit', args }))).toBe('NOT_PLAIN');
    expect(reached).toEqual([]);
  });

  it('finding 1.12: per-handler sizes: 64 KiB by default, more only where the spec says so', async () => {
    const { dispatcher, client, sendText, reached } = setUp();
    const overDefault = 'x'.repeat(DEFAULT_CALL_BYTES);
    const refused = await client.sendRaw({
      name: 'kiosk-ticket-take',
      args: { serviceCode: overDefault },
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGS', reason: 'ARGS_TOO_LARGE' },
    });
    const viaText = await sendText(
      JSON.stringify({
        kind: 'call',
        id: 11,
        name: 'kiosk-ticket-take',
        args: { serviceCode: overDefault },
      }),
    );
    expect(viaText).toMatchObject({ id: 11, result: { error: { reason: 'ARGS_TOO_LARGE' } } });
    expect(reached).toEqual([]);
    const larger = await client.sendRaw({
      name: 'applications-submit',
      args: { photo: 'A'.repeat(150_000) },
    });
    expect(larger).toMatchObject({ ok: true });
    const tooLarge = await client.sendRaw({
      name: 'applications-submit',
      args: { photo: 'A'.repeat(210_000) },
    });
    expect(reason(tooLarge)).toBe('ARGS_TOO_LARGE');
    // Over the socket limit the text is not even scanned.
    const huge = `{"kind":"call","id":12,${' '.repeat(MAX_MESSAGE_BYTES)}}`;
    expect(await sendText(huge)).toMatchObject({
      id: 12,
      result: { error: { code: 'BAD_ENVELOPE', reason: 'MESSAGE_TOO_LARGE' } },
    });
    const spec = {
      role: 'kiosk' as const,
      args: z.strictObject({}),
      run: () => ({ ok: true as const, value: [] }),
    };
    expect(() => dispatcher.method('kiosk-services', { ...spec, maxBytes: 0 })).toThrow(/maxBytes/);
    expect(() =>
      dispatcher.method('kiosk-services', { ...spec, maxBytes: MAX_MESSAGE_BYTES + 1 }),
    ).toThrow(/maxBytes/);
  });

  it('reads the call id of a refused text only where a call envelope puts it', () => {
    expect(peekCallId('{"kind":"call","id":42,"name":"x"')).toBe(42);
    expect(peekCallId(' { "kind" : "call" , "id" : 3 }')).toBe(3);
    expect(peekCallId('{"id":42,"kind":"call"}')).toBe(-1);
    expect(peekCallId('[[[[')).toBe(-1);
  });
});
