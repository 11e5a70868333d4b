/**
 * Benchmark records modelled on real ones: each is a copy of a record the extension logged on the
 * demo pages, with its own id, site, time and advertisers, so that the indexes and the day
 * aggregates see the variety of a long log rather than one value repeated. Times run from 180 days
 * ago to now in order, as a log grows: each batch of writes falls on a day or two, as the
 * extension's own batches do (they hold the pages of the last second or so).
 */
import type { LogRecord } from '../../core/log/record';

const SITES = 2_000;
const ADVERTISERS = 500;
const DAYS = 180;
const DAY_MS = 86_400_000;

export function makeBenchRecords(templates: readonly unknown[], offset: number, count: number, total: number): LogRecord[] {
  const now = Date.now();
  const out: LogRecord[] = [];
  for (let i = offset; i < offset + count; i++) {
    const record = structuredClone(templates[i % templates.length]) as LogRecord;
    const site = `site-${(i * 7919) % SITES}.example`;
    const at = new Date(now - Math.round(((total - i) / total) * DAYS * DAY_MS));
    record.id = `bench:${i}`;
    record.site = site;
    record.loggedAt = at.toISOString();
    record.report.url = `https://www.${site}`;
    record.report.observedAt = at.toISOString();
    record.report.ads.forEach((ad, k) => {
      const n = (i * 31 + k * 17) % ADVERTISERS;
      ad.advertiser = { name: `Advertiser ${n}`, domain: `advertiser-${n}.example` };
    });
    out.push(record);
  }
  return out;
}
