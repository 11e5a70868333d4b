/** `npm run crawl` as a person runs it: a real child process, real Chromium, LogRecords as NDJSON out, progress on stderr. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../scripts/lib/build';
import { startDemoServer, type DemoServer } from '../../scripts/lib/demo-server';
import { ID_PATTERN, LOG_RECORD_SCHEMA, type LogRecord } from '../../src/core/log/record';
import type { PageReport } from '../../src/shared/page-report';
import { reportErrors } from '../unit/schema-validator';
import { GROUND_TRUTH, checkReport } from './scenarios';

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer([join(PROJECT_ROOT, 'scripts', 'demo-site'), join(PROJECT_ROOT, 'test', 'fixtures', 'pages')]);
});
afterAll(async () => {
  await server?.close();
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** When each stdout line arrived, in ms since the start. */
  lineTimes: number[];
}

function crawl(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(PROJECT_ROOT, 'scripts', 'crawl.ts'), ...args], {
      cwd: PROJECT_ROOT,
      env,
    });
    const run: Run = { code: null, stdout: '', stderr: '', lineTimes: [] };
    child.stdout.on('data', (d: Buffer) => {
      run.stdout += d.toString();
      for (const _ of d.toString().matchAll(/\n/g)) run.lineTimes.push(Date.now() - started);
    });
    child.stderr.on('data', (d: Buffer) => (run.stderr += d.toString()));
    child.on('close', (code) => resolve({ ...run, code }));
  });
}

/** The records of a run, each checked for the log's record format; their reports in the order written. */
function parse(ndjson: string): PageReport[] {
  const records = ndjson
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as LogRecord);
  for (const r of records) {
    expect(r).toMatchObject({ schema: LOG_RECORD_SCHEMA, where: 'crawl', redaction: 'full', signals: null, crawl: { consent: 'none', banner: 'not-found' } });
    expect(r.id).toMatch(ID_PATTERN);
    expect(r.id).toMatch(/^crawl:[\w.-]+:[0-9a-f]{24}$/);
    expect(r.crawl?.durationMs).toBeGreaterThanOrEqual(r.report.error?.code === 'invalid-url' ? 0 : 1);
    expect(Date.parse(r.loggedAt)).toBeGreaterThan(Date.parse('2020-01-01'));
  }
  // One run: every record has the run's id.
  expect(new Set(records.map((r) => r.id.split(':')[1])).size).toBe(1);
  expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
  return records.map((r) => r.report);
}

describe('npm run crawl', () => {
  it('explains every demo scenario as its ground truth says (the GPC one with --send-gpc)', async () => {
    const scenarios = GROUND_TRUTH.scenarios.filter((s) => s.id !== 'gpc');
    const gpc = GROUND_TRUTH.scenarios.filter((s) => s.id === 'gpc');
    const [plain, withGpc] = await Promise.all([
      crawl([...scenarios.map((s) => `${server.siteOrigin}${s.path}`), '--wait', '2000']),
      crawl([...gpc.map((s) => `${server.siteOrigin}${s.path}`), '--wait', '2000', '--send-gpc']),
    ]);
    expect([plain.code, withGpc.code]).toEqual([0, 0]);
    const reports = [...parse(plain.stdout), ...parse(withGpc.stdout)];
    expect(reports).toHaveLength(scenarios.length + gpc.length);
    for (const scenario of [...scenarios, ...gpc]) {
      // Two pages at a time: the lines come in the order the pages finished.
      const report = reports.find((r) => r.url === `${server.siteOrigin}${scenario.path}`) ?? null;
      expect(report).not.toBeNull();
      expect(reportErrors(report)).toEqual([]);
      checkReport(report, scenario);
    }
    expect(parse(withGpc.stdout).at(-1)?.consent.gpc).toBe(true);
  });

  it('writes one valid report per URL, each as soon as its page is done, and goes on after a failure', async () => {
    const run = await crawl([
      '--jobs=1',
      '--progress=lines',
      `${server.siteOrigin}/`,
      'http://127.0.0.1:9/unreachable',
      '--wait',
      '1500',
      `${server.siteOrigin}/frames.html`,
      '--browser-arg',
      '--host-resolver-rules=MAP ib.adnxs.com 127.0.0.1, MAP ap.lijit.com 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      '--browser-arg=--lang=en-US',
      `${server.siteOrigin}/no-ads.html`,
    ]);
    expect(run.code).toBe(0);
    const reports = parse(run.stdout);
    expect(reports.map((r) => [r.url, r.error?.code ?? null, r.ads.filter((a) => a.status === 'shown').length])).toEqual([
      [`${server.siteOrigin}/`, null, 5],
      ['http://127.0.0.1:9/unreachable', 'navigation-failed', 0],
      [`${server.siteOrigin}/frames.html`, null, 5],
      [`${server.siteOrigin}/no-ads.html`, null, 0],
    ]);
    for (const r of reports) expect(reportErrors(r)).toEqual([]);
    // Lines are written as pages finish, not all at the end: the first came well before the last.
    expect(run.lineTimes).toHaveLength(4);
    expect((run.lineTimes[3] ?? 0) - (run.lineTimes[0] ?? 0)).toBeGreaterThan(2_000);
    expect(run.stderr).toContain('1/4 25% · 0 errors · 5 ads · ETA');
    expect(run.stderr).toContain('2/4 50% · 1 error · 5 ads · ETA');
    expect(run.stderr).toContain('4/4 100% · 1 error · 10 ads · ETA');
    expect(run.stderr).toMatch(/Done: 4 pages in [\d.]+s \([\d.]+ pages\/min\): 3 visited, 1 error\./);
    expect(run.stderr).toContain('Ads shown: 10.');
    expect(run.stderr).toContain('Errors: navigation-failed 1.');
  });

  it('reads a URL list and writes to a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crawl-'));
    // The same page twice is visited once.
    writeFileSync(join(dir, 'urls.txt'), `# demo\n${server.siteOrigin}/no-ads.html\n\nnot-a-url\n${server.siteOrigin}/no-ads.html # again\n`);
    const run = await crawl(['--urls', join(dir, 'urls.txt'), '--out', join(dir, 'out.ndjson'), '--wait=200', '--jobs=1']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const reports = parse(readFileSync(join(dir, 'out.ndjson'), 'utf8'));
    expect(reports.map((r) => [r.url, r.error?.code ?? null])).toEqual([
      [`${server.siteOrigin}/no-ads.html`, null],
      ['not-a-url', 'invalid-url'],
    ]);
  });

  it('explains how to install a browser when none is found, leaving the output as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crawl-'));
    writeFileSync(join(dir, 'out.ndjson'), 'kept\n');
    const run = await crawl([`${server.siteOrigin}/`, '--out', join(dir, 'out.ndjson')], { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('CHROMIUM_PATH is set to /nonexistent/chromium');
    expect(run.stdout).toBe('');
    expect(readFileSync(join(dir, 'out.ndjson'), 'utf8')).toBe('kept\n');
  });

  it('explains its usage when called wrongly', async () => {
    const run = await crawl(['--wait']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--wait needs a number');
    expect(run.stderr).toContain('Usage: npm run crawl');
  });
});
