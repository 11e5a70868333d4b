/** Every detector in real Chromium on fixture pages with expected-result files: exact ads, and exactly none on decoys. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../scripts/lib/build';
import { open, settledBadge, settledReport, shown, SHARED_PAGES, summary, useHarness } from './harness';

const harness = useHarness();

const expected = JSON.parse(readFileSync(join(PROJECT_ROOT, 'test', 'fixtures', 'pages', 'kinds.expected.json'), 'utf8')) as { before: string[]; late: string[] };
const sorted = (a: string[]): string[] => [...a].sort();

describe('every kind of ad', () => {
  it('finds exactly the expected ads in the top, same-origin and cross-origin frames, then the ones inserted 2 s after load', async () => {
    const h = harness();
    const { page, tabId } = await open(h, '/kinds.html');
    const before = await settledReport(h, page, (r) => shown(r) === expected.before.length, 5_000);
    // The late ads must not be there yet: the first assertion is on the page as it loaded.
    if ((await page.title()) !== 'late ads inserted') expect(sorted(summary(before))).toEqual(sorted(expected.before));
    await page.waitForFunction(() => document.title === 'late ads inserted', undefined, { timeout: 10_000 });
    const all = [...expected.before, ...expected.late];
    const after = await settledReport(h, page, (r) => shown(r) === all.length);
    expect(sorted(summary(after))).toEqual(sorted(all));
    expect(await settledBadge(h, tabId, String(all.length))).toBe(String(all.length));
    await page.close();
  });
});

const facebook = join(SHARED_PAGES, 'facebook-2018');
if (!existsSync(facebook)) process.stderr.write(`Facebook page tests skipped: ${facebook} is absent.\n`);

describe.skipIf(!existsSync(facebook))('saved Facebook pages (ProPublica fixtures)', () => {
  it.each([
    ['timeline-ad.html', 1],
    ['sidebar-ad.html', 1],
    ['timeline.html', 0],
  ])('%s has exactly %i ad', async (file, count) => {
    const h = harness();
    const { page } = await open(h, `/shared-pages/facebook-2018/${file}`);
    await page.waitForTimeout(1_000);
    const report = await settledReport(h, page, (r) => r !== null && shown(r) === count);
    expect(report?.ads.map((a) => [a.status, a.format, a.detectedBy.join('+')])).toEqual(Array.from({ length: count }, () => ['shown', 'sponsored-post', 'label']));
    await page.close();
  });
});
