// Vite plugin making the police entry an installable PWA: manifest, PNG icons, and a service worker precaching
// exactly the files the police page can load (its chunks, the lazy QR decoder, CSS), named after their hashes.
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';
import { policeIcon } from './png-icon.ts';
import { policeServiceWorker } from './police-sw.ts';

const ICON_SIZES = [192, 512];

export const policeManifest = {
  name: 'Movement Pass — Police checkpoint',
  short_name: 'MP Police',
  description: 'Verify movement passes at a checkpoint, also without network.',
  start_url: '/police/',
  scope: '/police/',
  display: 'standalone',
  orientation: 'portrait',
  background_color: '#ffffff',
  theme_color: '#0b5d3b',
  icons: ICON_SIZES.map((size) => ({
    src: `/police/icon-${size}.png`,
    sizes: `${size}x${size}`,
    type: 'image/png',
    purpose: 'any maskable',
  })),
};

type Bundle = Parameters<NonNullable<Extract<Plugin['generateBundle'], (...args: never[]) => unknown>>>[1];

/** The entry chunk's files, static and dynamic imports (the decoder is needed offline too) and their CSS. */
export function entryFiles(bundle: Bundle, entryName: string): string[] {
  const files = new Set<string>();
  const visit = (fileName: string) => {
    const chunk = bundle[fileName];
    if (chunk?.type !== 'chunk' || files.has(fileName)) return;
    files.add(fileName);
    for (const css of chunk.viteMetadata?.importedCss ?? []) files.add(css);
    for (const asset of chunk.viteMetadata?.importedAssets ?? []) files.add(asset);
    for (const next of [...chunk.imports, ...chunk.dynamicImports]) visit(next);
  };
  const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry && c.name === entryName);
  if (!entry) throw new Error(`police-pwa: no entry chunk "${entryName}"`);
  visit(entry.fileName);
  return [...files].sort();
}

export function policePwa(entryName = 'police'): Plugin {
  return {
    name: 'movement-pass:police-pwa',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const size of ICON_SIZES)
        this.emitFile({ type: 'asset', fileName: `police/icon-${size}.png`, source: policeIcon(size) });
      this.emitFile({
        type: 'asset',
        fileName: 'police/manifest.webmanifest',
        source: `${JSON.stringify(policeManifest, null, 2)}\n`,
      });
      const files = [
        '/police/',
        '/police/manifest.webmanifest',
        ...ICON_SIZES.map((size) => `/police/icon-${size}.png`),
        ...entryFiles(bundle, entryName).map((file) => `/${file}`),
      ];
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      this.emitFile({ type: 'asset', fileName: 'police/sw.js', source: policeServiceWorker(files, version) });
    },
  };
}
