/**
 * Finds a Chromium to drive. CHROMIUM_PATH wins; otherwise the usual install locations. When none
 * is found the error says how to install one, since a download of our own is not possible here.
 */
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export class BrowserNotFoundError extends Error {}

export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.CHROMIUM_PATH;
  if (override) {
    if (existsSync(override)) return override;
    throw new BrowserNotFoundError(`CHROMIUM_PATH is set to ${override}, but there is no file there.`);
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  throw new BrowserNotFoundError(
    [
      'No Chromium found. Install one, for example on Debian or Ubuntu:',
      '  sudo apt-get install -y --no-install-recommends chromium',
      'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
    ].join('\n'),
  );
}

/** Flags that keep Chromium from reaching the network on its own and make it start quickly. */
export const QUIET_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=Translate,OptimizationHints,MediaRouter',
];
