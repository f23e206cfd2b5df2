import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IPC_CALL_CHANNEL, IPC_PUSH_CHANNEL } from '../contract/bridge';
import type { Result } from '../contract/errors';
import type { Logger } from '../core/ports';
import { createTestStation, type TestStation } from '../testing/station';
import {
  checkSender,
  IpcHost,
  type FrameLike,
  type InvokeEventLike,
  type IpcMainLike,
} from './ipc-host';

const APP = 'app://station/index.html';

function frame(url: string, overrides: Partial<FrameLike> = {}): FrameLike {
  return { url, parent: null, processId: 7, routingId: 1, ...overrides };
}

function event(
  contentsId: number,
  senderFrame: FrameLike | null,
  main = frame(APP),
): InvokeEventLike {
  return { sender: { id: contentsId, mainFrame: main }, senderFrame };
}

describe('checkSender', () => {
  const known = new Set([3]);

  it('accepts the main frame of a known window on the app origin', () => {
    expect(checkSender(event(3, frame(APP)), known)).toEqual({ ok: true });
    expect(checkSender(event(3, frame('app://station/#/officer')), known)).toEqual({ ok: true });
  });

  it('refuses an unknown webContents', () => {
    expect(checkSender(event(4, frame(APP)), known)).toMatchObject({ ok: false });
  });

  it('refuses a missing (navigated or destroyed) frame', () => {
    expect(checkSender(event(3, null), known)).toMatchObject({ ok: false });
  });

  it('refuses a subframe, even one on the app origin', () => {
    const main = frame(APP);
    const child = frame(APP, { parent: main, routingId: 2 });
    expect(checkSender(event(3, child, main), known)).toMatchObject({ ok: false });
    const sameIdsButParent = frame(APP, { parent: main });
    expect(checkSender(event(3, sameIdsButParent, main), known)).toMatchObject({ ok: false });
    const otherRouting = frame(APP, { routingId: 9 });
    expect(checkSender(event(3, otherRouting, main), known)).toMatchObject({ ok: false });
    const otherProcess = frame(APP, { processId: 8 });
    expect(checkSender(event(3, otherProcess, main), known)).toMatchObject({ ok: false });
  });

  it.each([
    'https://evil.example/',
    'file:///home/petugas/index.html',
    'app://station.evil/index.html',
    'app://stationx/index.html',
    'data:text/html,x',
    'about:blank',
    'chrome-error://chromewebdata/',
  ])('refuses a main frame showing %s', (url) => {
    expect(checkSender(event(3, frame(url), frame(url)), known)).toMatchObject({ ok: false });
  });
});

class FakeContents extends EventEmitter {
  readonly sent: Array<{ channel: string; message: unknown }> = [];
  readonly mainFrame: FrameLike;
  destroyed = false;
  constructor(readonly id: number) {
    super();
    this.mainFrame = frame(APP, { processId: 100 + id });
  }
  send(channel: string, message: unknown) {
    this.sent.push({ channel, message });
  }
  isDestroyed() {
    return this.destroyed;
  }
  invokeEvent(): InvokeEventLike {
    return { sender: this, senderFrame: this.mainFrame };
  }
}

class FakeIpcMain implements IpcMainLike {
  listener: ((event: InvokeEventLike, payload: unknown) => Promise<Result<unknown>>) | null = null;
  handle(channel: string, listener: NonNullable<FakeIpcMain['listener']>) {
    expect(channel).toBe(IPC_CALL_CHANNEL);
    this.listener = listener;
  }
  removeHandler() {
    this.listener = null;
  }
  invoke(event: InvokeEventLike, payload: unknown): Promise<Result<unknown>> {
    if (!this.listener) throw new Error('no handler');
    return this.listener(event, payload);
  }
}

describe('IpcHost over a real station', () => {
  let station: TestStation;
  let ipc: FakeIpcMain;
  let host: IpcHost;
  let warnings: string[];

  beforeEach(async () => {
    station = await createTestStation();
    ipc = new FakeIpcMain();
    warnings = [];
    const log: Logger = { info: () => {}, warn: (m) => warnings.push(m), error: () => {} };
    host = new IpcHost(ipc, station.dispatcher, () => station.initialSession(), log);
  });
  afterEach(async () => {
    host.close();
    await station.dispose();
  });

  function window(id: number): FakeContents {
    const contents = new FakeContents(id);
    host.attach(contents);
    return contents;
  }

  it('answers a call from the window with the handler Result', async () => {
    const contents = window(1);
    const result = await ipc.invoke(contents.invokeEvent(), {
      name: 'station-session-get',
      args: {},
    });
    expect(result).toMatchObject({ ok: true, value: { role: 'kiosk' } });
  });

  it('refuses a call from a window it never attached, without reaching the core', async () => {
    const stranger = new FakeContents(9);
    const result = await ipc.invoke(stranger.invokeEvent(), {
      name: 'station-session-get',
      args: {},
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(station.dispatcher.session('ipc:9:1')).toBeUndefined();
    expect(warnings).toEqual(['Refused IPC call']);
  });

  it('refuses a subframe and a foreign page in an attached window', async () => {
    const contents = window(1);
    const sub = frame(APP, { parent: contents.mainFrame, processId: 101, routingId: 5 });
    const fromSub = await ipc.invoke(
      { sender: contents, senderFrame: sub },
      { name: 'station-session-get', args: {} },
    );
    expect(fromSub).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const foreign = { ...contents.mainFrame, url: 'https://evil.example/' };
    const fromForeign = await ipc.invoke(
      { sender: { id: 1, mainFrame: foreign }, senderFrame: foreign },
      { name: 'station-session-get', args: {} },
    );
    expect(fromForeign).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('keeps the dispatcher in charge of envelopes and roles', async () => {
    const contents = window(1);
    expect(await ipc.invoke(contents.invokeEvent(), null)).toMatchObject({
      ok: false,
      error: { code: 'BAD_ENVELOPE' },
    });
    expect(
      await ipc.invoke(contents.invokeEvent(), { name: 'station-status', args: {} }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await ipc.invoke(contents.invokeEvent(), { name: 'nope', args: {} })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_HANDLER' },
    });
  });

  it('keeps a session per window, pushes to it, and resets it when the page changes', async () => {
    const contents = window(1);
    const switched = await ipc.invoke(contents.invokeEvent(), {
      name: 'station-demo-switch',
      args: { mode: 'officer' },
    });
    expect(switched).toMatchObject({ ok: true, value: { mode: 'officer' } });
    expect(contents.sent).toEqual([
      {
        channel: IPC_PUSH_CHANNEL,
        message: expect.objectContaining({ kind: 'push', name: 'session-changed' }),
      },
    ]);
    expect(
      await ipc.invoke(contents.invokeEvent(), { name: 'station-status', args: {} }),
    ).toMatchObject({
      ok: true,
    });

    const other = window(2);
    expect(
      await ipc.invoke(other.invokeEvent(), { name: 'station-status', args: {} }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    contents.emit('did-navigate');
    expect(
      await ipc.invoke(contents.invokeEvent(), { name: 'station-status', args: {} }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('broadcasts reach every connected window, not a destroyed one', async () => {
    const first = window(1);
    const second = window(2);
    second.emit('did-finish-load');
    const gone = window(3);
    gone.emit('did-finish-load');
    gone.destroyed = true;
    gone.emit('destroyed');

    const ticket = await ipc.invoke(first.invokeEvent(), {
      name: 'kiosk-ticket-take',
      args: { serviceCode: 'kk' },
    });
    expect(ticket).toMatchObject({ ok: true });
    for (const contents of [first, second]) {
      expect(contents.sent).toContainEqual({
        channel: IPC_PUSH_CHANNEL,
        message: expect.objectContaining({ kind: 'push', name: 'queue-changed' }),
      });
    }
    expect(gone.sent).toEqual([]);
    expect(
      await ipc.invoke(gone.invokeEvent(), { name: 'station-session-get', args: {} }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
