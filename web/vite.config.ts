// Vite multi-page build of web/: one HTML entry per role from entries.ts, hashed assets under /assets/.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { entryHtml, WEB_ENTRIES } from './entries.ts';
import { citizenPwa } from './tools/citizen-pwa.ts';
import { policePwa } from './tools/police-pwa.ts';

const root = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [preact(), policePwa(), citizenPwa()],
  build: {
    outDir: resolve(root, 'dist'),
    emptyOutDir: true,
    assetsDir: 'assets',
    // The budget report reads which chunks each entry loads up front.
    manifest: true,
    target: 'es2020',
    modulePreload: { polyfill: false },
    rolldownOptions: {
      input: Object.fromEntries(WEB_ENTRIES.map((entry) => [entry.name, resolve(root, entryHtml(entry))])),
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
