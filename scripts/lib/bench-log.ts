/**
 * For `npm run bench`: the research log at 100,000 records, in Chromium's real IndexedDB. The
 * extension (its bench build, which adds the page src/ui/log-bench/) first visits the demo's
 * "why this ad" pages so that it logs real records; the bench page then copies those into
 * 100,000 records with their own ids, sites, days and advertisers and measures: the insert rate,
 * the NDJSON export (time, and the page's peak JavaScript heap while it runs), the dashboard's
 * first render with the full log (median of several loads), and the size on disk per record.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PROJECT_ROOT } from './build';
import { startDemoServer } from './demo-server';
import { ask, launchWithExtension } from './extension-browser';

export interface LogBench {
  records: number;
  insertPerSecond: number;
  exportMs: number;
  exportBytes: number;
  exportPeakHeapKb: number;
  firstRenderMs: number[];
  /** Where each load's time went: the page's DOMContentLoaded, the log opened (and the flush answered or given up), the first query done. */
  breakdown: { render: number; ready: number; query: number; loaded: number }[];
  bytesPerRecord: number;
}

const HOST_RULES = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1';

interface BenchApi {
  fill(n: number): Promise<{ records: number; ms: number }>;
  exportNdjson(): Promise<{ ms: number; bytes: number; records: number }>;
  usage(): Promise<{ usage: number; records: number }>;
}
declare const whyThisAdLogBench: BenchApi;

async function peakHeapWhile<T>(page: Page, work: () => Promise<T>): Promise<{ result: T; peakKb: number }> {
  const cdp = await page.context().newCDPSession(page);
  let peak = 0;
  let running = true;
  const sample = async (): Promise<void> => {
    while (running) {
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      peak = Math.max(peak, usedSize);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const sampling = sample();
  try {
    const result = await work();
    return { result, peakKb: peak / 1024 };
  } finally {
    running = false;
    await sampling;
    await cdp.detach();
  }
}

export async function runLogBench(extensionDir: string, total = 100_000, loads = 5): Promise<LogBench> {
  const server = await startDemoServer([join(PROJECT_ROOT, 'scripts', 'demo-site')]);
  const ext = await launchWithExtension({ extensionDir, args: [HOST_RULES] });
  try {
    const pages = readdirSync(join(PROJECT_ROOT, 'scripts', 'demo-site', 'why')).filter((f) => f.endsWith('.html'));
    for (const file of pages) {
      const page = await ext.context.newPage();
      await page.goto(`${server.siteOrigin}/why/${file}`, { waitUntil: 'load' });
      await page.waitForTimeout(1_500);
      await page.close();
    }
    await ask(ext, 'ui:flushLog', {});
    const bench = await ext.context.newPage();
    await bench.goto(`chrome-extension://${ext.extensionId}/src/ui/log-bench/index.html`);
    await bench.waitForFunction(() => document.title === 'log bench ready');
    const before = await bench.evaluate(() => whyThisAdLogBench.usage());
    const filled = await bench.evaluate((n) => whyThisAdLogBench.fill(n), total);
    const after = await bench.evaluate(() => whyThisAdLogBench.usage());
    const { result: exported, peakKb } = await peakHeapWhile(bench, () => bench.evaluate(() => whyThisAdLogBench.exportNdjson()));
    const firstRenderMs: number[] = [];
    const breakdown: { render: number; ready: number; query: number; loaded: number }[] = [];
    for (let i = 0; i < loads; i++) {
      const dashboard = await ext.context.newPage();
      await dashboard.goto(`chrome-extension://${ext.extensionId}/src/ui/dashboard/index.html`);
      await dashboard.waitForFunction(() => performance.getEntriesByName('dashboard-first-render').length > 0, undefined, { timeout: 30_000 });
      // (No named functions inside: tsx would wrap them in a helper the page does not have.)
      const marks = await dashboard.evaluate(() => {
        const [render, ready, query] = ['dashboard-first-render', 'dashboard-log-ready', 'dashboard-first-query'].map((name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN);
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        return { render: render as number, ready: ready as number, query: query as number, loaded: nav?.domContentLoadedEventEnd ?? NaN };
      });
      firstRenderMs.push(marks.render);
      breakdown.push(marks);
      await dashboard.close();
    }
    return {
      records: after.records,
      insertPerSecond: filled.records / (filled.ms / 1000),
      exportMs: exported.ms,
      exportBytes: exported.bytes,
      exportPeakHeapKb: peakKb,
      firstRenderMs,
      breakdown,
      bytesPerRecord: (after.usage - before.usage) / Math.max(1, after.records - before.records),
    };
  } finally {
    await ext.close();
    await server.close();
  }
}
