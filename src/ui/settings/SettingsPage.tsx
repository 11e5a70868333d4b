import { useEffect, useState } from 'preact/hooks';
import type { DataInfo, Settings } from '../../shared/protocol';
import { askBackground } from '../../platform/messaging';
import { BrandHeader } from '../common/BrandHeader';
import { t } from '../common/i18n';
import { FeedbackList } from './FeedbackList';
import { parseSiteInput } from './site-input';

export function SettingsPage() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [draft, setDraft] = useState('');

  const [dataInfo, setDataInfo] = useState<DataInfo | null>(null);

  const [pixelSites, setPixelSites] = useState<number | null>(null);
  useEffect(() => {
    void askBackground('ui:pixelSites', { forget: false }).then((r) => r.ok && setPixelSites(r.data.sites));
  }, []);
  const forgetPixels = async (): Promise<void> => {
    const r = await askBackground('ui:pixelSites', { forget: true });
    if (r.ok) setPixelSites(r.data.sites);
  };

  useEffect(() => {
    void askBackground('ui:getSettings', {}).then((r) => (r.ok ? setSettings(r.data) : setError(r.error)));
    void askBackground('ui:getDataInfo', {}).then((r) => r.ok && setDataInfo(r.data));
  }, []);

  const save = async (patch: Partial<Settings>): Promise<void> => {
    const r = await askBackground('ui:setSettings', patch);
    if (r.ok) {
      setSettings(r.data);
      setStatus(t('saved'));
      setError(null);
    } else setError(t('errorLoading', r.error));
  };

  if (!settings) {
    return <main>{error ? <p role="alert" class="notice">{t('errorLoading', error)}</p> : <p role="status">{t('loading')}</p>}</main>;
  }

  const addSite = (e: Event): void => {
    e.preventDefault();
    const site = parseSiteInput(draft);
    if (!site) {
      setError(t('invalidSite'));
      return;
    }
    setDraft('');
    void save({ pausedSites: [...settings.pausedSites, site] });
  };

  return (
    <main>
      <BrandHeader titleKey="settingsTitle" />
      <p>
        <a href="/src/ui/dashboard/index.html">{t('dashOpenFromSettings')}</a>
      </p>
      <section>
        <label class="switch">
          <input type="checkbox" checked={settings.enabled} onChange={(e) => void save({ enabled: e.currentTarget.checked })} />
          {t('enabledLabel')}
        </label>
        <p class="muted">{t('enabledHint')}</p>
        <label class="switch">
          <input type="checkbox" checked={settings.useEasyList} onChange={(e) => void save({ useEasyList: e.currentTarget.checked })} />
          {t('easyListLabel')}
        </label>
        <p class="muted">{t('easyListHint')}</p>
        {dataInfo && <p class="muted">{t('easyListVersion', dataInfo.easyList.version ?? '?', dataInfo.easyList.rules)}</p>}
      </section>
      <section aria-labelledby="gpc">
        <h2 id="gpc">{t('gpcTitle')}</h2>
        <label class="switch">
          <input type="checkbox" checked={settings.sendGpc} onChange={(e) => void save({ sendGpc: e.currentTarget.checked })} data-testid="send-gpc" />
          {t('gpcLabel')}
        </label>
        <p class="muted">{t('gpcHint')}</p>
      </section>
      {dataInfo && (
        <section aria-labelledby="data">
          <h2 id="data">{t('dataTitle')}</h2>
          <ul class="plain" data-testid="data-info">
            <li>{t('dataVendorList', dataInfo.vendorList.version, dataInfo.vendorList.lastUpdated?.slice(0, 10) ?? '?')}</li>
            <li>{t('dataTaxonomies', dataInfo.taxonomies.date ?? '?', dataInfo.taxonomies.credit)}</li>
            <li>{t('dataEasyList', dataInfo.easyList.version ?? '?')}</li>
          </ul>
          <p class="muted">{t('dataHint')}</p>
        </section>
      )}
      <section aria-labelledby="paused">
        <h2 id="paused">{t('pausedSitesTitle')}</h2>
        <p class="muted">{t('pausedSitesHint')}</p>
        {settings.pausedSites.length === 0 ? (
          <p>{t('pausedSitesEmpty')}</p>
        ) : (
          <ul class="plain" data-testid="paused-sites">
            {settings.pausedSites.map((site) => (
              <li key={site}>
                <span>{site}</span>
                <button type="button" class="secondary" onClick={() => void save({ pausedSites: settings.pausedSites.filter((s) => s !== site) })}>
                  {t('resumeSite', site)}
                </button>
              </li>
            ))}
          </ul>
        )}
        <form class="inline" onSubmit={addSite}>
          <label>
            {t('pauseSiteLabel')}
            <input type="text" value={draft} placeholder="example.com" onInput={(e) => setDraft(e.currentTarget.value)} aria-invalid={error === t('invalidSite')} />
          </label>
          <button type="submit">{t('pauseSiteButton')}</button>
        </form>
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        <p role="status" class="muted">
          {status}
        </p>
      </section>
      <section aria-labelledby="pixels">
        <h2 id="pixels">{t('pixelSitesTitle')}</h2>
        <p class="muted">{t('pixelSitesHint')}</p>
        <p data-testid="pixel-sites">{t('pixelSitesCount', pixelSites ?? 0)}</p>
        <button type="button" class="secondary" disabled={!pixelSites} onClick={() => void forgetPixels()}>
          {t('pixelSitesForget')}
        </button>
      </section>
      <FeedbackList />
      <section aria-labelledby="stored">
        <h2 id="stored">{t('storedTitle')}</h2>
        <p>{t('storedText')}</p>
      </section>
    </main>
  );
}
