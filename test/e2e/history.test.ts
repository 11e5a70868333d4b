/**
 * The history-based retargeting reason in the browser. Optional permissions cannot be granted in
 * headless Chromium, so this runs a test-only copy of the built extension whose manifest asks for
 * `history` up front (the code is the release build's, byte for byte).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROME_BUILD } from '../../scripts/lib/build';
import { startAdTechProxy, type AdTechProxy } from '../../scripts/lib/adtech-proxy';
import { open, openPopupFor, settledReport, startHarness, type Harness } from './harness';

let dir: string;
let proxy: AdTechProxy;
let h: Harness;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'why-this-ad-history-'));
  cpSync(CHROME_BUILD, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { permissions: string[]; optional_permissions?: string[] };
  manifest.permissions.push('history');
  delete manifest.optional_permissions;
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  // The advertiser's site, without any pixel: only the history can tell that it was visited.
  proxy = await startAdTechProxy([], { 'acme-shoes.example': '<!doctype html><title>Acme Shoes</title><h1>Acme Shoes</h1>' });
  h = await startHarness([proxy.proxyArg, '--ignore-certificate-errors'], dir);
});
afterAll(async () => {
  await h?.close();
  await proxy?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('retargeting from the browsing history', () => {
  it('says an ad is perhaps retargeting when its advertiser\'s site is in the history, with the date', async () => {
    const { page: scenario, tabId } = await open(h, '/why/profiled.html');
    await scenario.waitForFunction(() => document.documentElement.getAttribute('data-why-demo') === 'done', undefined, { timeout: 15_000 });
    const before = await settledReport(h, scenario, (r) => (r?.ads.length ?? 0) === 1);
    expect(before?.ads[0]?.reasons.some((r) => r.kind === 'retargeting')).toBe(false);

    const shop = await h.ext.context.newPage();
    await shop.goto('https://acme-shoes.example/', { waitUntil: 'load' });
    await shop.close();
    await scenario.reload();
    await scenario.waitForFunction(() => document.documentElement.getAttribute('data-why-demo') === 'done', undefined, { timeout: 15_000 });
    const report = await settledReport(h, scenario, (r) => !!r?.ads[0]?.reasons.some((x) => x.kind === 'retargeting'), 15_000);
    const reason = report?.ads[0]?.reasons.find((x) => x.kind === 'retargeting');
    expect(reason).toMatchObject({ kind: 'retargeting', basis: 'inferred', detail: 'acme-shoes.example' });
    expect(reason?.evidence).toEqual([{ source: 'history', value: expect.stringMatching(/^you visited acme-shoes\.example, last on \d{4}-\d{2}-\d{2}$/) }]);

    // With the permission granted there is nothing to ask for in the popup.
    const popup = await openPopupFor(h, tabId);
    await popup.waitForSelector('[data-testid="reasons"]');
    expect(await popup.getByTestId('check-history').count()).toBe(0);
    expect(await popup.locator('[data-kind="retargeting"]').first().textContent()).toContain('Likely retargeting');
    await popup.close();
    await scenario.close();
  });
});
