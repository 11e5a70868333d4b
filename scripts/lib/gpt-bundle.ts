/**
 * Compiles the Google Publisher Tag stand-in (scripts/demo-site/gpt-standin.ts) for the browser
 * with esbuild, in memory, once per creative origin (the demo server's second origin, where the
 * stand-in's creatives come from). Served at /vendor/gpt.js.
 */
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { PROJECT_ROOT } from './build';

export const GPT_STANDIN_ENTRY = join(PROJECT_ROOT, 'scripts', 'demo-site', 'gpt-standin.ts');

const built = new Map<string, string>();

export function buildGptBundle(creativeOrigin: string): string {
  let code = built.get(creativeOrigin);
  if (code === undefined) {
    code = buildSync({
      entryPoints: [GPT_STANDIN_ENTRY],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2020',
      define: { __WTA_CREATIVE_ORIGIN__: JSON.stringify(creativeOrigin) },
      logLevel: 'silent',
    }).outputFiles[0]?.text;
    if (!code) throw new Error('esbuild produced no GPT stand-in bundle');
    code = `/* A stand-in for gpt.js (the real one cannot be installed here); see scripts/demo-site/gpt-standin.ts */\n${code}`;
    built.set(creativeOrigin, code);
  }
  return code;
}
