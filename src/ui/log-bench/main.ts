/**
 * `npm run bench` only (the chrome-bench build; never in a shipped build): fills the real log in
 * this extension's IndexedDB with realistic records and times what the log does, so that the
 * figures are those of Chromium's IndexedDB, not of a stand-in. scripts/lib/bench-log.ts drives it.
 */
import { exportWriter } from '../../core/log/export-format';
import { makeBenchRecords } from './records';
import { openLog } from '../../platform/log-db';
import { exportBlob } from '../dashboard/export-log';

const BATCH = 500;

async function fill(total: number): Promise<{ records: number; ms: number }> {
  const log = await openLog();
  const templates: unknown[] = [];
  await log.iterate(50, (records) => void templates.push(...records));
  if (!templates.length) throw new Error('no record in the log to model the benchmark records on: visit pages with ads first');
  // Making the records is the benchmark's own work, not the log's: it is left out of the time.
  let ms = 0;
  for (let done = 0; done < total; done += BATCH) {
    const batch = makeBenchRecords(templates, done, Math.min(BATCH, total - done), total);
    const start = performance.now();
    await log.put(batch);
    ms += performance.now() - start;
  }
  log.close();
  return { records: total, ms };
}

/** NDJSON export as the dashboard does it (ui/dashboard/export-log.ts): pages of the stored JSON into Blob parts, never one big string. */
async function exportNdjson(): Promise<{ ms: number; bytes: number; records: number }> {
  const log = await openLog();
  const writer = exportWriter('ndjson', { exportedAt: new Date().toISOString(), generator: 'why-this-ad bench' });
  const start = performance.now();
  const { blob, records } = await exportBlob(log, writer, () => undefined);
  const ms = performance.now() - start;
  log.close();
  return { ms, bytes: blob.size, records };
}

async function usage(): Promise<{ usage: number; records: number }> {
  const log = await openLog();
  const { records } = await log.counts();
  log.close();
  return { usage: (await navigator.storage.estimate()).usage ?? 0, records };
}

Object.assign(globalThis, { whyThisAdLogBench: { fill, exportNdjson, usage } });
document.title = 'log bench ready';
