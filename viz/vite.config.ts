// Vite build of the explorer (viz/app) into dist/viz/app, next to the server that serves it.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { DEFAULT_VIZ_HOST, DEFAULT_VIZ_PORT } from './defaults.js';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('./app'),
  base: './',
  logLevel: 'warn',
  build: {
    outDir: here('../dist/viz/app'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 800,
  },
  server: {
    // `npm run dev:viz` with `kg serve` running: the page reloads on edits, the API comes from kg serve.
    proxy: { '/api': `http://${DEFAULT_VIZ_HOST}:${DEFAULT_VIZ_PORT}` },
  },
});
