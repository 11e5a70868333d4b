/**
 * `npm run crawl -- --consent accept|reject|none` on the demo site's consent banner: answered
 * through @duckduckgo/autoconsent with our rule "why-this-ad-demo", and the answer must show in
 * the page's real TCF consent (the IAB CMP API), as the extension reads it.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../scripts/lib/build';
import { startDemoServer, type DemoServer } from '../../scripts/lib/demo-server';
import type { LogRecord } from '../../src/core/log/record';
import { reportErrors } from '../unit/schema-validator';
import { HOST_RULES } from './harness';

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer([join(PROJECT_ROOT, 'scripts', 'demo-site')]);
});
afterAll(async () => {
  await server?.close();
});

interface Run {
  code: number | null;
  records: LogRecord[];
  stderr: string;
}

function crawl(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(PROJECT_ROOT, 'scripts', 'crawl.ts'), ...args, '--browser-arg', HOST_RULES], {
      cwd: PROJECT_ROOT,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) =>
      resolve({
        code,
        stderr,
        records: stdout
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as LogRecord),
      }),
    );
  });
}

const byPath = (run: Run, path: string): LogRecord | undefined => run.records.find((r) => r.report.url === `${server.siteOrigin}${path}`);

describe('npm run crawl --consent', () => {
  it('accepts or rejects the demo banner, and the page\'s TCF consent says so; a page without one has none', async () => {
    const common = ['--wait', '2500', '--no-scroll', '--consent-wait', '4000'];
    const [accept, reject] = await Promise.all([
      crawl([`${server.siteOrigin}/consent/`, `${server.siteOrigin}/no-ads.html`, '--consent', 'accept', ...common]),
      crawl([`${server.siteOrigin}/consent/`, '--consent', 'reject', ...common]),
    ]);
    // With stderr, so that a crash says why.
    expect([accept.code, reject.code, accept.code || reject.code ? `${accept.stderr}\n${reject.stderr}` : '']).toEqual([0, 0, '']);

    const accepted = byPath(accept, '/consent/');
    expect(accepted?.crawl).toMatchObject({ consent: 'accept', banner: 'handled', cmp: 'why-this-ad-demo' });
    expect(reportErrors(accepted?.report)).toEqual([]);
    expect(accepted?.report.consent.tcf).toMatchObject({ status: 'ok', gdprApplies: true, cmpId: 4095, purposes: { consented: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], refused: [] } });
    // The ad is auctioned only after the answer; with consent to profiling it raises no consent flag.
    expect(accepted?.report.ads.filter((a) => a.status === 'shown')).toHaveLength(1);
    expect(accepted?.report.flags.map((f) => f.code)).not.toContain('profiling-without-consent');
    expect(accept.stderr).toContain('Consent banners (--consent accept): 1 found, 1 handled, 0 failed.');
    // A page without a banner: not found, after at most the --consent-wait given.
    const plain = byPath(accept, '/no-ads.html');
    expect(plain?.crawl).toMatchObject({ consent: 'accept', banner: 'not-found' });
    expect(plain?.crawl?.cmp).toBeUndefined();
    expect(plain?.crawl?.durationMs).toBeLessThan(4_000 + 2_500 + 8_000);

    const rejected = byPath(reject, '/consent/');
    expect(rejected?.crawl).toMatchObject({ consent: 'reject', banner: 'handled', cmp: 'why-this-ad-demo' });
    expect(reportErrors(rejected?.report)).toEqual([]);
    // The demo's "Reject all" keeps purposes 1 and 2 (its consent "refuse-profiling").
    expect(rejected?.report.consent.tcf).toMatchObject({ status: 'ok', purposes: { consented: [1, 2], refused: [3, 4, 5, 6, 7, 8, 9, 10, 11] } });
    expect(rejected?.report.ads.filter((a) => a.status === 'shown')).toHaveLength(1);
    expect(rejected?.report.flags.map((f) => f.code)).toContain('profiling-without-consent');
  });

  it('leaves the banner alone with --consent none, and finds none where there is none', async () => {
    const run = await crawl([`${server.siteOrigin}/consent/`, `${server.siteOrigin}/no-ads.html`, '--consent', 'none', '--wait', '2000', '--no-scroll']);
    expect([run.code, run.code ? run.stderr : '']).toEqual([0, '']);
    const banner = byPath(run, '/consent/');
    expect(banner?.crawl).toMatchObject({ consent: 'none', banner: 'found', cmp: 'why-this-ad-demo' });
    // Unanswered: the CMP's stub holds the calls, so the page has no consent to show, and no ad.
    expect(banner?.report.consent.tcf?.status).toBe('no-response');
    expect(banner?.report.ads.filter((a) => a.status === 'shown')).toHaveLength(0);
    expect(byPath(run, '/no-ads.html')?.crawl).toEqual({ consent: 'none', banner: 'not-found', durationMs: expect.any(Number) as number });
    expect(run.stderr).toContain('Consent banners (--consent none, left alone): 1 found.');
  });
});
