/**
 * The log's export formats (docs/export.md), written in pages so that an export of any size keeps
 * memory flat: `head()`, then `records(batch)` for each batch in order, then `tail()`; the parts
 * concatenated are the file. A writer keeps state between batches (the JSON commas), so one writer
 * serves one export.
 *
 * - `ndjson`: one LogRecord as JSON per line (LF), nothing else: the format `npm run crawl` writes.
 * - `json`: `{"schema":"why-this-ad/log-export/1","exportedAt":…,"generator":…,"records":[…]}`, one
 *   record per line inside the list.
 * - `csv`: a byte order mark (so that spreadsheets read UTF-8), a header row, then one row per ad
 *   (a record without ads has one row with empty ad columns). The summary columns are for reading;
 *   the last column, `record`, holds the whole LogRecord as JSON on the first row of each record,
 *   which is what import reads.
 */
import type { LogRecord } from './record';
import type { ReportAd } from '../../shared/page-report';
import { csvLine } from './csv';

export type ExportFormat = 'ndjson' | 'json' | 'csv';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['ndjson', 'json', 'csv'];
export const LOG_EXPORT_SCHEMA = 'why-this-ad/log-export/1';

export interface ExportMeta {
  exportedAt: string;
  generator: string;
}

export interface ExportWriter {
  head(): string;
  records(batch: readonly LogRecord[]): string;
  /**
   * As records(), from the records already as JSON (each JSON.stringify(record), as the log stores
   * them): the same text for the same records, without parsing and serialising them again. The
   * formats whose rows are the records' JSON have it (ndjson, json); csv, which reads the records'
   * fields, has not. A writer's records() and recordLines() share its state: they may be mixed.
   */
  recordLines?(lines: readonly string[]): string;
  tail(): string;
  mime: string;
  extension: string;
}

/** The CSV columns, in order (each described in docs/export.md). `record` stays last. */
export const CSV_COLUMNS = [
  'record_id',
  'logged_at',
  'observed_at',
  'where',
  'site',
  'url',
  'redaction',
  'ad_id',
  'ad_status',
  'ad_format',
  'advertiser',
  'advertiser_domain',
  'paid_by',
  'sellers',
  'reason_kinds',
  'reasons',
  'flags',
  'detected_by',
  'tcf_status',
  'gdpr_applies',
  'purposes_consented',
  'purposes_refused',
  'gpc',
  'usp',
  'page_flags',
  'companies',
  'crawl_consent',
  'crawl_banner',
  'error',
  'record',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

const LIST = '; ';
const distinct = (values: readonly string[]): string[] => [...new Set(values)];
const flagOf = (value: boolean | null | undefined): string => (value === true ? 'true' : value === false ? 'false' : '');

function adCells(ad: ReportAd | undefined): Partial<Record<CsvColumn, string>> {
  if (!ad) return {};
  return {
    ad_id: ad.id,
    ad_status: ad.status,
    ad_format: ad.format,
    advertiser: ad.advertiser?.name ?? '',
    advertiser_domain: ad.advertiser?.domain ?? '',
    paid_by: ad.paidBy ?? '',
    sellers: distinct(ad.sellers.map((s) => s.company ?? s.domain ?? '').filter(Boolean)).join(LIST),
    reason_kinds: distinct(ad.reasons.map((r) => r.kind)).join(LIST),
    reasons: ad.reasons.map((r) => `${r.kind} (${r.basis})${r.detail ? `: ${r.detail}` : ''}`).join(' | '),
    flags: distinct(ad.flags.map((f) => f.code)).join(LIST),
    detected_by: ad.detectedBy.join(LIST),
  };
}

/** The CSV rows of one record: one per ad, at least one. */
export function csvRowsOf(record: LogRecord): string[][] {
  const { report } = record;
  const tcf = report.consent.tcf;
  const page: Partial<Record<CsvColumn, string>> = {
    record_id: record.id,
    logged_at: record.loggedAt,
    observed_at: report.observedAt,
    where: record.where,
    site: record.site,
    url: report.url,
    redaction: record.redaction,
    tcf_status: tcf?.status ?? '',
    gdpr_applies: flagOf(tcf?.gdprApplies),
    purposes_consented: tcf ? tcf.purposes.consented.join(LIST) : '',
    purposes_refused: tcf ? tcf.purposes.refused.join(LIST) : '',
    gpc: flagOf(report.consent.gpc),
    usp: report.consent.usp ?? '',
    page_flags: distinct(report.flags.map((f) => f.code)).join(LIST),
    companies: String(report.companies.length),
    crawl_consent: record.crawl?.consent ?? '',
    crawl_banner: record.crawl?.banner ?? '',
    error: report.error?.code ?? '',
  };
  const ads: (ReportAd | undefined)[] = report.ads.length ? report.ads : [undefined];
  return ads.map((ad, i) => {
    const cells: Partial<Record<CsvColumn, string>> = { ...page, ...adCells(ad), record: i === 0 ? JSON.stringify(record) : '' };
    return CSV_COLUMNS.map((column) => cells[column] ?? '');
  });
}

const toJson = (record: LogRecord): string => JSON.stringify(record);

export function exportWriter(format: ExportFormat, meta: ExportMeta): ExportWriter {
  switch (format) {
    case 'ndjson': {
      const recordLines = (lines: readonly string[]): string => lines.map((line) => `${line}\n`).join('');
      return {
        mime: 'application/x-ndjson',
        extension: 'ndjson',
        head: () => '',
        records: (batch) => recordLines(batch.map(toJson)),
        recordLines,
        tail: () => '',
      };
    }
    case 'json': {
      let written = 0;
      const recordLines = (lines: readonly string[]): string => lines.map((line) => `${written++ === 0 ? '' : ','}\n${line}`).join('');
      return {
        mime: 'application/json',
        extension: 'json',
        head: () =>
          `{"schema":${JSON.stringify(LOG_EXPORT_SCHEMA)},"exportedAt":${JSON.stringify(meta.exportedAt)},"generator":${JSON.stringify(meta.generator)},"records":[`,
        records: (batch) => recordLines(batch.map(toJson)),
        recordLines,
        tail: () => `${written ? '\n' : ''}]}\n`,
      };
    }
    case 'csv':
      return {
        mime: 'text/csv;charset=utf-8',
        extension: 'csv',
        head: () => `\uFEFF${csvLine(CSV_COLUMNS)}`,
        records: (batch) => batch.map((r) => csvRowsOf(r).map(csvLine).join('')).join(''),
        tail: () => '',
      };
  }
}
