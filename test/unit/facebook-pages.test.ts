/**
 * The saved Facebook pages in ../shared/data/pages/facebook-2018 (ProPublica's fixtures, MIT):
 * exactly one ad in the timeline ad, one in the sidebar ad, none in the plain timeline.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, loadHtml } from './dom-fixture';

const DIR = join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'pages', 'facebook-2018');
const present = existsSync(DIR);
if (!present) process.stderr.write(`Facebook page tests skipped: ${DIR} is absent (it sits beside the project in the team's checkout).\n`);

describe.skipIf(!present)('saved Facebook pages', () => {
  const detect = (file: string) => detectIn(loadHtml(`<!doctype html><html><body>${readFileSync(join(DIR, file), 'utf8')}</body></html>`, 'https://www.facebook.com/'));

  it('timeline ad: 1 sponsored post', async () => {
    expect((await detect('timeline-ad.html')).map((a) => [a.status, a.format, a.detectedBy, a.label])).toEqual([['shown', 'sponsored-post', ['label'], 'Sponsored']]);
  });
  it('sidebar ad: 1 sponsored block', async () => {
    expect((await detect('sidebar-ad.html')).map((a) => [a.status, a.format, a.detectedBy, a.label])).toEqual([['shown', 'sponsored-post', ['label'], 'Sponsored']]);
  });
  it('plain timeline: no ad', async () => {
    expect(await detect('timeline.html')).toEqual([]);
  });
});
