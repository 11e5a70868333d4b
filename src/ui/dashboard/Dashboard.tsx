import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { openLog, type LogDb } from '../../platform/log-db';
import { askBackground } from '../../platform/messaging';
import { BrandHeader } from '../common/BrandHeader';
import { t, type MessageKey } from '../common/i18n';
import { AdsView } from './AdsView';
import { lazyView } from './lazy';
import { LogContext, type LogHandle } from './log-context';
import { parseRoute, routeHash, type Route, type View } from './route';

const AdDetail = lazyView(() => import('./AdDetail').then((m) => m.AdDetail));
const OverviewView = lazyView(() => import('./OverviewView').then((m) => m.OverviewView));
const AboutYouView = lazyView(() => import('./AboutYouView').then((m) => m.AboutYouView));
const LogView = lazyView(() => import('./LogView').then((m) => m.LogView));

/** After the first table: the other views' code, so that switching to one is instant. */
function preloadViews(): void {
  for (const view of [AdDetail, OverviewView, AboutYouView, LogView]) void view.preload().catch(() => undefined);
}

const VIEW_KEYS: Record<View, MessageKey> = {
  ads: 'dashViewAds',
  overview: 'dashViewOverview',
  you: 'dashViewYou',
  log: 'dashViewLog',
};

/** Asks the background to write what the log owes; answers how many records it wrote (0 when it could not). */
async function flush(): Promise<number> {
  const reply = await askBackground('ui:flushLog', {}).catch(() => null);
  return reply?.ok ? reply.data.written : 0;
}

/**
 * How long the first read waits for the background's flush. A worker that was asleep can take
 * seconds to wake; the table is shown from the log as it is, and read again when the flush wrote
 * something.
 */
const FLUSH_WAIT_MS = 150;

function useRoute(): [Route, (next: Route, push?: boolean) => void] {
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  useEffect(() => {
    const onHash = (): void => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const go = useCallback((next: Route, push = true) => {
    const hash = routeHash(next);
    // Typing in a filter replaces the entry; opening a view or an ad adds one, so "back" returns.
    if (push && hash !== (location.hash || '#')) history.pushState(null, '', hash);
    else history.replaceState(null, '', hash);
    setRoute(next);
  }, []);
  return [route, go];
}

export function Dashboard() {
  const [route, go] = useRoute();
  const [db, setDb] = useState<LogDb | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [refreshing, setRefreshing] = useState(false);

  useEffect(() => {
    let opened: LogDb | null = null;
    let closed = false;
    // Both at once: the first table must not wait for a worker that is slow to wake.
    const flushed = flush();
    const inTime = Promise.race([flushed.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), FLUSH_WAIT_MS))]);
    void Promise.all([inTime, openLog()]).then(
      ([waited, found]) => {
        // Where the first render's time goes (the bench reads dashboard-first-render; this says why).
        performance.mark('dashboard-log-ready');
        opened = found;
        if (closed) {
          found.close();
          return;
        }
        setDb(found);
        if (!waited) void flushed.then((written) => written > 0 && !closed && setVersion((v) => v + 1));
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      closed = true;
      opened?.close();
    };
  }, []);

  const changed = useCallback(() => setVersion((v) => v + 1), []);
  const handle = useMemo<LogHandle | null>(() => (db ? { db, version, changed } : null), [db, version, changed]);

  const refresh = async (): Promise<void> => {
    setRefreshing(true);
    await flush();
    setRefreshing(false);
    changed();
  };

  let body;
  if (error) {
    body = (
      <p role="alert" class="notice">
        {t('dashErrorOpen', error)}
      </p>
    );
  } else if (!handle) {
    body = <p role="status">{t('dashLoading')}</p>;
  } else if (route.view === 'overview') {
    body = <OverviewView route={route} go={go} />;
  } else if (route.view === 'you') {
    body = <AboutYouView />;
  } else if (route.view === 'log') {
    body = <LogView />;
  } else {
    // The table stays mounted (hidden) under an open ad, so that coming back finds its page and row.
    body = (
      <>
        <AdsView route={route} go={go} hidden={route.detail !== ''} onFirstRender={preloadViews} />
        {route.detail && <AdDetail rowId={route.detail} onBack={() => go({ ...route, detail: '' })} />}
      </>
    );
  }

  return (
    <>
      <a class="skip" href="#content">
        {t('dashSkipToContent')}
      </a>
      <div class="dash-top">
        <BrandHeader titleKey="dashTitle" />
        <nav aria-label={t('dashNavLabel')} class="dash-nav">
          <ul>
            {(Object.keys(VIEW_KEYS) as View[]).map((view) => (
              <li key={view}>
                <a
                  href={routeHash({ ...route, view, detail: '' })}
                  aria-current={route.view === view ? 'page' : undefined}
                  data-view={view}
                  onClick={(e) => {
                    e.preventDefault();
                    go({ ...route, view, detail: '' });
                  }}
                >
                  {t(VIEW_KEYS[view])}
                </a>
              </li>
            ))}
          </ul>
          <div class="dash-nav-end">
            <button type="button" class="secondary" onClick={() => void refresh()} disabled={refreshing || !handle}>
              {t('dashRefresh')}
            </button>
            <a href="/src/ui/settings/index.html">{t('dashOpenSettings')}</a>
          </div>
        </nav>
      </div>
      <main id="content" tabIndex={-1}>
        {handle ? <LogContext.Provider value={handle}>{body}</LogContext.Provider> : body}
      </main>
    </>
  );
}
