import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// The renderer: a plain Vite + Vue app. base './' so the built files load from file://
// inside Electron as well as over the HTTP bridge in tests.
export default defineConfig({
  root: r('./renderer'),
  base: './',
  plugins: [vue()],
  resolve: {
    alias: { '@': r('./renderer/src'), '@contract': r('./electron/contract/index.ts'), '@domain': r('./electron/domain') },
  },
  build: {
    outDir: r('./dist/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: { port: 5173, strictPort: true },
});
