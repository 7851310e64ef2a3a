/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

interface Window {
  /** Set by electron/preload.ts inside the app; absent in a plain browser (HTTP bridge). */
  gerbang?: { invoke: (channel: string, input: unknown, token: string | null) => Promise<unknown> };
}
