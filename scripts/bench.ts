/**
 * `npm run bench`: what the content scripts cost a page. On a generated page of ~10,000 elements
 * with 20 ads (5 inserted a second after load) it measures, over RUNS runs in headless Chromium:
 * the time spent in our scripts from CDP tracing (total and longest task, median of the runs;
 * our calls with the promise continuations they run, in wall-clock and in CPU time, see
 * lib/trace.ts), the first scan of the demo page's top frame (its own time, from a timing build),
 * the JavaScript heap the extension adds per frame (with and without it, after garbage
 * collection), and the minified sizes of the content script and the probe. Then the network
 * observer: the directory's classification time per request over a replay of 20,000 realistic
 * URLs, and the background's heap and session storage after a page of 2,000 requests. Targets from
 * the project's issues are printed beside each figure; the command fails only if it cannot measure.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { ensureBuilt, PROJECT_ROOT } from './lib/build';
import { findChromium, QUIET_FLAGS } from './lib/chromium';
import { log, runMain } from './lib/cli';
import { runNetworkBench } from './lib/bench-network';
import { runLogBench, type LogBench } from './lib/bench-log';
import { REQUEST_TARGETS, runRequestBench } from './bench-requests';
import { benchPageHtml, BENCH_ADS } from './lib/bench-page';
import { startDemoServer } from './lib/demo-server';
import { launchWithExtension, reportOf } from './lib/extension-browser';
import { median, scriptTime, type TraceEvent } from './lib/trace';

// Nine runs: two cores are noisy, and the median of five still moved by ±3 ms between invocations.
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const SETTLE_MS = 2_500;
const TARGETS = { totalMs: 25, longestMs: 10, contentKb: 40, probeKb: 8 };
const LOG_TARGETS = { insertPerSecond: 5_000, exportMs: 3_000, firstRenderMs: 300 };
const LOG_RECORDS = Number(process.env.BENCH_LOG_RECORDS ?? 100_000);

function logLines(b: LogBench): string[] {
  const render = median(b.firstRenderMs);
  return [
    `Research log (${b.records.toLocaleString('en')} records in Chromium's IndexedDB)`,
    `  insert rate                    ${Math.round(b.insertPerSecond).toLocaleString('en')} records/s   target ≥ ${LOG_TARGETS.insertPerSecond.toLocaleString('en')}   ${b.insertPerSecond >= LOG_TARGETS.insertPerSecond ? 'ok' : 'UNDER TARGET'}`,
    `  NDJSON export                  ${(b.exportMs / 1000).toFixed(2)} s for ${kb(b.exportBytes)}   target ≤ ${LOG_TARGETS.exportMs / 1000} s   ${verdict(b.exportMs, LOG_TARGETS.exportMs)}; page's peak JS heap meanwhile ${kb(b.exportPeakHeapKb * 1024)}`,
    `  dashboard first render         ${render.toFixed(0)} ms (median of ${b.firstRenderMs.length}: ${b.firstRenderMs.map((v) => v.toFixed(0)).join(', ')})   target ≤ ${LOG_TARGETS.firstRenderMs} ms   ${verdict(render, LOG_TARGETS.firstRenderMs)}`,
    `    of which (median)            page loaded ${median(b.breakdown.map((x) => x.loaded)).toFixed(0)} ms, log open ${median(b.breakdown.map((x) => x.ready)).toFixed(0)} ms, first query done ${median(b.breakdown.map((x) => x.query)).toFixed(0)} ms`,
    `  size on disk per record        ${kb(b.bytesPerRecord)}`,
  ];
}
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing'].join(',');

async function traced(page: Page, url: string, waitForLate = true): Promise<TraceEvent[]> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  await page.goto(url, { waitUntil: 'load' });
  if (waitForLate) await page.waitForFunction(() => document.title === 'late ads inserted', undefined, { timeout: 10_000 });
  await page.waitForTimeout(SETTLE_MS);
  await cdp.send('Tracing.end');
  await done;
  await cdp.detach();
  return events;
}

async function heapUsed(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

async function baselineHeaps(url: string): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'why-this-ad-bench-'));
  const context: BrowserContext = await chromium.launchPersistentContext(dir, { executablePath: findChromium(), headless: true, args: QUIET_FLAGS });
  try {
    const heaps: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForFunction(() => document.title === 'late ads inserted', undefined, { timeout: 10_000 });
      await page.waitForTimeout(SETTLE_MS);
      heaps.push(await heapUsed(page));
      await page.close();
    }
    return heaps;
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The Chrome build with scan timings (vite mode chrome-bench), for the first-scan figure only. */
function ensureBenchBuild(): string {
  execFileSync(process.execPath, [join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--mode', 'chrome-bench', '--logLevel', 'error'], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return join(PROJECT_ROOT, 'dist', 'chrome-bench');
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const verdict = (value: number, target: number): string => (value <= target ? 'ok' : 'OVER TARGET');

async function main(): Promise<number> {
  // BENCH_ONLY=log measures the research log alone.
  if (process.env.BENCH_ONLY === 'log') {
    const b = await runLogBench(ensureBenchBuild(), LOG_RECORDS);
    process.stdout.write(`${logLines(b).join('\n')}\n`);
    return 0;
  }
  const extensionDir = ensureBuilt(log, true);
  const dir = mkdtempSync(join(tmpdir(), 'why-this-ad-bench-page-'));
  writeFileSync(join(dir, 'bench.html'), benchPageHtml());
  const server = await startDemoServer([dir, join(PROJECT_ROOT, 'scripts', 'demo-site')]);
  const url = `${server.siteOrigin}/bench.html`;
  const ordinaryUrl = `${server.siteOrigin}/index.html`;
  try {
    const ext = await launchWithExtension({ extensionDir });
    const prefixes = [`chrome-extension://${ext.extensionId}/src/content/`, `chrome-extension://${ext.extensionId}/src/page/`];
    const totals: number[] = [];
    const cpuTotals: number[] = [];
    const callsOnly: number[] = [];
    const probeTotals: number[] = [];
    const longest: number[] = [];
    const heaps: number[] = [];
    const ordinary: number[] = [];
    const firstScans: number[] = [];
    let frames = 0;
    let found = 0;
    try {
      for (let i = 0; i < RUNS; i++) {
        const page = await ext.context.newPage();
        const events = await traced(page, url);
        const t = scriptTime(events, prefixes);
        if (t.intervals === 0) throw new Error('the trace holds no event of our scripts: cannot measure');
        totals.push(t.totalMs);
        cpuTotals.push(t.cpuMs);
        callsOnly.push(scriptTime(events, prefixes, { callsOnly: true }).totalMs);
        probeTotals.push(scriptTime(events, [prefixes[1] as string]).totalMs);
        longest.push(t.longestMs);
        heaps.push(await heapUsed(page));
        frames = page.frames().length;
        found = (await reportOf(ext, page))?.ads.filter((a) => a.status === 'shown').length ?? -1;
        log(`run ${i + 1}/${RUNS}: ${t.totalMs.toFixed(2)} ms in our scripts (${t.cpuMs.toFixed(2)} ms CPU), longest ${t.longestMs.toFixed(2)} ms, ${found} ads found`);
        await page.close();
        const demo = await ext.context.newPage();
        ordinary.push(scriptTime(await traced(demo, ordinaryUrl, false), prefixes).totalMs);
        await demo.close();

      }
    } finally {
      await ext.close();
    }
    // The ordinary page again with the bench build, which writes down how long each scan took.
    const benchDir = ensureBenchBuild();
    const benchExt = await launchWithExtension({ extensionDir: benchDir });
    try {
      for (let i = 0; i < RUNS; i++) {
        const timed = await benchExt.context.newPage();
        await timed.goto(ordinaryUrl, { waitUntil: 'load' });
        await timed.waitForFunction(() => document.documentElement.dataset.whyThisAdScans, undefined, { timeout: 10_000 });
        const scans = await timed.evaluate(() => document.documentElement.dataset.whyThisAdScans ?? '');
        firstScans.push(Number(scans.split(' ')[0]));
        await timed.close();
      }
    } finally {
      await benchExt.close();
    }
    const base = await baselineHeaps(url);
    log('Network observer: classifying a replay of request URLs, then a page of 2,000 requests…');
    const requests = runRequestBench(20_000);
    const network = await runNetworkBench(extensionDir);
    log(`Research log: ${LOG_RECORDS.toLocaleString('en')} records…`);
    const logBench = await runLogBench(benchDir, LOG_RECORDS);
    const perFrame = (median(heaps) - median(base)) / Math.max(frames, 1);
    const content = readFileSync(join(extensionDir, 'src', 'content', 'index.js'));
    const probe = readFileSync(join(extensionDir, 'src', 'page', 'index.js'));

    const lines = [
      `Why This Ad benchmark: ${url.replace(server.siteOrigin, '')} (~10,000 elements, ${BENCH_ADS} ads, 5 inserted late), ${RUNS} runs, median`,
      `  ads found                      ${found} of ${BENCH_ADS}`,
      `  time in our scripts (total)    ${median(totals).toFixed(2)} ms   target ≤ ${TARGETS.totalMs} ms   ${verdict(median(totals), TARGETS.totalMs)}`,
      `    as CPU time                  ${median(cpuTotals).toFixed(2)} ms   (the same, less the time other processes had the core)`,
      `    of which the probe           ${median(probeTotals).toFixed(2)} ms`,
      `    our calls alone              ${median(callsOnly).toFixed(2)} ms   (without the promise continuations they run: how this was counted before)`,
      `  longest task of ours           ${median(longest).toFixed(2)} ms   target ≤ ${TARGETS.longestMs} ms   ${verdict(median(longest), TARGETS.longestMs)}`,
      `  ordinary page (the demo site)  ${median(ordinary).toFixed(2)} ms in our scripts in all of its frames, start-up included`,
      `    first scan of its top frame  ${median(firstScans).toFixed(2)} ms of its own (wall clock less the time it yielded to the page)   target ≤ 2 ms   ${verdict(median(firstScans), 2)}`,
      `  JS heap added per frame        ${kb(perFrame)}   (${frames} frames; ${kb(median(heaps))} with the extension, ${kb(median(base))} without)`,
      `  content script (minified)      ${kb(content.length)} (${kb(gzipSync(content).length)} gzipped)   target ≤ ${TARGETS.contentKb} KB   ${verdict(content.length / 1024, TARGETS.contentKb)}`,
      `  probe (minified)               ${kb(probe.length)} (${kb(gzipSync(probe).length)} gzipped)   target ≤ ${TARGETS.probeKb} KB   ${verdict(probe.length / 1024, TARGETS.probeKb)}`,
      `  all runs (total ms)            ${totals.map((v) => v.toFixed(2)).join(', ')}`,
      '',
      `Network observer`,
      `  classification per request     median ${requests.medianUs.toFixed(2)} µs (target ≤ ${REQUEST_TARGETS.medianUs} µs, ${verdict(requests.medianUs, REQUEST_TARGETS.medianUs)}), p99 ${requests.p99Us.toFixed(2)} µs (target ≤ ${REQUEST_TARGETS.p99Us} µs, ${verdict(requests.p99Us, REQUEST_TARGETS.p99Us)}), over ${requests.requests.toLocaleString('en')} replayed URLs (${requests.attributed.toLocaleString('en')} attributed to a company)`,
      `  background after 2,000 requests JS heap ${kb(network.heapAfterKb * 1024)} (${kb(network.heapBeforeKb * 1024)} before the page); its state in storage.session ${kb(network.sessionBytes)}; ${network.companies} companies seen in ${network.requests.toLocaleString('en')} requests`,
      '',
      ...logLines(logBench),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    mkdirSync(join(PROJECT_ROOT, 'test-results'), { recursive: true });
    writeFileSync(join(PROJECT_ROOT, 'test-results', 'bench.json'), JSON.stringify({ runs: RUNS, ordinary, firstScans, totals, cpuTotals, callsOnly, longest, heaps, base, frames, perFrame, found, contentBytes: content.length, probeBytes: probe.length, requests, network, log: logBench }, null, 2));
    return found === BENCH_ADS ? 0 : 1;
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

runMain('bench', main);
