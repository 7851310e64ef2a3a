/**
 * The renderer's only door to the main process. With `sandbox: true` this file may import
 * nothing but 'electron', so it exposes one generic function; the typing lives in
 * renderer/src/api.ts, built on the contract in electron/contract/.
 */
import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('gerbang', {
  invoke: (channel: string, input: unknown, token: string | null): Promise<unknown> => ipcRenderer.invoke('gerbang:api', channel, input, token),
});
