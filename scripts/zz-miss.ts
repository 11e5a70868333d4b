import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROME_BUILD } from './lib/build';
import { benchPageHtml } from './lib/bench-page';
import { startDemoServer } from './lib/demo-server';
import { launchWithExtension, reportOf } from './lib/extension-browser';
const dir = mkdtempSync(join(tmpdir(), 'prof-'));
writeFileSync(join(dir, 'bench.html'), benchPageHtml());
const server = await startDemoServer([dir]);
const ext = await launchWithExtension({ extensionDir: CHROME_BUILD });
for (let i = 0; i < 6; i++) {
  const page = await ext.context.newPage();
  await page.goto(`${server.siteOrigin}/bench.html`);
  await page.waitForFunction(() => document.title === 'late ads inserted');
  await page.waitForTimeout(2500);
  const r = await reportOf(ext, page);
  const counts: Record<string, number> = {};
  for (const a of r?.ads ?? []) counts[a.detectedBy.join('+') + ':' + a.status] = (counts[a.detectedBy.join('+') + ':' + a.status] ?? 0) + 1;
  process.stdout.write(JSON.stringify(counts) + '\n');
  await page.close();
}
await ext.close(); await server.close();
