/**
 * Reads an export back (docs/export.md, "Import"). The format is told from the content, not the
 * file name: a JSON object with our export schema (or a JSON list of records), NDJSON with one
 * record per line, or CSV with our header (only its `record` column is read).
 *
 * Whole or nothing: every record is checked before any is returned, and the first bad one makes
 * the whole import fail with an error naming its line (and row or record number) and what is
 * wrong, so that a person can fix the file and try again without half of it in their log. Ids
 * that occur more than once in the file are kept once (the last occurrence wins, in the place of
 * the first) and counted.
 *
 * Error codes are stable (the UI translates by code; the English message is for developers):
 * `empty`, `too-large`, `format`, `invalid-record`, `too-many`.
 */
import { CsvReader } from './csv';
import { LOG_EXPORT_SCHEMA, type ExportFormat } from './export-format';
import type { LogRecord } from './record';
import { checkLogRecord } from './validate-record';

export type ImportErrorCode = 'empty' | 'too-large' | 'format' | 'invalid-record' | 'too-many';
export const IMPORT_ERROR_CODES: readonly ImportErrorCode[] = ['empty', 'too-large', 'format', 'invalid-record', 'too-many'];

export interface ImportError {
  code: ImportErrorCode;
  message: string;
  /** The 1-based line of the file the problem is on, when it is known. */
  line?: number;
}

export type ImportResult = { ok: true; format: ExportFormat; records: LogRecord[]; duplicates: number } | { ok: false; error: ImportError };

export interface ImportLimits {
  /**
   * Characters of the file's text (UTF-16 code units). A UI should check the file's size in bytes
   * against the same number before reading it into a string at all.
   */
  chars: number;
  records: number;
}

export const IMPORT_LIMITS: Readonly<ImportLimits> = { chars: 512 * 1024 * 1024, records: 200_000 };

class ImportFailure extends Error {
  constructor(readonly error: ImportError) {
    super(error.message);
  }
}

const failure = (code: ImportErrorCode, message: string, line?: number): ImportFailure =>
  new ImportFailure(line === undefined ? { code, message } : { code, message, line });

/** Collects the checked records: caps their number and keeps the last of each id. */
class Collector {
  private readonly byId = new Map<string, LogRecord>();
  private seen = 0;

  constructor(private readonly maxRecords: number) {}

  /** `lineOf` is asked only when there is an error to report. */
  add(value: unknown, where: string, lineOf: () => number | undefined): LogRecord {
    if (++this.seen > this.maxRecords) {
      throw failure('too-many', `more than ${this.maxRecords} records; split the file and import it in parts`, lineOf());
    }
    const checked = checkLogRecord(value);
    if (!checked.ok) throw failure('invalid-record', `${where}: ${checked.error}`, lineOf());
    this.byId.set(checked.value.id, checked.value);
    return checked.value;
  }

  result(format: ExportFormat): ImportResult {
    if (this.seen === 0) throw failure('empty', 'the file holds no records');
    return { ok: true, format, records: [...this.byId.values()], duplicates: this.seen - this.byId.size };
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error };
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const schemaField = (value: unknown): unknown => (isObject(value) ? value.schema : undefined);

/** The 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) line++;
  return line;
}

/** The line of a JSON.parse error, when the engine says where ("at position 12", "(line 3 column 5)"). */
function lineOfJsonError(text: string, error: unknown): number | undefined {
  const message = messageOf(error);
  const lineColumn = /\(line (\d+) column \d+\)/.exec(message);
  if (lineColumn) return Number(lineColumn[1]);
  const position = /at position (\d+)/.exec(message);
  return position ? lineAt(text, Number(position[1])) : undefined;
}

function readNdjson(text: string, limits: ImportLimits): ImportResult {
  const out = new Collector(limits.records);
  let line = 0;
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    const raw = text.slice(start, end).trim();
    start = end + 1;
    if (!raw) continue;
    const parsed = parseJson(raw);
    const at = line;
    if (!parsed.ok) throw failure('invalid-record', `line ${at}: not JSON (${messageOf(parsed.error)})`, at);
    out.add(parsed.value, `line ${at}`, () => at);
  }
  return out.result('ndjson');
}

/**
 * The line of record `index` when the file still has our writer's layout (the head on line 1, then
 * one record per line); undefined when it was reformatted.
 */
function lineOfRecord(text: string, index: number, record: unknown): number | undefined {
  let start = 0;
  for (let i = 0; i <= index; i++) {
    start = text.indexOf('\n', start) + 1;
    if (start === 0) return undefined;
  }
  const end = text.indexOf('\n', start);
  const line = text.slice(start, end < 0 ? text.length : end).replace(/,?\r?$/, '');
  return line === JSON.stringify(record) ? index + 2 : undefined;
}

function readJson(text: string, value: unknown, limits: ImportLimits): ImportResult {
  let list: unknown = value;
  if (!Array.isArray(value)) {
    const schema = schemaField(value);
    if (schema !== LOG_EXPORT_SCHEMA) {
      throw failure(
        'format',
        typeof schema === 'string' && schema.startsWith('why-this-ad/log-export/')
          ? `export schema ${schema} is a version this one cannot read (it reads ${LOG_EXPORT_SCHEMA})`
          : typeof schema === 'string' && schema.startsWith('why-this-ad/log-record/')
            ? 'a single record written over several lines, not an export: put it on one line (NDJSON) to import it'
            : `a JSON file that is not a Why This Ad export (schema ${LOG_EXPORT_SCHEMA} expected)`,
      );
    }
    list = (value as Record<string, unknown>).records;
    if (!Array.isArray(list)) throw failure('format', 'the export has no "records" list');
  }
  const records = list as unknown[];
  const out = new Collector(limits.records);
  records.forEach((r, i) => out.add(r, `record ${i + 1}`, () => (Array.isArray(value) ? undefined : lineOfRecord(text, i, r))));
  return out.result('json');
}

function readCsv(text: string, limits: ImportLimits): ImportResult {
  const reader = new CsvReader();
  const out = new Collector(limits.records);
  let recordColumn = -1;
  let idColumn = -1;
  let row = 0;
  const withRecord = new Set<string>();
  /** Ids of rows without the record column (further ads of a record), and where each first was. */
  const adRows = new Map<string, { row: number; line: number }>();

  const take = (cells: string[], line: number): void => {
    row++;
    if (row === 1) {
      recordColumn = cells.indexOf('record');
      idColumn = cells.indexOf('record_id');
      if (recordColumn < 0 || idColumn < 0) throw failure('format', 'a CSV file without the columns record_id and record of a Why This Ad export', line);
      return;
    }
    if (cells.length === 1 && cells[0] === '') return; // a blank line
    const json = cells[recordColumn] ?? '';
    const where = `row ${row} (line ${line})`;
    if (json === '') {
      // An id never holds an apostrophe: one in front is csvCell's defence against formulas ("-1").
      const id = (cells[idColumn] ?? '').replace(/^'/, '');
      if (!adRows.has(id)) adRows.set(id, { row, line });
      return;
    }
    const parsed = parseJson(json);
    if (!parsed.ok) {
      throw failure(
        'invalid-record',
        `${where}: the record column is not JSON (${messageOf(parsed.error)}); a spreadsheet that saved the file may have cut it (they keep at most 32,767 characters per cell)`,
        line,
      );
    }
    withRecord.add(out.add(parsed.value, where, () => line).id);
  };

  // In chunks, so that the reader's work lists stay small on a big file.
  const CHUNK = 1 << 20;
  for (let at = 0; at < text.length; at += CHUNK) for (const r of reader.push(text.slice(at, at + CHUNK))) take(r.cells, r.line);
  for (const r of reader.end()) take(r.cells, r.line);

  // Further ad rows may be anywhere (a sorted sheet), but their record must be in the file: an ad row
  // whose record row is gone means rows were deleted, and importing the rest would lose a record.
  for (const [id, at] of adRows) {
    if (!withRecord.has(id)) {
      throw failure('invalid-record', `row ${at.row} (line ${at.line}): an ad of record "${id}", whose row with the record column is not in the file`, at.line);
    }
  }
  return out.result('csv');
}

/** Reads an export; never throws for bad input (see the error codes above). */
export function parseImport(input: string, limits: ImportLimits = IMPORT_LIMITS): ImportResult {
  try {
    if (input.length > limits.chars) throw failure('too-large', `the file is larger than the ${limits.chars}-character limit`);
    const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    const start = text.search(/\S/);
    if (start < 0) throw failure('empty', 'the file is empty');
    if (text[start] === '{' || text[start] === '[') {
      const lineEnd = text.indexOf('\n', start);
      const head = parseJson(text.slice(start, lineEnd < 0 ? text.length : lineEnd));
      const schema = head.ok ? schemaField(head.value) : undefined;
      // NDJSON: the first line alone is an object with a schema that is not an export's.
      if (typeof schema === 'string' && !schema.startsWith('why-this-ad/log-export/')) return readNdjson(text, limits);
      const onlyLine = lineEnd < 0 || text.slice(lineEnd).trim() === '';
      const whole = onlyLine && head.ok ? head : parseJson(text);
      if (!whole.ok) throw failure('format', `not valid JSON (${messageOf(whole.error)})`, lineOfJsonError(text, whole.error));
      return readJson(text, whole.value, limits);
    }
    if (/^"?record_id"?,/.test(text)) return readCsv(text, limits);
    throw failure('format', 'not a Why This Ad export: expected NDJSON, JSON or CSV as the log exports them');
  } catch (error) {
    if (error instanceof ImportFailure) return { ok: false, error: error.error };
    throw error;
  }
}
