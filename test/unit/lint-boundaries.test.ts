/** The import boundaries between execution contexts are enforced by lint: check that they bite. */
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: join(import.meta.dirname, '..', '..') });

async function boundaryErrors(file: string, source: string): Promise<number> {
  const [result] = await eslint.lintText(source, { filePath: file });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').length;
}

describe('context boundaries', () => {
  it.each([
    ['src/page/x.ts', "import { detectAds } from '../core/detect';\nexport const y = detectAds;\n"],
    ['src/page/x.ts', "import browser from 'webextension-polyfill';\nexport const y = browser;\n"],
    ['src/core/x.ts', "import { handlers } from '../background/handlers';\nexport const y = handlers;\n"],
    ['src/shared/x.ts', "import { siteOf } from '../core/site';\nexport const y = siteOf;\n"],
    ['src/content/x.ts', "import { readKey } from '../platform/storage';\nexport const y = readKey;\n"],
    ['src/ui/popup/x.ts', "import { Scanner } from '../../content/scanner';\nexport const y = Scanner;\n"],
  ])('%s may not import that', async (file, source) => {
    expect(await boundaryErrors(file, source)).toBe(1);
  });

  it.each([
    ['src/content/x.ts', "import { detectAds } from '../core/detect';\nexport const y = detectAds;\n"],
    ['src/background/x.ts', "import { readKey } from '../platform/storage';\nexport const y = readKey;\n"],
    ['src/ui/popup/x.ts', "import { askBackground } from '../../platform/messaging';\nexport const y = askBackground;\n"],
  ])('%s may import that', async (file, source) => {
    expect(await boundaryErrors(file, source)).toBe(0);
  });
});
