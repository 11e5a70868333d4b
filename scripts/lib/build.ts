/** Builds the extension when it has not been built yet (the crawl and `npm start` need dist/). */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..');
export const CHROME_BUILD = join(PROJECT_ROOT, 'dist', 'chrome');

export function ensureBuilt(log: (line: string) => void, force = false): string {
  if (force || !existsSync(join(CHROME_BUILD, 'manifest.json'))) {
    log(force ? 'Building the extension…' : 'The extension is not built yet: building it…');
    execFileSync(process.execPath, [join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  return CHROME_BUILD;
}
