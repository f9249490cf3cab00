// A page loaded on demand that survives a release: when its chunk cannot be fetched (this tab still runs the old
// build, whose files the new service worker no longer keeps, and there is no network), the tab reloads once, onto
// the current build's HTML and files together, rather than staying on a broken mix of old and new.
import { lazy } from 'preact-iso';

const RELOADED_KEY = 'mp.citizen.reloadedForChunk';

function reloadOnce(error: unknown): never {
  let last = 0;
  try {
    last = Number(sessionStorage.getItem(RELOADED_KEY) ?? 0);
    sessionStorage.setItem(RELOADED_KEY, String(Date.now()));
  } catch {
    // no storage: one reload at most is still the aim, so do not loop
    last = Date.now();
  }
  // A reload a moment ago did not help: show the error rather than loop.
  if (Date.now() - last > 10_000) location.reload();
  throw error;
}

export function lazyPage<T>(load: () => Promise<T>): T {
  return lazy(() => load().catch(reloadOnce));
}
