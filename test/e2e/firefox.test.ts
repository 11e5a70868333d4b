/**
 * The Firefox build in a real Firefox (Debian's firefox-esr, driven by puppeteer-core over
 * WebDriver BiDi). moz-extension:// pages cannot be opened over BiDi, so this test uses the
 * `firefox-test` build, whose content script hands the page the report the background made
 * (see src/content/test-hooks.ts); real builds contain no such hook, which is checked here too.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../scripts/lib/build';
import { startDemoServer, type DemoServer } from '../../scripts/lib/demo-server';
import type { PageReport } from '../../src/shared/page-report';
import { shown } from './harness';

const FIREFOX = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p): p is string => !!p && existsSync(p));
if (!FIREFOX) process.stderr.write('Firefox tests skipped: no Firefox found (apt-get install firefox-esr, or set FIREFOX_PATH).\n');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

async function reportIn(page: Page): Promise<PageReport | null> {
  const detail = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        document.addEventListener('why-this-ad-test:report', (e) => resolve(String((e as CustomEvent<unknown>).detail)), { once: true });
        document.dispatchEvent(new CustomEvent('why-this-ad-test:get-report'));
        setTimeout(() => resolve('null'), 2_000);
      }),
  );
  return JSON.parse(detail) as PageReport | null;
}

async function settled(page: Page, done: (r: PageReport | null) => boolean, timeoutMs = 15_000): Promise<PageReport | null> {
  const deadline = Date.now() + timeoutMs;
  let report = await reportIn(page);
  while (!done(report) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    report = await reportIn(page);
  }
  return report;
}

describe('release builds', () => {
  it('contain no test hook', () => {
    const built = ['chrome', 'firefox'].map((b) => join(PROJECT_ROOT, 'dist', b)).filter((d) => existsSync(d));
    expect(built.length).toBeGreaterThan(0);
    for (const dir of built) {
      for (const file of filesUnder(dir).filter((f) => f.endsWith('.js'))) {
        expect(readFileSync(file, 'utf8').includes('why-this-ad-test'), file).toBe(false);
      }
    }
  });
});

describe.skipIf(!FIREFOX)('Firefox', () => {
  let browser: Browser;
  let server: DemoServer;

  beforeAll(async () => {
    execFileSync(process.execPath, [join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--mode', 'firefox-test', '--logLevel', 'error'], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    server = await startDemoServer([join(PROJECT_ROOT, 'scripts', 'demo-site')]);
    browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
    await browser.installExtension(join(PROJECT_ROOT, 'dist', 'firefox-test'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('finds the demo page\'s ads in the top frame and in a cross-origin frame', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.siteOrigin}/`);
    const report = await settled(page, (r) => shown(r) === 5 && r?.ads.length === 7);
    expect(report?.ads.map((a) => `${a.status} ${a.detectedBy.join('+')} ${a.slot.frameUrl ? new URL(a.slot.frameUrl).pathname : 'top'}`)).toEqual([
      'shown gpt top',
      'shown adsense top',
      'unfilled adsense top',
      'collapsed gpt top',
      'shown gpt+safeframe top',
      'shown gpt /partner-widget.html',
      'shown adsense /partner-widget.html',
    ]);
    await page.close();
  });

  it('shows the new page\'s ads after a single-page-app navigation', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.siteOrigin}/spa.html`);
    expect(shown(await settled(page, (r) => shown(r) === 2))).toBe(2);
    await page.click('#next');
    const after = await settled(page, (r) => !!r?.url.endsWith('/spa-story-2') && shown(r) === 1);
    expect(after?.ads.map((a) => a.slot.elementId)).toEqual(['div-gpt-ad-1700000000100-3']);
    await page.close();
  });

  it('reports 0 ads on a page without ads', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.siteOrigin}/no-ads.html`);
    const report = await settled(page, (r) => r !== null);
    expect(report?.ads).toEqual([]);
    await page.close();
  });
});
