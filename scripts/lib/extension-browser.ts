/**
 * Launches Chromium with the built extension, waits until its worker says it is ready, and gets
 * PageReports through the extension's own message protocol (from one of its pages), exactly as the
 * popup does. Shared by the crawl command, `npm start` and the end-to-end tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import type { PageReport } from '../../src/shared/page-report';
import { findChromium, QUIET_FLAGS } from './chromium';

export interface LaunchOptions {
  extensionDir: string;
  headless?: boolean;
  /** Extra Chromium flags, e.g. --host-resolver-rules or a proxy. */
  args?: string[];
  executablePath?: string;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** An extension page kept open to talk to the background as the popup does. */
  control: Page;
  worker(): Promise<Worker>;
  close(): Promise<void>;
}

const READY_TIMEOUT_MS = 15_000;

export async function findWorker(context: BrowserContext, timeoutMs = 10_000): Promise<Worker> {
  const existing = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  if (existing) return existing;
  return context.waitForEvent('serviceworker', { timeout: timeoutMs, predicate: (w) => w.url().startsWith('chrome-extension://') });
}

export async function waitForReady(worker: Worker, timeoutMs = READY_TIMEOUT_MS): Promise<{ bootId: string }> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ready = await worker.evaluate(async () => {
      const got = await chrome.storage.session.get('ready');
      return got.ready as { bootId: string } | undefined;
    });
    if (ready) return ready;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('The extension did not become ready in time.');
}

export async function launchWithExtension(options: LaunchOptions): Promise<ExtensionBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'why-this-ad-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: options.executablePath ?? findChromium(),
    headless: options.headless ?? true,
    viewport: { width: 1280, height: 900 },
    // Playwright turns the back/forward cache off; people browse with it on, so we test with it on.
    ignoreDefaultArgs: ['--disable-back-forward-cache'],
    args: [
      ...QUIET_FLAGS,
      `--disable-extensions-except=${options.extensionDir}`,
      `--load-extension=${options.extensionDir}`,
      ...(options.args ?? []),
    ],
  });
  try {
    const worker = await findWorker(context);
    await waitForReady(worker);
    const extensionId = new URL(worker.url()).host;
    const control = await context.newPage();
    await control.goto(`chrome-extension://${extensionId}/src/ui/settings/index.html`);
    return {
      context,
      extensionId,
      control,
      worker: () => findWorker(context),
      close: async () => {
        await context.close().catch(() => undefined);
        rmSync(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context.close().catch(() => undefined);
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
}

/** The browser's tab id of a Playwright page (the extension knows tabs by id, Playwright does not). */
export async function tabIdOf(ext: ExtensionBrowser, page: Page): Promise<number> {
  await page.bringToFront();
  const url = page.url();
  const id = await ext.control.evaluate(async (pageUrl) => {
    const [active] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    if (active?.id !== undefined && active.url === pageUrl) return active.id;
    const matching = (await chrome.tabs.query({})).filter((t) => t.url === pageUrl && t.id !== undefined);
    return matching.length ? Math.max(...matching.map((t) => t.id as number)) : null;
  }, url);
  if (id === null) throw new Error(`No tab found for ${url}`);
  return id;
}

type Reply<T> = { ok: true; data: T } | { ok: false; error: string };

/** Asks the background, from the extension's control page, as the popup would. */
export async function ask<T>(ext: ExtensionBrowser, type: string, payload: unknown): Promise<T> {
  const reply = await ext.control.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload] as const);
  const r = reply as Reply<T> | undefined;
  if (!r) throw new Error(`${type}: no reply`);
  if (!r.ok) throw new Error(`${type}: ${r.error}`);
  return r.data;
}

export async function reportOf(ext: ExtensionBrowser, page: Page): Promise<PageReport | null> {
  return ask<PageReport | null>(ext, 'ui:getReport', { tabId: await tabIdOf(ext, page) });
}

/** The toolbar badge text of a tab. */
export async function badgeOf(ext: ExtensionBrowser, tabId: number): Promise<string> {
  return ext.control.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
}
