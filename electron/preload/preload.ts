// Sandboxed preload: bundled to CommonJS whose only runtime require is 'electron'. The two
// channel names below are inlined from the contract by the bundler.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CALL_CHANNEL, IPC_PUSH_CHANNEL, type Bridge } from '../contract/bridge';
import type { PushMessage } from '../contract/envelope';

const bridge: Bridge = {
  // Copy the two fields: nothing else the page puts on the object reaches the main process.
  call: (message) =>
    ipcRenderer.invoke(IPC_CALL_CHANNEL, { name: message.name, args: message.args }),
  onPush: (listener) => {
    // The IPC event (with its sender and ports) never reaches the page.
    const forward = (_event: IpcRendererEvent, message: PushMessage) => listener(message);
    ipcRenderer.on(IPC_PUSH_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(IPC_PUSH_CHANNEL, forward);
    };
  },
  platform: process.platform,
};

contextBridge.exposeInMainWorld('bridge', bridge);
