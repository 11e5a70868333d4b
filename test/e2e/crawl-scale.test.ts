/**
 * `npm run crawl` at scale: 200 local pages split in two shards, the first one stopped with
 * SIGTERM to its process group halfway and resumed. Every page must end up written exactly once,
 * the lines of the stopped run must stay valid, no page may be written as an error because the run
 * was stopped, and no Chromium of the stopped run may be left behind.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../scripts/lib/build';
import { urlKey } from '../../scripts/lib/crawl-record';
import { startDemoServer, type DemoServer } from '../../scripts/lib/demo-server';
import { ID_PATTERN, LOG_RECORD_SCHEMA, type LogRecord } from '../../src/core/log/record';
import { reportErrors } from '../unit/schema-validator';
import { HOST_RULES } from './harness';

const PAGES = 200;
const dir = mkdtempSync(join(tmpdir(), 'crawl-scale-'));
let server: DemoServer;
let urls: string[];
let list: string;

/** A small page with 0, 1 or 2 ad slots as Google Publisher Tag writes them, the creative from the second origin. */
function page(i: number): string {
  const slots = Array.from(
    { length: i % 3 },
    (_, k) =>
      `<div id="div-gpt-ad-${i}-${k}"><iframe id="google_ads_iframe_/1/p${i}/slot${k}_0" title="3rd party ad content" width="300" height="250" frameborder="0" scrolling="no" src="{{OTHER_ORIGIN}}/creative?w=300&h=250&brand=Brand${k}"></iframe></div>`,
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Page ${i}</title></head><body><h1>Page ${i}</h1><p>Text.</p>${slots.join('')}</body></html>`;
}

beforeAll(async () => {
  mkdirSync(join(dir, 'site'));
  for (let i = 0; i < PAGES; i++) writeFileSync(join(dir, 'site', `p${i}.html`), page(i));
  server = await startDemoServer([join(dir, 'site')]);
  urls = Array.from({ length: PAGES }, (_, i) => `${server.siteOrigin}/p${i}.html`);
  // Duplicates and comments: the list is still 200 pages, in this order.
  list = join(dir, 'urls.txt');
  writeFileSync(list, `# 200 local pages\n${urls.join('\n')}\n${urls.slice(0, 30).join('  # again\n')}\n`);
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The crawl as a child process leading its own process group (as a shell runs a job), with its own
 * temporary directory so that its Chromium profile and processes can be found. It runs as one Node
 * process with tsx's loader: the tsx command would put a parent process in the group that, on a
 * signal, SIGKILLs the crawl when it has not confirmed the signal within 60 ms (too short on a busy
 * machine), which is not what this test is about.
 */
function startCrawl(args: string[], tmp: string): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'scripts', 'crawl.ts'), ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, TMPDIR: tmp },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: Run = { code: null, stdout: '', stderr: '' };
  child.stdout?.on('data', (d: Buffer) => (run.stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (run.stderr += d.toString()));
  const done = new Promise<Run>((resolve) => child.on('close', (code) => resolve({ ...run, code })));
  return { child, done };
}

const lineCount = (path: string): number => (existsSync(path) ? (readFileSync(path, 'utf8').match(/\n/g) ?? []).length : 0);

function records(path: string): LogRecord[] {
  const text = readFileSync(path, 'utf8');
  // Valid NDJSON: every line complete, nothing after the last newline.
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as LogRecord);
}

function checkRecords(list: LogRecord[], runId: string): void {
  for (const r of list) {
    expect(r).toMatchObject({ schema: LOG_RECORD_SCHEMA, where: 'crawl', redaction: 'full', site: '127.0.0.1', signals: null, crawl: { consent: 'none', banner: 'not-found' } });
    expect(r.id).toMatch(ID_PATTERN);
    // The id names the run and the URL visited, and the report is that page's: the same URL in
    // the same run can only be written once.
    expect(r.id.startsWith(`crawl:${runId}:`)).toBe(true);
    expect(listedUrlOf(r.id)).toBe(r.report.url);
    expect(reportErrors(r.report)).toEqual([]);
    // Every page here loads: an error would be a page written because the run was stopped.
    expect(r.report.error).toBeUndefined();
    expect(shownAds(r)).toBeLessThanOrEqual(slotsOf(r.report.url));
  }
}

/** The listed URL a record id names. */
const listedUrlOf = (id: string): string | undefined => urls.find((u) => id.endsWith(`:${urlKey(u)}`));
const shownAds = (r: LogRecord): number => r.report.ads.filter((a) => a.status === 'shown').length;
const slotsOf = (url: string): number => Number(/p(\d+)\.html$/.exec(url)?.[1]) % 3;

/** Processes whose command line names this directory (Chromium is given its profile under it). */
function processesUsing(path: string): string[] {
  return execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(path));
}

const COMMON = ['--urls', '', '--jobs', '4', '--wait', '250', '--no-scroll', '--progress', 'lines', '--browser-arg', HOST_RULES];
const args = (out: string, shard: string, ...more: string[]): string[] => [...COMMON.map((a) => (a === '' ? list : a)), '--shard', shard, '--out', out, ...more];

describe('npm run crawl at scale', () => {
  it('gives every page exactly once over two shards, also when the first is stopped with SIGTERM and resumed', { timeout: 180_000 }, async () => {
    const first = join(dir, 'shard1.ndjson');
    const second = join(dir, 'shard2.ndjson');
    const tmp1 = mkdtempSync(join(dir, 'tmp1-'));
    const mine = urls.filter((_, i) => i % 2 === 0);
    const theirs = urls.filter((_, i) => i % 2 === 1);

    // Shard 1, stopped once 20 pages are written: SIGTERM to its whole process group.
    const stopped = startCrawl(args(first, '1/2'), tmp1);
    const deadline = Date.now() + 90_000;
    while (lineCount(first) < 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(lineCount(first)).toBeGreaterThanOrEqual(20);
    process.kill(-(stopped.child.pid as number), 'SIGTERM');
    const run1 = await stopped.done;
    expect(run1.code).toBe(143);
    expect(run1.stderr).toContain('SIGTERM received: stopping; the pages under way are not written.');
    expect(run1.stderr).toMatch(/Stopped: \d+ of 100 pages written/);
    expect(run1.stderr).toContain(`To continue: npm run crawl -- ${args(first, '1/2').join(' ').replace(HOST_RULES, `'${HOST_RULES}'`)} --resume`);
    // The browser is closed: no process of its own is left (given a moment to be reaped), and its profile is gone.
    for (let i = 0; i < 30 && processesUsing(tmp1).length; i++) await new Promise((r) => setTimeout(r, 100));
    expect(processesUsing(tmp1)).toEqual([]);
    expect(readdirSync(tmp1).filter((name) => name.startsWith('why-this-ad-'))).toEqual([]);

    const partial = records(first);
    const runId = partial[0]?.id.split(':')[1] ?? '';
    expect(runId).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{6}$/);
    expect(partial.length).toBeLessThan(100);
    checkRecords(partial, runId);
    for (const r of partial) expect(mine).toContain(r.report.url);
    const before = readFileSync(first, 'utf8');

    // Resumed: the same run goes on, appending only what is missing. Shard 2 runs meanwhile.
    const resumed = startCrawl(args(first, '1/2', '--resume'), mkdtempSync(join(dir, 'tmp2-')));
    const other = startCrawl(args(second, '2/2'), mkdtempSync(join(dir, 'tmp3-')));
    const [run2, run3] = await Promise.all([resumed.done, other.done]);
    expect([run2.code, run3.code]).toEqual([0, 0]);
    expect(run2.stderr).toContain(`Resuming ${first}: ${partial.length} records of run ${runId} kept.`);
    expect(run2.stderr).toContain(`${100 - partial.length} pages to visit, shard 1/2 of 200 listed, ${partial.length} already done`);
    expect(run2.stderr).toContain(`Resumed: ${partial.length} pages were already in ${first}.`);
    expect(run3.stderr).toMatch(/Done: 100 pages in .* 100 visited, 0 errors\./);

    const all1 = records(first);
    expect(readFileSync(first, 'utf8').startsWith(before)).toBe(true);
    checkRecords(all1, runId);
    expect(all1.map((r) => r.report.url).sort()).toEqual([...mine].sort());

    const all2 = records(second);
    const runId2 = all2[0]?.id.split(':')[1] ?? '';
    expect(runId2).not.toBe(runId);
    checkRecords(all2, runId2);
    expect(all2.map((r) => r.report.url).sort()).toEqual([...theirs].sort());

    const union = [...all1, ...all2].map((r) => r.report.url);
    expect(union).toHaveLength(PAGES);
    expect(new Set(union)).toEqual(new Set(urls));
    // The pages were really read: nearly every ad slot was seen (a creative may still be loading
    // when a page is read after --wait on a busy machine, never the other way round).
    const slots = urls.reduce((n, u) => n + slotsOf(u), 0);
    const seen = [...all1, ...all2].reduce((n, r) => n + shownAds(r), 0);
    expect(seen).toBeGreaterThanOrEqual(slots * 0.9);
  });

  it('closes a page that does not answer within --timeout and goes on in its slot', async () => {
    // A server that accepts the request and never answers.
    const sockets = new Set<import('node:net').Socket>();
    const hang: Server = createServer(() => undefined);
    hang.on('connection', (s) => sockets.add(s));
    await new Promise<void>((ok) => hang.listen(0, '127.0.0.1', ok));
    const hangUrl = `http://127.0.0.1:${(hang.address() as AddressInfo).port}/never`;
    try {
      const out = join(dir, 'hang.ndjson');
      const run = await startCrawl([hangUrl, urls[1] as string, urls[2] as string, '--jobs', '1', '--timeout', '1000', '--wait', '0', '--out', out, '--browser-arg', HOST_RULES], mkdtempSync(join(dir, 'tmp4-'))).done;
      expect(run.code).toBe(0);
      const written = records(out);
      expect(written.map((r) => [r.report.url, r.report.error?.code ?? null])).toEqual([
        [hangUrl, 'timeout'],
        [urls[1], null],
        [urls[2], null],
      ]);
      expect(written[0]?.crawl?.durationMs).toBeLessThan(10_000);
      expect(run.stderr).toContain('Errors: timeout 1.');
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((ok) => hang.close(ok));
    }
  });
});
