import { useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { EXPORT_FORMATS, exportWriter, type ExportFormat } from '../../core/log/export-format';
import { IMPORT_LIMITS, parseImport } from '../../core/log/import';
import { t, uiLanguage, type MessageKey } from '../common/i18n';
import { saveBlob } from '../common/download';
import { exportBlob } from './export-log';
import { exportFileName, formatBytes, formatNumber } from './format';
import { importDoneText, importErrorText } from './import-text';
import { countWords } from './labels';
import { useLog } from './log-context';

const FORMAT_KEYS: Record<ExportFormat, [MessageKey, MessageKey]> = {
  ndjson: ['dashExportNdjson', 'dashExportNdjsonHint'],
  json: ['dashExportJson', 'dashExportJsonHint'],
  csv: ['dashExportCsv', 'dashExportCsvHint'],
};

type ExportState = { kind: 'idle' } | { kind: 'running'; format: ExportFormat; done: number; total: number } | { kind: 'done'; text: string } | { kind: 'error'; text: string };
type ImportState = { kind: 'idle' } | { kind: 'running'; text: string } | { kind: 'done'; text: string } | { kind: 'error'; text: string };

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Export of the whole log in three formats (streamed, see export-log.ts), and import of such a file, whole or not at all. */
export function ExportImport() {
  const { db, changed } = useLog();
  const [exporting, setExporting] = useState<ExportState>({ kind: 'idle' });
  const [importing, setImporting] = useState<ImportState>({ kind: 'idle' });
  const fileInput = useRef<HTMLInputElement>(null);
  const language = uiLanguage();

  const runExport = async (format: ExportFormat): Promise<void> => {
    try {
      const { records: total } = await db.counts();
      setExporting({ kind: 'running', format, done: 0, total });
      const now = new Date();
      const writer = exportWriter(format, { exportedAt: now.toISOString(), generator: `Why This Ad ${browser.runtime.getManifest().version}` });
      const { blob, records } = await exportBlob(db, writer, (done) => setExporting({ kind: 'running', format, done, total }));
      const name = exportFileName(now, writer.extension);
      saveBlob(blob, name);
      setExporting({ kind: 'done', text: t('dashExportDone', countWords(t, 'records', records, language), name, formatBytes(blob.size, language)) });
    } catch (e) {
      setExporting({ kind: 'error', text: t('dashExportFailed', errorText(e)) });
    }
  };

  const runImport = async (file: File): Promise<void> => {
    if (file.size > IMPORT_LIMITS.chars) {
      // Checked before reading: a file this large would not fit in one string.
      setImporting({ kind: 'error', text: importErrorText(t, { code: 'too-large', message: formatBytes(file.size, language) }) });
      return;
    }
    setImporting({ kind: 'running', text: t('dashImportReading', file.name) });
    try {
      const parsed = parseImport(await file.text());
      if (!parsed.ok) {
        setImporting({ kind: 'error', text: importErrorText(t, parsed.error) });
        return;
      }
      setImporting({ kind: 'running', text: t('dashImportWriting', countWords(t, 'records', parsed.records.length, language)) });
      const { added, skipped } = await db.importAll(parsed.records);
      setImporting({ kind: 'done', text: importDoneText(t, added, skipped, parsed.duplicates, language) });
      changed();
    } catch (e) {
      setImporting({ kind: 'error', text: t('dashImportFailed', errorText(e)) });
    } finally {
      // The same file can be chosen again (after fixing it, or to see that nothing is added twice).
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const busy = exporting.kind === 'running';
  return (
    <>
      <section aria-labelledby="export-heading">
        <h3 id="export-heading">{t('dashExportTitle')}</h3>
        <p class="muted">{t('dashExportHint')}</p>
        <ul class="formats">
          {EXPORT_FORMATS.map((format) => (
            <li key={format}>
              <button type="button" onClick={() => void runExport(format)} disabled={busy} aria-describedby={`export-${format}-hint`} data-format={format}>
                {t(FORMAT_KEYS[format][0])}
              </button>{' '}
              <span class="muted" id={`export-${format}-hint`}>
                {t(FORMAT_KEYS[format][1])}
              </span>
            </li>
          ))}
        </ul>
        {exporting.kind === 'running' && (
          <div class="progress">
            <progress max={Math.max(1, exporting.total)} value={exporting.done} aria-labelledby="export-progress" />
            <span id="export-progress">{t('dashExportProgress', formatNumber(exporting.done, language), formatNumber(exporting.total, language))}</span>
          </div>
        )}
        <p role="status" data-testid="export-status" class={exporting.kind === 'error' ? 'error' : undefined}>
          {exporting.kind === 'done' || exporting.kind === 'error' ? exporting.text : ''}
        </p>
      </section>
      <section aria-labelledby="import-heading">
        <h3 id="import-heading">{t('dashImportTitle')}</h3>
        <p class="muted">{t('dashImportHint')}</p>
        <label class="file">
          {t('dashImportLabel')}
          <input
            ref={fileInput}
            type="file"
            name="import"
            accept=".ndjson,.jsonl,.json,.csv,application/json,application/x-ndjson,text/csv"
            disabled={importing.kind === 'running'}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) void runImport(file);
            }}
          />
        </label>
        <p role="status" data-testid="import-status">
          {importing.kind === 'running' || importing.kind === 'done' ? importing.text : ''}
        </p>
        {importing.kind === 'error' && (
          <p role="alert" class="error" data-testid="import-error">
            {importing.text}
          </p>
        )}
      </section>
    </>
  );
}
