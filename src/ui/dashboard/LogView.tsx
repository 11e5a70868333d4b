import { useCallback, useEffect, useState } from 'preact/hooks';
import { LOG_LIMITS, LOG_REDACTIONS, type LogRedaction, type LogStatus, type Settings } from '../../shared/protocol';
import { askBackground } from '../../platform/messaging';
import { t, uiLanguage, type MessageKey } from '../common/i18n';
import { parseSiteInput } from '../settings/site-input';
import { ExportImport } from './ExportImport';
import { formatBytes, formatDateTime } from './format';
import { countWords } from './labels';
import { useLog } from './log-context';

const STATUS_REFRESH_MS = 5_000;

const REDACTION_HINTS: Record<LogRedaction, [MessageKey, MessageKey]> = {
  full: ['dashRedactionFull', 'dashRedactionFullHint'],
  origin: ['dashRedactionOrigin', 'dashRedactionOriginHint'],
  hash: ['dashRedactionHash', 'dashRedactionHashHint'],
};

function Status({ status }: { status: LogStatus | null }) {
  const language = uiLanguage();
  if (!status) return null;
  return (
    <>
      <p data-testid="log-last-write">
        {status.lastWriteAt !== null ? t('dashStatusLastWrite', formatDateTime(status.lastWriteAt, language), countWords(t, 'pages', status.written, language)) : t('dashStatusNoWrite')}
      </p>
      {status.pruned > 0 && <p class="muted">{t('dashStatusPruned', countWords(t, 'pages', status.pruned, language))}</p>}
      {status.problem && (
        <p role="alert" class="notice" data-testid="log-problem" data-code={status.problem.code}>
          {status.problem.code === 'full'
            ? t('dashProblemFull', formatDateTime(status.problem.at, language), countWords(t, 'pages', status.problem.pruned, language))
            : t('dashProblemWriteFailed', formatDateTime(status.problem.at, language), status.problem.message)}
        </p>
      )}
    </>
  );
}

function Storage() {
  const { db, version } = useLog();
  const [estimate, setEstimate] = useState<{ usage: number; quota: number } | null>(null);
  const [counts, setCounts] = useState<{ records: number; ads: number } | null>(null);
  const language = uiLanguage();
  useEffect(() => {
    void navigator.storage?.estimate().then((e) => setEstimate({ usage: e.usage ?? 0, quota: e.quota ?? 0 }), () => setEstimate(null));
    void db.counts().then(setCounts, () => setCounts(null));
  }, [db, version]);
  return (
    <section aria-labelledby="storage-heading">
      <h3 id="storage-heading">{t('dashStorageTitle')}</h3>
      {counts && <p data-testid="storage-counts">{t('dashStorageCounts', countWords(t, 'pages', counts.records, language), countWords(t, 'slots', counts.ads, language))}</p>}
      {estimate ? (
        <p data-testid="storage-used" data-usage={estimate.usage}>
          {t('dashStorageUsed', formatBytes(estimate.usage, language), formatBytes(estimate.quota, language))}
        </p>
      ) : (
        <p class="muted">{t('dashStorageUnknown')}</p>
      )}
    </section>
  );
}

function Retention({ settings, save }: { settings: Settings; save: (patch: Partial<Settings>) => Promise<boolean> }) {
  const [days, setDays] = useState(String(settings.logMaxAgeDays));
  const [records, setRecords] = useState(String(settings.logMaxRecords));
  const [error, setError] = useState<{ field: 'days' | 'records'; text: string } | null>(null);
  const submit = (e: Event): void => {
    e.preventDefault();
    const d = Number(days.trim() || NaN);
    const r = Number(records.trim() || NaN);
    if (!Number.isInteger(d) || d < LOG_LIMITS.minAgeDays || d > LOG_LIMITS.maxAgeDays) {
      setError({ field: 'days', text: t('dashRetentionDaysInvalid', LOG_LIMITS.minAgeDays, LOG_LIMITS.maxAgeDays) });
      return;
    }
    if (!Number.isInteger(r) || r < LOG_LIMITS.minRecords || r > LOG_LIMITS.maxRecords) {
      setError({ field: 'records', text: t('dashRetentionRecordsInvalid', LOG_LIMITS.minRecords, LOG_LIMITS.maxRecords) });
      return;
    }
    setError(null);
    void save({ logMaxAgeDays: d, logMaxRecords: r });
  };
  return (
    <section aria-labelledby="retention-heading">
      <h3 id="retention-heading">{t('dashRetentionTitle')}</h3>
      <p class="muted">{t('dashRetentionHint')}</p>
      <form class="inline" onSubmit={submit} noValidate>
        <label>
          {t('dashRetentionDays')}
          <input type="number" name="maxAgeDays" inputMode="numeric" min={LOG_LIMITS.minAgeDays} max={LOG_LIMITS.maxAgeDays} value={days} onInput={(e) => setDays(e.currentTarget.value)} aria-invalid={error?.field === 'days'} />
        </label>
        <label>
          {t('dashRetentionRecords')}
          <input type="number" name="maxRecords" inputMode="numeric" min={LOG_LIMITS.minRecords} max={LOG_LIMITS.maxRecords} value={records} onInput={(e) => setRecords(e.currentTarget.value)} aria-invalid={error?.field === 'records'} />
        </label>
        <button type="submit">{t('dashRetentionSave')}</button>
      </form>
      {error && (
        <p role="alert" class="error">
          {error.text}
        </p>
      )}
    </section>
  );
}

function DeleteSite({ onDeleted }: { onDeleted: (text: string) => void }) {
  const [draft, setDraft] = useState('');
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ask = (e: Event): void => {
    e.preventDefault();
    const site = parseSiteInput(draft);
    if (!site) {
      setError(t('dashDeleteSiteInvalid'));
      return;
    }
    setError(null);
    setPending(site);
  };
  const confirm = async (site: string): Promise<void> => {
    const r = await askBackground('ui:deleteLog', { site });
    setPending(null);
    if (!r.ok) {
      setError(t('dashDeleteFailed', r.error));
      return;
    }
    setDraft('');
    onDeleted(t('dashDeleteSiteDone', countWords(t, 'pages', r.data.deleted, uiLanguage()), site));
  };
  return (
    <div class="delete-site">
      <form class="inline" onSubmit={ask}>
        <label>
          {t('dashDeleteSiteLabel')}
          <input type="text" name="site" value={draft} placeholder="example.com" onInput={(e) => setDraft(e.currentTarget.value)} aria-invalid={error !== null} />
        </label>
        <button type="submit" class="secondary">
          {t('dashDeleteSiteButton')}
        </button>
      </form>
      {pending && (
        <Confirm id="confirm-site" question={t('dashDeleteSiteConfirm', pending)} yes={t('dashDeleteSiteYes', pending)} onYes={() => void confirm(pending)} onNo={() => setPending(null)} />
      )}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </div>
  );
}

/** Asks before a deletion: the question, a "yes" that takes the focus, and Cancel. */
function Confirm({ id, question, yes, onYes, onNo }: { id: string; question: string; yes: string; onYes: () => void; onNo: () => void }) {
  return (
    <div class="confirm" role="group" aria-labelledby={id}>
      <p id={id}>{question}</p>
      <div class="actions">
        <button type="button" onClick={onYes} ref={(el) => el?.focus()}>
          {yes}
        </button>
        <button type="button" class="secondary" onClick={onNo}>
          {t('dashCancel')}
        </button>
      </div>
    </div>
  );
}

function DeleteAll({ onDeleted }: { onDeleted: (text: string) => void }) {
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async (): Promise<void> => {
    const r = await askBackground('ui:deleteLog', {});
    setAsking(false);
    if (!r.ok) setError(t('dashDeleteFailed', r.error));
    else onDeleted(t('dashDeleteAllDone', countWords(t, 'pages', r.data.deleted, uiLanguage())));
  };
  return (
    <div class="delete-all">
      {!asking ? (
        <button type="button" class="secondary" onClick={() => setAsking(true)}>
          {t('dashDeleteAllButton')}
        </button>
      ) : (
        <Confirm id="confirm-all" question={t('dashDeleteAllConfirm')} yes={t('dashDeleteAllYes')} onYes={() => void confirm()} onNo={() => setAsking(false)} />
      )}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * The log and its privacy controls, in one place: on or off, how page addresses are kept, how long,
 * the storage it uses, what it did last (a full disk is said, never silent), deleting one site or
 * everything, and export and import.
 */
export function LogView() {
  const { changed } = useLog();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState<LogStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState('');
  const [deleted, setDeleted] = useState('');

  const loadStatus = useCallback(async (): Promise<void> => {
    const r = await askBackground('ui:getLogStatus', {});
    if (r.ok) setStatus(r.data);
  }, []);

  useEffect(() => {
    void askBackground('ui:getSettings', {}).then((r) => (r.ok ? setSettings(r.data) : setError(r.error)));
    void loadStatus();
    const timer = setInterval(() => void loadStatus(), STATUS_REFRESH_MS);
    return () => clearInterval(timer);
  }, [loadStatus]);

  const save = async (patch: Partial<Settings>): Promise<boolean> => {
    const r = await askBackground('ui:setSettings', patch);
    if (!r.ok) {
      setError(r.error);
      setSaved('');
      return false;
    }
    setSettings(r.data);
    setError(null);
    setSaved(t('dashSaved'));
    void loadStatus();
    return true;
  };
  const onDeleted = (text: string): void => {
    setDeleted(text);
    changed();
    void loadStatus();
  };

  return (
    <section aria-labelledby="log-heading" class="log-view">
      <h2 id="log-heading">{t('dashViewLog')}</h2>
      {error && (
        <p role="alert" class="error">
          {t('dashErrorSettings', error)}
        </p>
      )}
      {!settings && !error && <p role="status">{t('dashLoading')}</p>}
      {settings && (
        <>
          <section aria-labelledby="logging-heading">
            <h3 id="logging-heading">{t('dashLoggingTitle')}</h3>
            <label class="switch">
              <input type="checkbox" name="logEnabled" checked={settings.logEnabled} onChange={(e) => void save({ logEnabled: e.currentTarget.checked })} />
              {t('dashLoggingLabel')}
            </label>
            <p class="muted">{t('dashLoggingHint')}</p>
            <p data-testid="private-windows">{t('dashPrivateWindows')}</p>
            <Status status={status} />
          </section>
          <section aria-labelledby="redaction-heading">
            <fieldset>
              <legend>
                <h3 id="redaction-heading">{t('dashRedactionTitle')}</h3>
              </legend>
              {LOG_REDACTIONS.map((r) => (
                <div class="choice" key={r}>
                  <label class="switch">
                    <input type="radio" name="redaction" value={r} checked={settings.logRedaction === r} onChange={() => void save({ logRedaction: r })} aria-describedby={`redaction-${r}-hint`} />
                    {t(REDACTION_HINTS[r][0])}
                  </label>
                  <p class="muted" id={`redaction-${r}-hint`}>
                    {t(REDACTION_HINTS[r][1])}
                  </p>
                </div>
              ))}
              <p class="muted">{t('dashRedactionChangeHint')}</p>
            </fieldset>
          </section>
          <Retention key={`${settings.logMaxAgeDays}/${settings.logMaxRecords}`} settings={settings} save={save} />
          <p role="status" class="muted" data-testid="saved">
            {saved}
          </p>
        </>
      )}
      <Storage />
      <section aria-labelledby="delete-heading">
        <h3 id="delete-heading">{t('dashDeleteTitle')}</h3>
        <p class="muted">{t('dashDeleteHint')}</p>
        <DeleteSite onDeleted={onDeleted} />
        <DeleteAll onDeleted={onDeleted} />
        <p role="status" data-testid="deleted">
          {deleted}
        </p>
      </section>
      <ExportImport />
    </section>
  );
}
