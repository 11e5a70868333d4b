/**
 * Import: the format told from the content, every record checked before any is returned (whole or
 * nothing), each error code with the line it is on, duplicates kept once and counted, and the
 * record validator's caps.
 */
import { describe, expect, it } from 'vitest';
import { exportWriter, type ExportFormat } from '../../src/core/log/export-format';
import { IMPORT_ERROR_CODES, parseImport, type ImportResult } from '../../src/core/log/import';
import type { LogRecord } from '../../src/core/log/record';
import type { ReportAd } from '../../src/shared/page-report';
import { checkLogRecord, RECORD_LIMITS } from '../../src/core/log/validate-record';
import { realisticRecord } from './log-fixture';

const META = { exportedAt: '2026-11-29T12:00:00.000Z', generator: 'test' };
const records = (n: number, prefix = 'r'): LogRecord[] => Array.from({ length: n }, (_, i) => realisticRecord(`${prefix}:${i + 1}`));
function file(format: ExportFormat, list: LogRecord[]): string {
  const w = exportWriter(format, META);
  return w.head() + w.records(list) + w.tail();
}
const ndjson = (list: unknown[]): string => list.map((r) => `${JSON.stringify(r)}\n`).join('');
const error = (result: ImportResult) => (result.ok ? null : result.error);
/** A record with one field broken: the one on which the test expects the error. */
const broken = (id: string): unknown => {
  const r = realisticRecord(id) as unknown as { report: { ads: { status: string }[] } };
  (r.report.ads[0] as { status: string }).status = 'sideways';
  return r;
};

describe('parseImport: the three formats', () => {
  it.each(['ndjson', 'json', 'csv'] as const)('detects %s from the content', (format) => {
    const list = records(3);
    expect(parseImport(file(format, list))).toEqual({ ok: true, format, records: list.map((r) => JSON.parse(JSON.stringify(r)) as unknown), duplicates: 0 });
  });

  it('also reads CRLF NDJSON with blank lines, a JSON list of records, a reformatted JSON export, a BOM', () => {
    const list = records(2);
    expect(parseImport(`\uFEFF${list.map((r) => JSON.stringify(r)).join('\r\n\r\n')}\r\n`)).toMatchObject({ ok: true, format: 'ndjson' });
    expect(parseImport(JSON.stringify(list, null, 2))).toMatchObject({ ok: true, format: 'json' });
    expect(parseImport(JSON.stringify(JSON.parse(file('json', list)), null, 2))).toMatchObject({ ok: true, format: 'json' });
    expect(parseImport(JSON.stringify(JSON.parse(file('json', list))))).toMatchObject({ ok: true, format: 'json' });
  });

  it('a CSV whose rows were sorted (ad rows before their record row) still imports whole', () => {
    const text = file('csv', records(2));
    const [header, ...rows] = text.trimEnd().split('\r\n');
    const shuffled = [header, ...rows.reverse()].join('\r\n');
    const result = parseImport(shuffled);
    expect(result.ok && result.records.map((r) => r.id)).toEqual(['r:2', 'r:1']);
  });

  it('keeps fields a newer version added within version 1', () => {
    const future = { ...realisticRecord('f:1'), addedLater: { x: [1, 2] } };
    const result = parseImport(ndjson([future]));
    expect(result.ok && result.records[0]).toEqual(JSON.parse(JSON.stringify(future)));
  });
});

describe('parseImport: whole or nothing', () => {
  it('a bad record on line 3 of 5 fails the import, names line 3 and the field, and returns no records', () => {
    const list: unknown[] = records(5);
    list[2] = broken('r:3');
    const result = parseImport(ndjson(list));
    expect(result.ok).toBe(false);
    expect(result).not.toHaveProperty('records');
    expect(error(result)).toEqual({ code: 'invalid-record', line: 3, message: 'line 3: report.ads[0].status: expected one of shown, unfilled, collapsed' });
  });

  it('a line that is not JSON is named too', () => {
    const text = ndjson(records(4)).split('\n');
    text[1] = (text[1] ?? '').slice(0, 100);
    expect(error(parseImport(text.join('\n')))).toMatchObject({ code: 'invalid-record', line: 2, message: expect.stringMatching(/^line 2: not JSON/) as unknown });
  });

  it('JSON: the record number, and its line while the file has our layout', () => {
    const list = records(3);
    const text = file('json', list).replace(JSON.stringify(list[1]), JSON.stringify(broken('r:2')));
    expect(error(parseImport(text))).toEqual({ code: 'invalid-record', line: 3, message: 'record 2: report.ads[0].status: expected one of shown, unfilled, collapsed' });
    const pretty = JSON.stringify(JSON.parse(text), null, 2);
    expect(error(parseImport(pretty))).toEqual({ code: 'invalid-record', message: 'record 2: report.ads[0].status: expected one of shown, unfilled, collapsed' });
  });

  it('CSV: the row and the line it starts on (cells may span lines)', () => {
    const list = records(3);
    const text = file('csv', list).replace(JSON.stringify(list[2]).replace(/"/g, '""'), JSON.stringify(broken('r:3')).replace(/"/g, '""'));
    const e = error(parseImport(text));
    // Each record has two rows, and the first one's paid_by cell "Acme\nMedia" spans two lines: r:3 starts on row 6, line 8.
    expect(e).toEqual({ code: 'invalid-record', line: 8, message: 'row 6 (line 8): report.ads[0].status: expected one of shown, unfilled, collapsed' });
    expect(text.split('\n')[7]?.startsWith('r:3,')).toBe(true);
  });

  it('CSV: a record column cut short (a spreadsheet keeps 32,767 characters a cell) says so', () => {
    const text = file('csv', records(1));
    const cut = text.replace(/"\{""schema""[^\r\n]*/, (cell) => `${cell.slice(0, 3000)}"`);
    expect(error(parseImport(cut))).toMatchObject({ code: 'invalid-record', line: 2, message: expect.stringContaining('32,767') as unknown });
  });

  it('CSV: an ad row whose record row was deleted fails rather than losing that record', () => {
    const rows = file('csv', records(2)).split('\r\n'); // the only line break inside a cell is a bare LF
    // Rows: the header, r:1 with its record, r:1's other ad, r:2 with its record, r:2's other ad.
    expect(rows.map((r) => r.slice(0, 4))).toEqual(['\uFEFFrec', 'r:1,', 'r:1,', 'r:2,', 'r:2,', '']);
    const text = [...rows.slice(0, 3), ...rows.slice(4)].join('\r\n');
    expect(error(parseImport(text))).toMatchObject({ code: 'invalid-record', message: expect.stringContaining('record "r:2"') as unknown });
  });
});

describe('parseImport: error codes', () => {
  it.each([
    ['empty', ''],
    ['empty', '  \r\n\n'],
    ['empty', '\uFEFF'],
    ['empty', '{"schema":"why-this-ad/log-export/1","exportedAt":"x","generator":"y","records":[]}'],
    ['empty', file('json', [])],
    ['empty', file('csv', [])],
    ['format', 'hello, world'],
    ['format', '{"foo": 1}'],
    ['format', '{"schema":"why-this-ad/log-export/2","records":[]}'],
    ['format', '{"schema":"why-this-ad/log-export/1","records":{}}'],
    ['format', JSON.stringify(realisticRecord(), null, 2)],
    ['format', 'id,url,record\r\n1,2,3'],
    ['format', '[1, 2,\n3,\n'],
    ['invalid-record', '[1]'],
    ['invalid-record', JSON.stringify({ ...realisticRecord(), schema: 'why-this-ad/log-record/2' })],
    ['invalid-record', JSON.stringify(realisticRecord().report)],
  ] as const)('%s: %j', (code, text) => {
    expect(error(parseImport(text))?.code).toBe(code);
  });

  it('too-large and too-many, against the limits', () => {
    const text = ndjson(records(4));
    expect(error(parseImport(text, { chars: text.length - 1, records: 10 }))).toMatchObject({ code: 'too-large' });
    expect(error(parseImport(text, { chars: text.length, records: 3 }))).toEqual({ code: 'too-many', line: 4, message: 'more than 3 records; split the file and import it in parts' });
    expect(error(parseImport(file('csv', records(4)), { chars: 1e9, records: 3 }))?.code).toBe('too-many');
    expect(error(parseImport(file('json', records(4)), { chars: 1e9, records: 3 }))?.code).toBe('too-many');
    expect(parseImport(text, { chars: text.length, records: 4 }).ok).toBe(true);
  });

  it('the codes are the documented, stable ones', () => {
    expect(IMPORT_ERROR_CODES).toEqual(['empty', 'too-large', 'format', 'invalid-record', 'too-many']);
  });

  it('a JSON syntax error says on which line', () => {
    const text = file('json', records(3)).replace('"r:2"', '"r:2');
    expect(error(parseImport(text))).toMatchObject({ code: 'format', line: 3 });
  });
});

describe('parseImport: duplicates', () => {
  it('keeps the last of each id, in the place of the first, and counts the others', () => {
    const [a, b] = records(2);
    const a2 = { ...(a as LogRecord), loggedAt: '2026-12-01T00:00:00.000Z' };
    const a3 = { ...(a as LogRecord), loggedAt: '2026-12-02T00:00:00.000Z' };
    for (const format of ['ndjson', 'json', 'csv'] as const) {
      const result = parseImport(file(format, [a as LogRecord, b as LogRecord, a2, a3]));
      expect(result.ok && result.duplicates).toBe(2);
      expect(result.ok && result.records.map((r) => [r.id, r.loggedAt])).toEqual([
        ['r:1', '2026-12-02T00:00:00.000Z'],
        ['r:2', '2026-11-29T10:00:01.000Z'],
      ]);
    }
  });
});

describe('checkLogRecord', () => {
  const base = (): LogRecord => realisticRecord();
  const fails = (mutate: (r: Record<string, unknown> & LogRecord) => void): string => {
    const r = structuredClone(base()) as Record<string, unknown> & LogRecord;
    mutate(r);
    const result = checkLogRecord(r);
    return result.ok ? 'ok' : result.error;
  };

  it('accepts a real record as it is, without copying it', () => {
    const r = base();
    const result = checkLogRecord(r);
    expect(result.ok && result.value).toBe(r);
    expect(checkLogRecord({ ...r, signals: null, signalsDropped: true }).ok).toBe(true);
    expect(checkLogRecord({ ...r, where: 'crawl', crawl: { consent: 'accept', banner: 'not-found', durationMs: 10 } }).ok).toBe(true);
  });

  it.each([
    ['id', (r: LogRecord) => (r.id = 'has space'), /^id: expected 1 to 128 characters/],
    ['id', (r: LogRecord) => (r.id = 'x'.repeat(129)), /^id: /],
    ['schema', (r: LogRecord) => ((r as { schema: string }).schema = 'other'), /^schema: expected why-this-ad\/log-record\/1$/],
    ['report schema', (r: LogRecord) => ((r.report as { schema: string }).schema = 'why-this-ad/page-report/2'), /^report\.schema: why-this-ad\/page-report\/2 is a version this one cannot read/],
    ['redaction', (r: LogRecord) => ((r as { redaction: string }).redaction = 'some'), /^redaction: expected one of full, origin, hash$/],
    ['loggedAt', (r: LogRecord) => (r.loggedAt = 'yesterday'), /^loggedAt: expected a date/],
    ['report', (r: LogRecord) => delete (r as Partial<LogRecord>).report, /^report: expected an object$/],
    ['report.url', (r: LogRecord) => ((r.report as { url: unknown }).url = 5), /^report\.url: expected a string$/],
    ['consent', (r: LogRecord) => ((r.report.consent as { gpc: unknown }).gpc = 'yes'), /^report\.consent\.gpc: expected true or false$/],
    ['reason kind', (r: LogRecord) => ((r.report.ads[0]?.reasons[0] as { kind: string }).kind = 'vibes'), /^report\.ads\[0\]\.reasons\[0\]\.kind: expected one of/],
    ['signals', (r: LogRecord) => ((r as { signals: unknown }).signals = 'lots'), /^signals: expected an object$/],
    ['signals frames', (r: LogRecord) => ((r as { signals: unknown }).signals = {}), /^signals\.frames: expected a list$/],
    ['crawl', (r: LogRecord) => ((r as { crawl: unknown }).crawl = { consent: 'maybe' }), /^crawl\.consent: expected one of accept, reject, none$/],
    ['ads cap', (r: LogRecord) => (r.report.ads = Array.from({ length: RECORD_LIMITS.ads + 1 }, () => r.report.ads[0] as never)), /^report\.ads: more than 500 items$/],
    ['string cap', (r: LogRecord) => ((r.report.ads[0] as ReportAd).label = 'x'.repeat(RECORD_LIMITS.string + 1)), /^report\.ads\[0\]\.label: a string longer than 65536 characters$/],
    ['depth cap', (r: LogRecord) => {
      let deep: unknown = 'bottom';
      for (let i = 0; i < 60; i++) deep = { d: deep };
      (r.signals?.frames[0] as { signals: unknown }).signals = { gpt: deep };
    }, /nested deeper than 48 levels$/],
    ['not JSON', (r: LogRecord) => ((r.report as { observedAt: unknown }).observedAt = new Date()), /^report\.observedAt: expected a date/],
    ['NaN', (r: LogRecord) => ((r.report.ads[0] as ReportAd).slot.width = Number.NaN), /^report\.ads\[0\]\.slot\.width: expected a whole number/],
  ])('refuses a bad %s', (_name, mutate, message) => {
    expect(fails(mutate)).toMatch(message);
  });

  it('refuses what is not a record at all', () => {
    for (const value of [null, 1, 'x', [], undefined]) expect(checkLogRecord(value).ok).toBe(false);
    expect(checkLogRecord({ ...realisticRecord(), extra: () => 1 })).toEqual({ ok: false, error: 'extra: a value JSON cannot hold (function)' });
  });
});
