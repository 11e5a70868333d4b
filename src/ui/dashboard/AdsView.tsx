import { useEffect, useRef, useState } from 'preact/hooks';
import type { AdRow } from '../../core/log/summary';
import { t, uiLanguage } from '../common/i18n';
import { formatDateTime } from './format';
import { advertiserWord, countWords, FLAG_CODES, flagWord, reasonWord, statusWord } from './labels';
import { useLog } from './log-context';
import { activeFilterCount, EMPTY_FILTERS, logFilter, REASON_KINDS, STATUS_CHOICES, type AdFilters, type Route, type StatusChoice } from './route';

export const PAGE_SIZE = 50;
const SEARCH_DELAY_MS = 300;
const FACET_LIMIT = 200;
const COMPANIES_SHOWN = 3;

type Facets = { sites: string[]; advertisers: string[]; companies: string[] };

/** A picker of the values the log has, keeping the chosen one even when it is not among them. */
function Picker({ label, value, values, allLabel, onChange, name, wordFor }: { label: string; value: string; values: readonly string[]; allLabel: string; onChange: (v: string) => void; name: string; wordFor?: (v: string) => string }) {
  const options = value && !values.includes(value) ? [value, ...values] : values;
  // Label and control side by side (not nested): a select inside its label would add its options to its name.
  return (
    <div class="field">
      <label for={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{allLabel}</option>
        {options.map((v) => (
          <option key={v} value={v}>
            {wordFor ? wordFor(v) : v}
          </option>
        ))}
      </select>
    </div>
  );
}

function Filters({ filters, facets, onChange }: { filters: AdFilters; facets: Facets | null; onChange: (next: AdFilters, push: boolean) => void }) {
  const [search, setSearch] = useState(filters.search);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // A new hash (back, a bookmark) shows its own search text.
  useEffect(() => setSearch(filters.search), [filters.search]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const set = (patch: Partial<AdFilters>): void => onChange({ ...filters, ...patch }, false);
  const typed = (value: string): void => {
    setSearch(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => onChange({ ...filters, search: value }, false), SEARCH_DELAY_MS);
  };
  const count = activeFilterCount(filters);
  return (
    <form class="filters" role="search" aria-label={t('dashFiltersLabel')} onSubmit={(e) => {
      e.preventDefault();
      clearTimeout(timer.current);
      onChange({ ...filters, search }, false);
    }}>
      <label class="search">
        {t('dashSearchLabel')}
        <input type="search" name="q" value={search} onInput={(e) => typed(e.currentTarget.value)} placeholder={t('dashSearchPlaceholder')} />
      </label>
      <Picker name="site" label={t('dashFilterSite')} value={filters.site} values={facets?.sites ?? []} allLabel={t('dashFilterAllSites')} onChange={(site) => set({ site })} />
      <Picker name="advertiser" label={t('dashFilterAdvertiser')} value={filters.advertiser} values={facets?.advertisers ?? []} allLabel={t('dashFilterAllAdvertisers')} onChange={(advertiser) => set({ advertiser })} />
      <Picker name="company" label={t('dashFilterCompany')} value={filters.company} values={facets?.companies ?? []} allLabel={t('dashFilterAllCompanies')} onChange={(company) => set({ company })} />
      <Picker name="reason" label={t('dashFilterReason')} value={filters.reasonKind} values={REASON_KINDS} allLabel={t('dashFilterAllReasons')} onChange={(reasonKind) => set({ reasonKind })} wordFor={(k) => reasonWord(t, k)} />
      <Picker name="flag" label={t('dashFilterFlag')} value={filters.flag} values={FLAG_CODES} allLabel={t('dashFilterAllFlags')} onChange={(flag) => set({ flag })} wordFor={(f) => flagWord(t, f)} />
      <label>
        {t('dashFilterFrom')}
        <input type="date" name="from" value={filters.from} max={filters.to || undefined} onChange={(e) => set({ from: e.currentTarget.value })} />
      </label>
      <label>
        {t('dashFilterTo')}
        <input type="date" name="to" value={filters.to} min={filters.from || undefined} onChange={(e) => set({ to: e.currentTarget.value })} />
      </label>
      <div class="field">
        <label for="filter-status">{t('dashFilterStatus')}</label>
        <select id="filter-status" name="status" value={filters.status} onChange={(e) => set({ status: e.currentTarget.value as StatusChoice })}>
          {STATUS_CHOICES.map((s) => (
            <option key={s} value={s}>
              {statusWord(t, s)}
            </option>
          ))}
        </select>
      </div>
      <div class="filter-actions">
        <button type="submit" class="secondary">
          {t('dashSearchButton')}
        </button>
        <button type="button" class="secondary" disabled={count === 0 && !search} onClick={() => {
          clearTimeout(timer.current);
          setSearch('');
          onChange(EMPTY_FILTERS, true);
        }}>
          {t('dashFiltersClear')}
        </button>
      </div>
    </form>
  );
}

function companiesText(companies: readonly string[]): string {
  const shown = companies.slice(0, COMPANIES_SHOWN).join(', ');
  return companies.length > COMPANIES_SHOWN ? t('dashCompaniesMore', shown, companies.length - COMPANIES_SHOWN) : shown;
}

function Row({ row, onOpen, language }: { row: AdRow; onOpen: (id: string) => void; language: string }) {
  const when = formatDateTime(row.at, language);
  return (
    // The row is clickable for the mouse; the button in its first cell is what keyboards and screen readers use.
    <tr data-testid="ad-row" data-row-id={row.id} data-site={row.site} onClick={() => onOpen(row.id)}>
      <td>
        <button type="button" class="link" onClick={(e) => {
          e.stopPropagation();
          onOpen(row.id);
        }} aria-label={t('dashOpenAd', when, advertiserWord(t, row.advertiser), row.site)}>
          {when}
        </button>
      </td>
      <td>{row.site}</td>
      <td data-col="advertiser" class={row.advertiser ? undefined : 'muted'}>{advertiserWord(t, row.advertiser)}</td>
      <td data-col="reasons">
        {row.status !== 'shown' && <span class="muted">{statusWord(t, row.status)} </span>}
        {row.reasonKinds.map((k) => reasonWord(t, k)).join(', ')}
      </td>
      <td data-col="flags">{row.flags.map((f) => flagWord(t, f)).join(', ')}</td>
      <td data-col="companies">{companiesText(row.companies)}</td>
    </tr>
  );
}

let firstRenderMarked = false;
/** The row whose explanation was opened: coming back to the table puts the focus on it again. */
let returnTo: string | null = null;

export function AdsView({ route, go, hidden = false, onFirstRender }: { route: Route; go: (next: Route, push?: boolean) => void; hidden?: boolean; onFirstRender?: () => void }) {
  const { db, version } = useLog();
  const filters = route.filters;
  const filterKey = JSON.stringify(filters);
  // Paging belongs to one filter and one state of the log: a new filter starts at the first page.
  const pagingKey = `${filterKey}|${version}`;
  const [paging, setPaging] = useState<{ key: string; cursors: (string | null)[]; index: number }>({ key: pagingKey, cursors: [null], index: 0 });
  const current = paging.key === pagingKey ? paging : { key: pagingKey, cursors: [null], index: 0 };
  const pageIndex = current.index;
  const after = current.cursors[pageIndex] ?? null;
  const [page, setPage] = useState<{ rows: AdRow[]; next: string | null; key: string } | null>(null);
  const queryKey = `${pagingKey}|${pageIndex}|${after ?? ''}`;
  const [counts, setCounts] = useState<{ pages: number; ads: number } | null>(null);
  const [facets, setFacets] = useState<Facets | null>(null);
  const [error, setError] = useState<string | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);

  useEffect(() => {
    let live = true;
    db.queryAds(logFilter(JSON.parse(filterKey) as AdFilters), { after, limit: PAGE_SIZE }).then(
      (found) => {
        if (!firstRenderMarked) performance.mark('dashboard-first-query');
        if (!live) return;
        setPage({ rows: found.rows, next: found.next, key: queryKey });
        setError(null);
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
    // queryKey is made of filterKey, version, pageIndex and after.
  }, [db, queryKey]);

  // The first page of the table is what the person waits for; the pickers come after it.
  const ready = page !== null;
  useEffect(() => {
    if (!ready) return;
    if (!firstRenderMarked) {
      firstRenderMarked = true;
      performance.mark('dashboard-first-render');
      onFirstRender?.();
    }
    let current = true;
    void db.facets(FACET_LIMIT).then((f) => current && setFacets(f), () => undefined);
    // Shown ads and pages, from the per-day sums (the ad rows include empty slots).
    void db.days().then(
      (days) => current && setCounts(days.reduce((sum, d) => ({ pages: sum.pages + d.pages, ads: sum.ads + d.ads }), { pages: 0, ads: 0 })),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [db, version, ready]);

  const change = (next: AdFilters, push: boolean): void => go({ ...route, filters: next, detail: '' }, push);
  const open = (id: string): void => {
    returnTo = id;
    go({ ...route, detail: id });
  };
  // Back from an open ad (the table was hidden under it): the focus goes to the row it came from.
  const wasHidden = useRef(hidden);
  useEffect(() => {
    const back = wasHidden.current && !hidden;
    wasHidden.current = hidden;
    if (!back || !returnTo) return;
    tableRef.current?.querySelector<HTMLButtonElement>(`tr[data-row-id="${CSS.escape(returnTo)}"] button`)?.focus();
    returnTo = null;
  }, [hidden]);
  const language = uiLanguage();
  const rows = page?.rows ?? [];
  const filtered = activeFilterCount(filters) > 0;

  return (
    // Busy while the rows shown are not yet those of the filters chosen (assistive technology waits; so do the tests).
    <section aria-labelledby="ads-heading" class="ads-view" hidden={hidden} aria-busy={page?.key !== queryKey}>
      <h2 id="ads-heading">{t('dashViewAds')}</h2>
      {counts && (
        <p data-testid="log-counts">{t('dashCounts', countWords(t, 'ads', counts.ads, language), countWords(t, 'pages', counts.pages, language))}</p>
      )}
      <Filters filters={filters} facets={facets} onChange={change} />
      {error && (
        <p role="alert" class="error">
          {t('dashErrorQuery', error)}
        </p>
      )}
      {!page && !error && <p role="status">{t('dashLoading')}</p>}
      {page && rows.length === 0 && (
        <p data-testid="no-ads" role="status">
          {filtered ? t('dashNoMatches') : t('dashEmptyLog')}
        </p>
      )}
      {/* Said to screen readers when a filter, a search or the pager changes the rows. */}
      <p role="status" class="visually-hidden" data-testid="table-status">
        {rows.length > 0 ? t('dashTableStatus', countWords(t, 'ads', rows.length, language), pageIndex + 1) : ''}
      </p>
      {rows.length > 0 && (
        <div class="table-wrap">
          <table ref={tableRef} data-testid="ads-table" class="ads-table">
            <caption>{filtered ? t('dashTableCaptionFiltered', pageIndex + 1) : t('dashTableCaption', pageIndex + 1)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashColWhen')}</th>
                <th scope="col">{t('dashColSite')}</th>
                <th scope="col">{t('dashColAdvertiser')}</th>
                <th scope="col">{t('dashColReasons')}</th>
                <th scope="col">{t('dashColFlags')}</th>
                <th scope="col">{t('dashColCompanies')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <Row key={row.id} row={row} onOpen={open} language={language} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page && (pageIndex > 0 || page.next) && (
        <nav class="pager" aria-label={t('dashPagerLabel')}>
          <button type="button" class="secondary" disabled={pageIndex === 0} onClick={() => setPaging({ ...current, index: Math.max(0, pageIndex - 1) })}>
            {t('dashPrevious')}
          </button>
          <span data-testid="page-number">{t('dashPageNumber', pageIndex + 1)}</span>
          <button type="button" class="secondary" disabled={!page.next} onClick={() => {
            const next = page.next;
            if (!next) return;
            setPaging({ key: pagingKey, cursors: [...current.cursors.slice(0, pageIndex + 1), next], index: pageIndex + 1 });
            tableRef.current?.scrollIntoView({ block: 'start' });
          }}>
            {t('dashNext')}
          </button>
        </nav>
      )}
    </section>
  );
}
