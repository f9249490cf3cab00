// Debian's Chromium driven by playwright-core (flags per shared notes/tooling.md §8); a clear error when missing.
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = process.env.MP_CHROMIUM ?? '/usr/bin/chromium';

/** `args` are extra Chromium flags (e.g. the fake camera's). */
export async function launchChromium(args: readonly string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `no Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y --no-install-recommends chromium; .ci/run does) or set MP_CHROMIUM`,
    );
  // As root Playwright adds --no-sandbox itself (chromiumSandbox defaults to false).
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--disable-gpu', ...args] });
}
