/**
 * docs/log-record.schema.json describes the records the log, the exports and the crawl write: real
 * records (made by the engine, redacted each way, of a crawl) pass it, and what the validator of
 * import refuses, the schema refuses too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../../src/core/log/record';
import { redactRecord } from '../../src/core/log/redact';
import { checkLogRecord } from '../../src/core/log/validate-record';
import { realisticRecord } from './log-fixture';

const docs = (name: string): object => JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'docs', name), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
ajv.addSchema(docs('page-report.schema.json'));
const validate = ajv.compile(docs('log-record.schema.json'));
const errors = (value: unknown): string[] => (validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));

describe('docs/log-record.schema.json', () => {
  it('a real record passes, also redacted each way, without signals, and from a crawl', async () => {
    const record = realisticRecord();
    expect(errors(record)).toEqual([]);
    for (const mode of ['origin', 'hash'] as const) expect(errors(await redactRecord(record, mode, 'salt'))).toEqual([]);
    expect(errors({ ...record, signals: null, signalsDropped: true })).toEqual([]);
    const crawl: LogRecord = { ...record, id: 'crawl:0001', where: 'crawl', crawl: { consent: 'reject', banner: 'handled', cmp: 'demo-cmp', durationMs: 4_210 } };
    expect(errors(crawl)).toEqual([]);
    // The exact JSON an export writes, too.
    expect(errors(JSON.parse(JSON.stringify(crawl)))).toEqual([]);
  });

  it.each([
    ['a bad id', { id: 'no spaces allowed' }],
    ['another schema', { schema: 'why-this-ad/log-record/2' }],
    ['an unknown redaction', { redaction: 'partial' }],
    ['signals that are not an object', { signals: [] }],
    ['a report that is not a PageReport', { report: { schema: 'why-this-ad/page-report/1', url: 'x' } }],
    ['a crawl without its outcome', { crawl: { consent: 'accept' } }],
  ])('refuses %s, as import does', (_name, change) => {
    const bad = { ...realisticRecord(), ...change };
    expect(errors(bad)).not.toEqual([]);
    expect(checkLogRecord(bad).ok).toBe(false);
  });
});
