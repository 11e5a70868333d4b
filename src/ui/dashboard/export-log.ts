/**
 * Exports the whole log as one file without holding it in the page's memory: the log is read 500
 * records at a time (one short transaction each), each batch is written out as text and appended
 * to a Blob (`new Blob([previous, chunk])` lets the browser keep the parts out of the page's heap),
 * and the finished Blob is downloaded. Nothing leaves the device.
 *
 * NDJSON and JSON are written from the records' stored JSON as it is (iterateJson + recordLines):
 * parsing 100,000 records only to serialise them again was most of an export's time. CSV reads the
 * records' fields, so it takes them parsed.
 */
import type { ExportWriter } from '../../core/log/export-format';
import type { LogDb } from '../../platform/log-db';

export const EXPORT_BATCH = 500;

export async function exportBlob(db: Pick<LogDb, 'iterate' | 'iterateJson'>, writer: ExportWriter, onProgress: (records: number) => void): Promise<{ blob: Blob; records: number }> {
  let blob = new Blob([writer.head()], { type: writer.mime });
  let done = 0;
  const append = (text: string, n: number): void => {
    blob = new Blob([blob, text], { type: writer.mime });
    done += n;
    onProgress(done);
  };
  const fromJson = writer.recordLines?.bind(writer);
  const records = fromJson
    ? await db.iterateJson(EXPORT_BATCH, (lines) => append(fromJson(lines), lines.length))
    : await db.iterate(EXPORT_BATCH, (batch) => append(writer.records(batch), batch.length));
  blob = new Blob([blob, writer.tail()], { type: writer.mime });
  return { blob, records };
}
