// The web's entries (one page per role): where each is served, its HTML, and its size budget. Add a role here.

export interface WebEntry {
  /** Also the source folder of the entry's code (web/<name>/). */
  name: string;
  /** URL prefix the entry owns; '/' is the fallback for every other path. Ends with '/'. */
  path: string;
  /** gzipped bytes the page loads before the user acts (entry chunk, its static imports, its CSS). */
  budget: { js: number; css: number };
}

const KB = 1024;

export const WEB_ENTRIES: readonly WebEntry[] = [
  { name: 'citizen', path: '/', budget: { js: 60 * KB, css: 15 * KB } },
  { name: 'officer', path: '/officer/', budget: { js: 60 * KB, css: 15 * KB } },
  // Before the QR decoder loads (a lazy chunk, only where the browser has no native BarcodeDetector).
  { name: 'police', path: '/police/', budget: { js: 40 * KB, css: 15 * KB } },
  { name: 'manager', path: '/manager/', budget: { js: 60 * KB, css: 15 * KB } },
  { name: 'sre', path: '/sre/', budget: { js: 40 * KB, css: 15 * KB } },
  { name: 'admin', path: '/admin/', budget: { js: 60 * KB, css: 15 * KB } },
];

/** The HTML file of an entry, relative to web/ (and to web/dist after the build). */
export const entryHtml = (entry: WebEntry): string => `${entry.path.slice(1)}index.html`;

/** The entry owning a URL path: the longest matching prefix, '/' (the citizen site) otherwise. */
export function entryForPath(pathname: string, entries: readonly WebEntry[] = WEB_ENTRIES): WebEntry {
  let best: WebEntry | undefined;
  for (const entry of entries) {
    const owns = pathname.startsWith(entry.path) || `${pathname}/` === entry.path;
    if (owns && (!best || entry.path.length > best.path.length)) best = entry;
  }
  const fallback = entries.find((entry) => entry.path === '/');
  if (!best && !fallback) throw new Error('no web entry serves "/"');
  return (best ?? fallback) as WebEntry;
}

/** A path that names a file (has an extension in its last segment) is never a client-side route. */
export const isFilePath = (pathname: string): boolean =>
  /\.[A-Za-z0-9]+$/.test(pathname.split('/').pop() ?? '');
