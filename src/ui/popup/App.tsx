import { askBackground } from '../../platform/messaging';
import { t } from '../common/i18n';
import { openDashboard, openSettings, reloadTab } from '../common/tab';
import { AdCard } from './AdCard';
import { countLabel } from './describe';
import { PageSection } from './PageSection';
import { WhosHere } from './WhosHere';
import { usePageState } from './use-page-state';
import { useState } from 'preact/hooks';

function Header({ subtitle }: { subtitle?: string }) {
  return (
    <header class="top">
      <div>
        <h1>{t('popupTitle')}</h1>
        {subtitle && (
          <p class="count" data-testid="ad-count">
            {subtitle}
          </p>
        )}
      </div>
      <div class="top-actions">
        <button type="button" class="secondary" onClick={() => void openDashboard()}>
          {t('openDashboard')}
        </button>
        <button type="button" class="secondary" onClick={() => void openSettings()}>
          {t('openSettings')}
        </button>
      </div>
    </header>
  );
}

/** Hands over to the page: its content scripts let the person click the missed ad. */
async function pickMissedAd(tabId: number): Promise<void> {
  await askBackground('ui:startPick', { tabId });
  // When opened as a toolbar popup, step aside so the page can be clicked.
  if (!new URLSearchParams(location.search).has('tabId')) window.close();
}

export function App() {
  const { state, reload } = usePageState();
  const [view, setView] = useState<'ads' | 'who'>('ads');

  if (state.kind === 'loading') {
    return (
      <main>
        <Header />
        <p role="status">{t('loading')}</p>
      </main>
    );
  }
  if (state.kind === 'error') {
    return (
      <main>
        <Header />
        <p role="alert" class="notice">
          {t('errorLoading', state.message)}
        </p>
        <button type="button" onClick={reload}>
          {t('retry')}
        </button>
      </main>
    );
  }

  const { info, report } = state;
  const togglePause = async (paused: boolean): Promise<void> => {
    await askBackground('ui:setSitePaused', { tabId: info.tabId, paused });
    reload();
  };
  const pauseSwitch = info.site && (
    <label class="switch">
      <input type="checkbox" checked={info.paused} onChange={(e) => void togglePause(e.currentTarget.checked)} />
      {t('pauseOnSite', info.site)}
    </label>
  );

  let body;
  if (!info.supported) body = <p class="notice">{t('unsupported')}</p>;
  else if (!info.enabled) body = <p class="notice">{t('disabledEverywhere')}</p>;
  else if (info.paused) body = <p class="notice">{t('pausedHere', info.site ?? '')}</p>;
  else if (!report) {
    body = (
      <>
        <p class="notice">{t('notLoaded')}</p>
        <button type="button" onClick={() => void reloadTab(info.tabId)}>
          {t('reloadPage')}
        </button>
      </>
    );
  }

  if (body || !report) {
    return (
      <main>
        <Header />
        {body}
        {pauseSwitch}
      </main>
    );
  }

  const shown = report.ads.filter((a) => a.status === 'shown');
  const empty = report.ads.filter((a) => a.status !== 'shown');
  const views = (
    <nav class="views" aria-label={t('popupTitle')}>
      <button type="button" class="secondary" aria-pressed={view === 'ads'} onClick={() => setView('ads')}>
        {t('tabAds')}
      </button>
      <button type="button" class="secondary" aria-pressed={view === 'who'} onClick={() => setView('who')} data-testid="view-who">
        {t('tabWhosHere')} ({report.companies.length})
      </button>
    </nav>
  );
  if (view === 'who') {
    return (
      <main>
        <Header subtitle={countLabel(t, shown.length)} />
        {views}
        <WhosHere report={report} />
      </main>
    );
  }
  return (
    <main>
      <Header subtitle={countLabel(t, shown.length)} />
      {views}
      {shown.length === 0 ? (
        <section>
          <p>{t('noAds')}</p>
          <p class="muted">{t('noAdsHint')}</p>
        </section>
      ) : (
        <ol class="ads" data-testid="ads">
          {shown.map((ad, i) => (
            <AdCard key={ad.id} ad={ad} tabId={info.tabId} index={i} pageUrl={report.url} />
          ))}
        </ol>
      )}
      {empty.length > 0 && (
        <details class="empty-slots">
          <summary>{t('emptySlots', empty.length)}</summary>
          <ol class="ads">
            {empty.map((ad, i) => (
              <AdCard key={ad.id} ad={ad} tabId={info.tabId} index={shown.length + i} pageUrl={report.url} />
            ))}
          </ol>
        </details>
      )}
      <PageSection report={report} onHistoryGranted={reload} />
      <p class="missed">
        <button type="button" class="secondary" onClick={() => void pickMissedAd(info.tabId)}>
          {t('missedAd')}
        </button>
        <span class="muted">{t('missedAdHint')}</span>
      </p>
      <footer>{pauseSwitch}</footer>
    </main>
  );
}
