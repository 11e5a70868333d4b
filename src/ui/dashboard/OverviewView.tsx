import { useEffect, useState } from 'preact/hooks';
import { mergeDays, OTHER_KEY, type DayCounts } from '../../core/log/summary';
import { t, uiLanguage } from '../common/i18n';
import { daySeries, lastDays, topEntries } from './chart-data';
import { BarChart, DayChart, type Bar } from './Charts';
import { formatDay } from './format';
import { consentWord, countWords, reasonWord } from './labels';
import { useLog } from './log-context';
import type { Route } from './route';

const TOP = 10;

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; days: DayCounts[] };

/**
 * The log at a glance, over a date range (the filter's, or the last 30 days): ads per day, the
 * advertisers and companies seen most, the mix of reasons and what the pages' consent said. From
 * the log's per-day sums, so it stays quick with a large log; the other filters do not apply here.
 */
export function OverviewView({ route, go }: { route: Route; go: (next: Route, push?: boolean) => void }) {
  const { db, version } = useLog();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const fallback = lastDays(Date.now());
  const from = route.filters.from || (route.filters.to && route.filters.to < fallback.from ? route.filters.to : fallback.from);
  const to = route.filters.to || (from > fallback.to ? from : fallback.to);
  const language = uiLanguage();

  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    db.days(from, to).then(
      (days) => live && setState({ kind: 'ready', days }),
      (e: unknown) => live && setState({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [db, version, from, to]);

  const setRange = (patch: { from?: string; to?: string }): void => go({ ...route, filters: { ...route.filters, ...patch } }, false);
  const bars = (counts: Record<string, number>, word?: (key: string) => string): { bars: Bar[]; rest: number } => {
    const { top, rest } = topEntries(counts, TOP);
    // OTHER_KEY holds what a day's capped maps could not name: said as "others", never as a name.
    const label = (key: string): string => (key === OTHER_KEY ? t('dashChartOthers') : word ? word(key) : key);
    return { bars: top.map((e) => ({ key: e.key, label: label(e.key), n: e.n })), rest };
  };

  let body;
  if (state.kind === 'loading') body = <p role="status">{t('dashLoading')}</p>;
  else if (state.kind === 'error') {
    body = (
      <p role="alert" class="error">
        {t('dashErrorQuery', state.message)}
      </p>
    );
  } else {
    const sums = mergeDays(state.days);
    const advertisers = bars(sums.advertisers);
    const companies = bars(sums.companies);
    const reasons = bars(sums.reasons, (k) => reasonWord(t, k));
    const consent = bars(sums.consent, (k) => consentWord(t, k));
    body = (
      <>
        <p data-testid="overview-totals">{t('dashOverviewTotals', countWords(t, 'ads', sums.ads, language), countWords(t, 'pages', sums.pages, language), formatDay(from, language), formatDay(to, language))}</p>
        <div class="charts">
          <DayChart id="per-day" title={t('dashChartPerDay')} points={daySeries(state.days, from, to)} />
          <BarChart id="advertisers" title={t('dashChartAdvertisers')} unit={t('dashChartColAds')} emptyText={t('dashChartEmpty')} {...advertisers} />
          <BarChart id="companies" title={t('dashChartCompanies')} unit={t('dashChartColSeen')} emptyText={t('dashChartEmpty')} {...companies} />
          <BarChart id="reasons" title={t('dashChartReasons')} unit={t('dashChartColAds')} emptyText={t('dashChartEmpty')} {...reasons} />
          <BarChart id="consent" title={t('dashChartConsent')} unit={t('dashChartColPages')} emptyText={t('dashChartEmpty')} {...consent} />
        </div>
      </>
    );
  }

  return (
    <section aria-labelledby="overview-heading">
      <h2 id="overview-heading">{t('dashViewOverview')}</h2>
      <p class="muted">{t('dashOverviewHint')}</p>
      <form class="filters" aria-label={t('dashRangeLabel')} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('dashFilterFrom')}
          <input type="date" name="from" value={from} max={to} onChange={(e) => setRange({ from: e.currentTarget.value })} />
        </label>
        <label>
          {t('dashFilterTo')}
          <input type="date" name="to" value={to} min={from} onChange={(e) => setRange({ to: e.currentTarget.value })} />
        </label>
      </form>
      {body}
    </section>
  );
}
