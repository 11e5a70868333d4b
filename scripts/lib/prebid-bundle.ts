/**
 * Builds a prebid.js bundle from the real package's prebuilt chunks, the way its own
 * `gulp bundle` task does: the core, the chunks it and the chosen modules depend on (from the
 * package's dependencies.json), the modules, wrapped in the package's bundle template so that
 * the command queue runs. Offline, in memory, for the demo site and the tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './build';

const PACKAGE = join(PROJECT_ROOT, 'node_modules', 'prebid.js');
const CHUNKS = join(PACKAGE, 'dist', 'chunks');

export function prebidVersion(): string {
  return (JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')) as { version: string }).version;
}

export function buildPrebidBundle(modules: readonly string[] = ['billow_rtb25BidAdapter'], globalVarName = 'pbjs'): string {
  const deps = JSON.parse(readFileSync(join(CHUNKS, 'dependencies.json'), 'utf8')) as Record<string, string[]>;
  const entries = ['prebid-core.js', ...modules.map((m) => `${m}.js`)];
  const files: string[] = [];
  const add = (file: string): void => {
    if (!files.includes(file)) files.push(file);
  };
  add('prebid-core.js');
  for (const entry of entries) for (const dep of deps[entry] ?? []) add(dep);
  for (const entry of entries) add(entry);
  const source = files.map((f) => readFileSync(join(CHUNKS, f), 'utf8')).join('\n');
  // The package's bundle-template.txt, filled in as its gulpfile does (debug off: no CDN fetches).
  return [
    `/* prebid.js v${prebidVersion()} from npm, modules: ${modules.join(', ')} (bundled locally for the demo) */`,
    `if (!window.${globalVarName} || !window.${globalVarName}.libLoaded) {`,
    `(function(){${source}})();`,
    `${globalVarName}.processQueue();`,
    '}',
  ].join('\n');
}
