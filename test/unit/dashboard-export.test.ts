/**
 * The dashboard's export, on the real log database (fake-indexeddb) and the real writers: the
 * file is built batch by batch (one Blob part per batch, never one big string), is the same as
 * the writer's output in one piece, and reads back through the importer to the same records.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXPORT_FORMATS, exportWriter } from '../../src/core/log/export-format';
import { parseImport } from '../../src/core/log/import';
import { makeLogRecord, type LogRecord } from '../../src/core/log/record';
import { openLog, type LogDb } from '../../src/platform/log-db';
import { PAGE_REPORT_SCHEMA, type ReportAd } from '../../src/shared/page-report';
import { EXPORT_BATCH, exportBlob } from '../../src/ui/dashboard/export-log';

function record(i: number): LogRecord {
  const ad: ReportAd = {
    id: `0:a${i % 3}`,
    status: i % 4 === 0 ? 'unfilled' : 'shown',
    format: 'display',
    slot: { width: 300, height: 250 },
    detectedBy: ['gpt'],
    advertiser: i % 5 === 0 ? null : { name: `=HYPERLINK("x") Advertiser ${i % 7}`, domain: `adv${i % 7}.example` },
    paidBy: null,
    sellers: [{ company: 'Xandr', role: 'ssp' }],
    reasons: [{ kind: 'auction', basis: 'observed', evidence: [{ source: 'prebid', value: 'cpm "1,2"\nline' }] }],
    dsa: null,
    optOuts: [],
    flags: [],
  };
  return makeLogRecord(
    {
      schema: PAGE_REPORT_SCHEMA,
      url: `https://site${i % 9}.example/p/${i}`,
      observedAt: new Date(Date.UTC(2026, 2, 1) + i * 60_000).toISOString(),
      ads: [ad],
      consent: { tcf: null, gpp: null, usp: null, gpc: null },
      companies: [],
      identifiers: [],
      dataFlows: [],
      flags: [],
    },
    { id: `b:r${String(i).padStart(5, '0')}`, site: `site${i % 9}.example`, loggedAt: new Date(Date.UTC(2026, 2, 1) + i * 60_000).toISOString(), redaction: 'full', where: 'browser', signals: null },
  );
}

// A thousand records through fake-indexeddb take seconds on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

let db: LogDb | null = null;
let n = 0;
afterEach(() => db?.close());

describe('dashboard export', () => {
  it('streams every record in batches into a Blob that re-imports to the same records, in each format', async () => {
    db = await openLog(`dashboard-export-${n++}`);
    const records = Array.from({ length: EXPORT_BATCH * 2 + 17 }, (_, i) => record(i));
    await db.put(records);
    const byId = [...records].sort((a, b) => (a.id < b.id ? -1 : 1));
    for (const format of EXPORT_FORMATS) {
      const meta = { exportedAt: '2026-03-05T00:00:00.000Z', generator: 'test' };
      const progress: number[] = [];
      const { blob, records: count } = await exportBlob(db, exportWriter(format, meta), (done) => progress.push(done));
      expect(count).toBe(records.length);
      // One call per batch of 500, the last one short: the log was never read whole.
      expect(progress).toEqual([500, 1000, records.length]);
      // The bytes as written (Blob.text() would drop the CSV's byte order mark).
      const text = Buffer.from(await blob.arrayBuffer()).toString('utf8');
      const w = exportWriter(format, meta);
      expect(text, format).toBe(w.head() + w.records(byId) + w.tail());
      expect(blob.type).toBe(w.mime);
      const back = parseImport(text);
      expect(back.ok, format).toBe(true);
      if (back.ok) {
        expect(back.format).toBe(format);
        expect(back.duplicates).toBe(0);
        expect(back.records).toEqual(byId);
      }
    }
  });

  it('writes a valid, empty file for an empty log', async () => {
    db = await openLog(`dashboard-export-${n++}`);
    for (const format of EXPORT_FORMATS) {
      const w = exportWriter(format, { exportedAt: '2026-03-05T00:00:00.000Z', generator: 'test' });
      const { blob, records } = await exportBlob(db, w, () => undefined);
      expect(records).toBe(0);
      const text = await blob.text();
      if (format === 'json') expect(JSON.parse(text)).toMatchObject({ records: [] });
      else expect(parseImport(text)).toMatchObject({ ok: false, error: { code: 'empty' } });
    }
  });
});
