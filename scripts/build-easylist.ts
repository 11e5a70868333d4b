/**
 * Maintainers: `npx tsx scripts/build-easylist.ts [path/to/easylist.txt]` regenerates
 * src/core/data/easylist-generic.json from the EasyList copy in ../shared/data/filterlists
 * (or the file given). The extension never downloads the list itself.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './lib/build';
import { indexGenericRules } from './lib/easylist';

export const EASYLIST_SOURCE = join(PROJECT_ROOT, '..', 'shared', 'data', 'filterlists', 'easylist.txt');
export const EASYLIST_DATA = join(PROJECT_ROOT, 'src', 'core', 'data', 'easylist-generic.json');

export function buildEasyListData(text: string): string {
  const { byToken, rules, skipped, version } = indexGenericRules(text);
  return `${JSON.stringify({
    source: 'EasyList (https://easylist.to/), generic element-hiding rules only',
    version,
    licence: 'EasyList is dual licensed under GPL-3.0-or-later and CC BY-SA 3.0; © The EasyList authors. This derived file is under CC BY-SA 3.0.',
    rules,
    skippedWithoutToken: skipped,
    byToken,
  })}\n`;
}

if (process.argv[1]?.endsWith('build-easylist.ts')) {
  const source = process.argv[2] ?? EASYLIST_SOURCE;
  const data = buildEasyListData(readFileSync(source, 'utf8'));
  writeFileSync(EASYLIST_DATA, data);
  process.stdout.write(`wrote ${EASYLIST_DATA} (${(data.length / 1024).toFixed(0)} KB) from ${source}\n`);
}
