/**
 * For `npm run bench`: what the network observer costs the background. A local page makes 2,000
 * requests (the replay of scripts/lib/request-replay.ts: ad-tech bids, syncs, pixels, first-party
 * assets) through the test proxy, which answers for every host itself; then the service worker's
 * JavaScript heap (through the DevTools protocol, after a garbage collection) and the size of its
 * state in storage.session are read, and compared with the same worker before the page.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { startAdTechProxy } from './adtech-proxy';
import { startDemoServer } from './demo-server';
import { findWorker, launchWithExtension } from './extension-browser';
import { replayUrls } from './request-replay';

export interface NetworkBench {
  requests: number;
  heapBeforeKb: number;
  heapAfterKb: number;
  sessionBytes: number;
  companies: number;
}

const PORT = 9_347;

function pageHtml(urls: readonly string[]): string {
  return `<!doctype html><title>2,000 requests</title><script>
const urls = ${JSON.stringify(urls)};
Promise.all(urls.map((u, i) => new Promise((done) => { const img = new Image(); img.onload = img.onerror = done; img.src = u; })))
  .then(() => { document.title = 'requests done'; });
</script>`;
}

async function workerHeapKb(): Promise<number> {
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${PORT}` });
  try {
    const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'), { timeout: 10_000 });
    const cdp = await target.createCDPSession();
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    await cdp.detach();
    return usedSize / 1024;
  } finally {
    await browser.disconnect();
  }
}

export async function runNetworkBench(extensionDir: string, count = 2_000): Promise<NetworkBench> {
  const urls = replayUrls(count, 11).map((u) => u.replace(/^http:/, 'https:'));
  const hosts = [...new Set(urls.map((u) => new URL(u).hostname))];
  const dir = mkdtempSync(join(tmpdir(), 'why-this-ad-bench-net-'));
  writeFileSync(join(dir, 'requests.html'), pageHtml(urls));
  const proxy = await startAdTechProxy(hosts);
  const server = await startDemoServer([dir]);
  const ext = await launchWithExtension({ extensionDir, args: [proxy.proxyArg, '--ignore-certificate-errors', `--remote-debugging-port=${PORT}`] });
  try {
    const worker = await findWorker(ext.context);
    const heapBeforeKb = await workerHeapKb();
    const page = await ext.context.newPage();
    await page.goto(`${server.siteOrigin}/requests.html`);
    await page.waitForFunction(() => document.title === 'requests done', undefined, { timeout: 120_000 });
    // The observer writes its state in batches: give the last one its moment.
    await page.waitForTimeout(1_000);
    const heapAfterKb = await workerHeapKb();
    const sessionBytes = await worker.evaluate(() => chrome.storage.session.getBytesInUse(null));
    const companies = await worker.evaluate(async () => {
      const all = await chrome.storage.session.get(null);
      const nets = Object.entries(all).filter(([k]) => k.startsWith('net:')).map(([, v]) => v as { state?: { companies?: object } });
      return Math.max(0, ...nets.map((n) => Object.keys(n.state?.companies ?? {}).length));
    });
    await page.close();
    return { requests: proxy.seen.length, heapBeforeKb, heapAfterKb, sessionBytes, companies };
  } finally {
    await ext.close();
    await server.close();
    await proxy.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
