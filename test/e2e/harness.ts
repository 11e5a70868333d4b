/**
 * What every end-to-end test needs: the local demo and fixture pages on two origins, a headless
 * Chromium with the built extension (real ad-tech hostnames mapped to this machine), and helpers
 * that read the extension's state the way its own pages do.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { PageReport } from '../../src/shared/page-report';
import { CHROME_BUILD, PROJECT_ROOT } from '../../scripts/lib/build';
import { startDemoServer, type DemoServer } from '../../scripts/lib/demo-server';
import { badgeOf, launchWithExtension, reportOf, tabIdOf, type ExtensionBrowser } from '../../scripts/lib/extension-browser';

/** Ad hosts used by the fixture pages; Chromium resolves them to 127.0.0.1. */
export const MAPPED_HOSTS = ['ib.adnxs.com', 'cas.criteo.com', 'ap.lijit.com'];
/**
 * Every other name resolves to nothing: saved real pages name real hosts (images, scripts), and
 * a test must never reach out for them.
 */
export const HOST_RULES = `--host-resolver-rules=${[...MAPPED_HOSTS.map((h) => `MAP ${h} 127.0.0.1`), 'MAP * ~NOTFOUND', 'EXCLUDE localhost', 'EXCLUDE 127.0.0.1'].join(', ')}`;

/** The saved real pages in ../shared/data/pages, served under /shared-pages/ when present. */
export const SHARED_PAGES = join(PROJECT_ROOT, '..', 'shared', 'data', 'pages');

export interface Harness {
  ext: ExtensionBrowser;
  server: DemoServer;
  close(): Promise<void>;
}

export async function startHarness(extraArgs: string[] = [], extensionDir = CHROME_BUILD): Promise<Harness> {
  const server = await startDemoServer([join(PROJECT_ROOT, 'scripts', 'demo-site'), join(PROJECT_ROOT, 'test', 'fixtures', 'pages')], '127.0.0.1', {
    '/shared-pages/': SHARED_PAGES,
  });
  const ext = await launchWithExtension({ extensionDir, args: [HOST_RULES, ...extraArgs] });
  return {
    ext,
    server,
    close: async () => {
      await ext.close();
      await server.close();
    },
  };
}

/**
 * Starts a harness before the tests of the file (or describe block) that calls it and closes it
 * after them; the returned function gives the running harness inside a test.
 */
export function useHarness(extraArgs: string[] = []): () => Harness {
  let started: Harness | undefined;
  beforeAll(async () => {
    started = await startHarness(extraArgs);
  });
  afterAll(async () => {
    await started?.close();
  });
  return () => {
    if (!started) throw new Error('the test harness did not start');
    return started;
  };
}

export interface OpenPage {
  page: Page;
  tabId: number;
}

export async function open(h: Harness, path: string): Promise<OpenPage> {
  const page = await h.ext.context.newPage();
  await page.goto(`${h.server.siteOrigin}${path}`, { waitUntil: 'load' });
  return { page, tabId: await tabIdOf(h.ext, page) };
}

export const shown = (r: PageReport | null): number => (r ? r.ads.filter((a) => a.status === 'shown').length : -1);

/**
 * Polls the report until `done` holds, then checks that it still holds a moment later (so a
 * count is the settled one, not a passing state). Returns the last report.
 */
export async function settledReport(h: Harness, page: Page, done: (r: PageReport | null) => boolean, timeoutMs = 10_000): Promise<PageReport | null> {
  const deadline = Date.now() + timeoutMs;
  let report = await reportOf(h.ext, page);
  while (Date.now() < deadline) {
    if (done(report)) {
      await page.waitForTimeout(400);
      report = await reportOf(h.ext, page);
      if (done(report)) return report;
    }
    await page.waitForTimeout(100);
    report = await reportOf(h.ext, page);
  }
  return report;
}

export async function settledBadge(h: Harness, tabId: number, expected: string, timeoutMs = 5_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = await badgeOf(h.ext, tabId);
  while (text !== expected && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    text = await badgeOf(h.ext, tabId);
  }
  return text;
}

/** Summarises ads for exact comparisons: status, detectors, element id, frame origin. */
export function summary(report: PageReport | null): string[] {
  return (report?.ads ?? []).map((a) => {
    let frame = 'top';
    if (a.slot.frameUrl) {
      try {
        const u = new URL(a.slot.frameUrl);
        frame = u.protocol === 'about:' ? a.slot.frameUrl : u.pathname;
      } catch {
        frame = a.slot.frameUrl;
      }
    }
    return `${a.status} ${a.detectedBy.join('+')} ${a.slot.elementId ?? '-'} ${a.slot.width}x${a.slot.height} ${frame}`;
  });
}

/** The popup, opened as a page for a given tab (the toolbar popup cannot be opened headless). */
export async function openPopupFor(h: Harness, tabId: number, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const popup = await h.ext.context.newPage();
  await popup.emulateMedia({ colorScheme });
  await popup.setViewportSize({ width: 380, height: 900 });
  await popup.goto(`chrome-extension://${h.ext.extensionId}/src/ui/popup/index.html?tabId=${tabId}`);
  return popup;
}

const AXE = readFileSync(join(PROJECT_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the debugger protocol: the extension's CSP rightly forbids inline scripts.
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }> } }).axe;
    const result = await axe.run();
    return result.violations.map((v) => `${v.impact ?? '?'} ${v.id} (${v.nodes.length})`);
  });
}

/** Stops every service worker through CDP, as Chromium does to an idle worker, and waits until it has stopped. */
export async function stopServiceWorker(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  const stopped = new Promise<void>((resolve) => {
    cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
      const ours = event.versions.filter((v) => v.scriptURL.startsWith('chrome-extension://'));
      if (ours.length && ours.every((v) => v.runningStatus === 'stopped')) resolve();
    });
  });
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
  await cdp.detach();
}
