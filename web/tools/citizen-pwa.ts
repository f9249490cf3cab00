// Vite plugin emitting the citizen site's service worker (sw.js at the root, scope '/'), precaching exactly the
// files the citizen page can load, under a cache named from their hashes and the inlined stylesheet.
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';
import { WEB_ENTRIES } from '../entries.ts';
import { citizenServiceWorker } from './citizen-sw.ts';
import { citizenInlineCss } from './inline-css.ts';
import { entryFiles } from './police-pwa.ts';

export function citizenPwa(entryName = 'citizen'): Plugin {
  return {
    name: 'movement-pass:citizen-pwa',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const files = ['/', ...entryFiles(bundle, entryName).map((file) => `/${file}`)];
      // The HTML carries the inlined stylesheet: a change there alone is a new shell too.
      const version = createHash('sha256')
        .update(files.join('\n'))
        .update(citizenInlineCss())
        .digest('hex')
        .slice(0, 12);
      const otherEntries = WEB_ENTRIES.filter((entry) => entry.path !== '/').map((entry) => entry.path);
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: citizenServiceWorker({ files, version, otherEntries }),
      });
    },
  };
}
