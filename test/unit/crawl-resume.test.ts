import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crawlRecord, urlKey } from '../../scripts/lib/crawl-record';
import { readResume, recordKeyOf, scanResume } from '../../scripts/lib/crawl-resume';
import { PAGE_REPORT_SCHEMA } from '../../src/shared/page-report';

const line = (runId: string, url: string, title = 'plain'): string =>
  JSON.stringify(
    crawlRecord(
      runId,
      url,
      {
        schema: PAGE_REPORT_SCHEMA,
        url: `${url}?${title}`,
        observedAt: '2026-01-15T10:00:00.000Z',
        ads: [],
        consent: { tcf: null, gpp: null, usp: null, gpc: null },
        companies: [],
        identifiers: [],
        dataFlows: [],
        flags: [],
      },
      { consent: 'none', banner: 'not-found', durationMs: 10 },
    ),
  );

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('resuming a crawl', () => {
  it('keeps the complete records of the run and drops a cut-off last line', () => {
    const a = line('run-1', 'https://a.example/');
    const b = line('run-1', 'https://b.example/');
    const cut = line('run-1', 'https://c.example/').slice(0, 40);
    const text = `${a}\n${b}\n${cut}`;
    const state = scanResume([bytes(text)]);
    expect(state).toEqual({
      runId: 'run-1',
      done: new Set([urlKey('https://a.example/'), urlKey('https://b.example/')]),
      kept: 2,
      foreign: 0,
      invalid: 0,
      completeBytes: bytes(`${a}\n${b}\n`).length,
      partialBytes: bytes(cut).length,
    });
  });

  it('takes the first record\'s run, counts records of other runs and lines that are not records, and skips blank lines', () => {
    const text = [
      'not json',
      line('run-1', 'https://a.example/'),
      '',
      line('run-2', 'https://b.example/'),
      JSON.stringify({ schema: 'why-this-ad/log-record/1', id: 'browser:1', where: 'browser', report: { url: 'x' } }),
      JSON.stringify({ ...JSON.parse(line('run-1', 'https://d.example/')), schema: 'other' }),
      JSON.stringify({ ...JSON.parse(line('run-1', 'https://e.example/')), crawl: undefined }),
      JSON.stringify({ ...JSON.parse(line('run-1', 'https://f.example/')), id: 'crawl:run-1:short' }),
      '[1,2]',
      'null',
      line('run-1', 'https://c.example/'),
      '',
    ].join('\n');
    const state = scanResume([bytes(text)]);
    expect(state.runId).toBe('run-1');
    expect(state.done).toEqual(new Set([urlKey('https://a.example/'), urlKey('https://c.example/')]));
    expect([state.kept, state.foreign, state.invalid, state.partialBytes]).toEqual([2, 1, 7, 0]);
    expect(state.completeBytes).toBe(bytes(text).length);
  });

  it('starts a new run on an empty file or one without a record', () => {
    expect(scanResume([])).toMatchObject({ runId: null, kept: 0, completeBytes: 0, partialBytes: 0 });
    expect(scanResume([bytes('{"half":')])).toMatchObject({ runId: null, kept: 0, invalid: 0, completeBytes: 0, partialBytes: 8 });
  });

  it('reads the same however the bytes come in chunks, even inside a character', () => {
    const text = `${line('run-1', 'https://a.example/', 'café ☕')}\n${line('run-1', 'https://b.example/', 'naïve')}\n${line('run-1', 'https://c.example/').slice(0, 77)}`;
    const whole = scanResume([bytes(text)]);
    expect(whole.kept).toBe(2);
    const all = bytes(text);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: all.length - 1 }), { maxLength: 12 }), (cuts) => {
        const points = [0, ...cuts.sort((x, y) => x - y), all.length];
        const chunks = points.slice(1).map((end, i) => all.subarray(points[i], end));
        expect(scanResume(chunks)).toEqual(whole);
      }),
    );
  });

  it('reads a file with a reused buffer', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crawl-resume-'));
    const path = join(dir, 'out.ndjson');
    const lines = Array.from({ length: 50 }, (_, i) => line('run-9', `https://s${i}.example/`));
    writeFileSync(path, `${lines.join('\n')}\n${lines[0]?.slice(0, 10)}`);
    const state = readResume(path);
    expect(state.kept).toBe(50);
    expect(state.partialBytes).toBe(10);
    expect(state.done.size).toBe(50);
  });

  it('recognises crawl records only', () => {
    expect(recordKeyOf(line('run-1', 'https://a.example/'))).toEqual({ runId: 'run-1', key: urlKey('https://a.example/') });
    expect(recordKeyOf('{')).toBeNull();
    expect(recordKeyOf('"crawl"')).toBeNull();
  });
});
