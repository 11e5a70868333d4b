/**
 * The research log under faults, in real Chromium with its real IndexedDB: the service worker
 * stopped while it writes, and a disk (the extension's storage quota) that is full.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ask, findWorker, waitForReady } from '../../scripts/lib/extension-browser';
import type { PageReport } from '../../src/shared/page-report';
import type { LogStatus } from '../../src/shared/protocol';
import { open, settledReport, shown, stopServiceWorker, useHarness, type Harness } from './harness';

const harness = useHarness();

interface StoredRecord {
  id: string;
  site: string;
  report: PageReport;
}

/** Reads the log's stores straight from IndexedDB, from one of the extension's pages. */
async function readLog(page: Page): Promise<{ records: StoredRecord[]; ads: number; dayAds: number; dayPages: number }> {
  return page.evaluate(
    () =>
      new Promise<{ records: StoredRecord[]; ads: number; dayAds: number; dayPages: number }>((resolve, reject) => {
        const req = indexedDB.open('why-this-ad-log');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction(['records', 'ads', 'days'], 'readonly');
          const records = tx.objectStore('records').getAll();
          const ads = tx.objectStore('ads').getAll();
          const days = tx.objectStore('days').getAll();
          tx.oncomplete = () => {
            const dayRows = days.result as { ads: number; pages: number }[];
            // One row per page in the ads store, holding that page's ads.
            const adRows = (ads.result as { ads: { status: string }[] }[]).flatMap((g) => g.ads);
            resolve({
              // A row of `records` is { id, at, site, json } (schema version 3): the record is its JSON.
              records: (records.result as { json: string }[]).map((row) => JSON.parse(row.json) as StoredRecord),
              ads: adRows.filter((a) => a.status === 'shown').length,
              dayAds: dayRows.reduce((n, d) => n + d.ads, 0),
              dayPages: dayRows.reduce((n, d) => n + d.pages, 0),
            });
            db.close();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

async function extensionPage(h: Harness): Promise<Page> {
  const page = await h.ext.context.newPage();
  await page.goto(`chrome-extension://${h.ext.extensionId}/src/ui/welcome/index.html`);
  return page;
}

/** Wakes the stopped worker with a real event and waits until it is ready again. */
async function wake(h: Harness): Promise<void> {
  await ask(h.ext, 'ui:getSettings', {});
  await waitForReady(await findWorker(h.ext.context));
}

describe('the research log under faults', () => {
  it('keeps what the popup was shown when the service worker is stopped in the middle of writing it', async () => {
    const h = harness();
    const { page, tabId } = await open(h, '/why/profiled.html');
    expect(shown(await settledReport(h, page, (r) => shown(r) === 1))).toBe(1);
    const reader = await extensionPage(h);
    // Stop the worker at different moments after the popup asked: before, during and after the write.
    for (const delayMs of [0, 2, 5, 10, 20, 40]) {
      await ask(h.ext, 'ui:deleteLog', {});
      // Reload so that the page is a new visit the deletion does not cover.
      await page.reload({ waitUntil: 'load' });
      expect(shown(await settledReport(h, page, (r) => shown(r) === 1))).toBe(1);
      const asked = ask<PageReport | null>(h.ext, 'ui:getReport', { tabId }).then(
        (r) => r,
        () => null,
      );
      await new Promise((r) => setTimeout(r, delayMs));
      await stopServiceWorker(reader);
      const received = await Promise.race([asked, new Promise<null>((r) => setTimeout(() => r(null), 1_000))]);
      await wake(h);
      await ask(h.ext, 'ui:flushLog', {});
      const log = await readLog(reader);
      if (received) {
        const kept = log.records.find((r) => r.report.url === new URL(received.url).origin);
        expect(kept, `stopped ${delayMs} ms after asking: the shown report is in the log`).toBeDefined();
        expect(kept?.report.ads.map((a) => a.id)).toEqual(received.ads.map((a) => a.id));
      }
      // Whatever happened, the log is whole: its aggregates agree with its records.
      const shownInRecords = log.records.reduce((n, r) => n + r.report.ads.filter((a) => a.status === 'shown').length, 0);
      expect(log.ads).toBe(shownInRecords);
      expect(log.dayAds).toBe(shownInRecords);
      expect(log.dayPages).toBe(log.records.length);
    }
    await reader.close();
    await page.close();
  });

  it('says the disk is full, corrupts nothing, and writes what waited once there is room', async () => {
    const h = harness();
    const reader = await extensionPage(h);
    await ask(h.ext, 'ui:deleteLog', {});
    // Three pages logged while there is room.
    for (const path of ['/why/profiled.html', '/why/contextual.html', '/why/gpt.html']) {
      const { page } = await open(h, path);
      await settledReport(h, page, (r) => shown(r) >= 1);
      await page.close();
    }
    await ask(h.ext, 'ui:flushLog', {});
    const before = await readLog(reader);
    expect(before.records.length).toBe(3);
    // The extension's origin gets a quota just above what it uses now, then a filler database takes the rest.
    const origin = `chrome-extension://${h.ext.extensionId}`;
    const cdp = await h.ext.context.newCDPSession(reader);
    const { usage } = await cdp.send('Storage.getUsageAndQuota', { origin });
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage + 256 * 1024 });
    const filled = await reader.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('filler', 1);
        req.onupgradeneeded = () => req.result.createObjectStore('junk');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      let stored = 0;
      // Big pieces first, then small ones, so that hardly any room is left.
      // (Chromium checks the quota against a usage figure it refreshes now and then, so the first
      // pieces may pass the quota by a little: the later, smaller ones fill what is left.)
      for (const size of [1024 * 1024, 16 * 1024, 1024, 128]) {
        for (let i = 0; i < 1_024; i++) {
          const ok = await new Promise<boolean>((resolve) => {
            const tx = db.transaction('junk', 'readwrite');
            tx.objectStore('junk').put(new Uint8Array(size).map((_, k) => (k * 7919 + i) & 255), `${size}:${i}`);
            tx.oncomplete = () => resolve(true);
            tx.onabort = () => resolve(false);
            tx.onerror = () => resolve(false);
          });
          if (!ok) break;
          stored += size;
        }
      }
      db.close();
      return stored;
    });
    expect(filled).toBeGreaterThan(0);
    // A disk that is full still lets small writes through now and then: enough for the log to
    // delete its oldest records (which rewrites its small day totals), not for a new record.
    const full = await cdp.send('Storage.getUsageAndQuota', { origin });
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: full.usage + 12 * 1024 });
    // A new page must now be logged on a full disk.
    const { page } = await open(h, '/why/sensitive.html');
    await settledReport(h, page, (r) => shown(r) >= 1);
    await ask(h.ext, 'ui:flushLog', {});
    const status = await ask<LogStatus>(h.ext, 'ui:getLogStatus', {});
    expect(status.problem?.code).toBe('full');
    const after = await readLog(reader);
    // Nothing corrupt: the stores still agree, and every record left is one of those written.
    const shownInRecords = after.records.reduce((n, r) => n + r.report.ads.filter((a) => a.status === 'shown').length, 0);
    expect(after.ads).toBe(shownInRecords);
    expect(after.dayAds).toBe(shownInRecords);
    expect(after.dayPages).toBe(after.records.length);
    // (An early, smaller state of the new page may have fitted before the disk filled: that is a whole record too.)
    expect(after.records.length).toBeGreaterThanOrEqual(before.records.length);
    // The dashboard says so in words.
    const dashboard = await h.ext.context.newPage();
    await dashboard.goto(`chrome-extension://${h.ext.extensionId}/src/ui/dashboard/index.html#view=log`);
    await expect.poll(() => dashboard.getByTestId('log-problem').getAttribute('data-code'), { timeout: 10_000 }).toBe('full');
    expect(await dashboard.getByTestId('log-problem').textContent()).toMatch(/full/i);
    // Room again: the next write succeeds and the problem goes.
    await reader.evaluate(() => new Promise((resolve) => (indexedDB.deleteDatabase('filler').onsuccess = resolve)));
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await page.reload({ waitUntil: 'load' });
    await settledReport(h, page, (r) => shown(r) >= 1);
    await ask(h.ext, 'ui:flushLog', {});
    expect((await ask<LogStatus>(h.ext, 'ui:getLogStatus', {})).problem).toBeNull();
    // Nothing was lost: the page seen while the disk was full is in the log now.
    const healed = await readLog(reader);
    expect(healed.records.some((r) => r.report.ads.some((a) => a.flags.some((f) => f.code === 'sensitive-category')))).toBe(true);
    expect(healed.ads).toBe(healed.records.reduce((n, r) => n + r.report.ads.filter((a) => a.status === 'shown').length, 0));
    await cdp.detach();
    await dashboard.close();
    await page.close();
    await reader.close();
  }, 120_000);
});
