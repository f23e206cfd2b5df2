import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CALL_CHANNEL, IPC_PUSH_CHANNEL, type Bridge } from '../contract/bridge';

const electron = vi.hoisted(() => ({
  exposeInMainWorld: vi.fn(),
  invoke: vi.fn(),
  on: vi.fn(),
  removeListener: vi.fn(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: electron.exposeInMainWorld },
  ipcRenderer: {
    invoke: electron.invoke,
    on: electron.on,
    removeListener: electron.removeListener,
    send: () => {
      throw new Error('the preload must not use send');
    },
  },
}));

async function loadBridge(): Promise<Bridge> {
  vi.resetModules();
  electron.exposeInMainWorld.mockClear();
  await import('./preload');
  expect(electron.exposeInMainWorld).toHaveBeenCalledOnce();
  const [key, api] = electron.exposeInMainWorld.mock.calls[0] as [string, Bridge];
  expect(key).toBe('bridge');
  return api;
}

describe('preload', () => {
  beforeEach(() => {
    electron.invoke.mockReset();
    electron.on.mockReset();
    electron.removeListener.mockReset();
  });

  it('exposes exactly call, onPush and platform under window.bridge', async () => {
    const bridge = await loadBridge();
    expect(Object.keys(bridge).sort()).toEqual(['call', 'onPush', 'platform']);
    expect(typeof bridge.call).toBe('function');
    expect(typeof bridge.onPush).toBe('function');
    expect(bridge.platform).toBe(process.platform);
  });

  it('call invokes the call channel with only name and args, and returns the Result', async () => {
    const bridge = await loadBridge();
    electron.invoke.mockResolvedValue({ ok: true, value: 42 });
    const message = { name: 'station-session-get', args: {}, sneaky: 'extra', kind: 'reply' };
    await expect(bridge.call(message)).resolves.toEqual({ ok: true, value: 42 });
    expect(electron.invoke).toHaveBeenCalledWith(IPC_CALL_CHANNEL, {
      name: 'station-session-get',
      args: {},
    });
  });

  it('onPush hands the page the message, never the IPC event, and unsubscribes', async () => {
    const bridge = await loadBridge();
    const received: unknown[][] = [];
    const unsubscribe = bridge.onPush((...args: unknown[]) => received.push(args));
    expect(electron.on).toHaveBeenCalledOnce();
    const [channel, forward] = electron.on.mock.calls[0] as [string, (...a: unknown[]) => void];
    expect(channel).toBe(IPC_PUSH_CHANNEL);
    const ipcEvent = { sender: { send: () => {} }, ports: [] };
    const push = {
      kind: 'push',
      name: 'queue-changed',
      payload: { waiting: 1, lastNumber: 'A-001' },
    };
    forward(ipcEvent, push);
    expect(received).toEqual([[push]]);
    unsubscribe();
    expect(electron.removeListener).toHaveBeenCalledWith(IPC_PUSH_CHANNEL, forward);
  });
});
