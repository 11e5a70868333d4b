import { useEffect, useRef, useState } from 'preact/hooks';
import type { LogRecord } from '../../core/log/record';
import { IdentifierList } from '../popup/IdentifierList';
import { t, uiLanguage } from '../common/i18n';
import { AdCard } from '../popup/AdCard';
import { consentSentences, flagSentence, severityLabel } from '../popup/explain-text';
import { formatDateTime } from './format';
import { redactionWord } from './labels';
import { useLog } from './log-context';
import { findAd, splitRowId } from './row-id';

type State = { kind: 'loading' } | { kind: 'missing' } | { kind: 'error'; message: string } | { kind: 'ready'; record: LogRecord };

/**
 * One logged ad, explained as the popup explained it (the same AdCard, from the stored report),
 * with the page it was on (its address as text, as the log kept it), when, and how the address
 * was redacted. The page itself may be long gone, so nothing here acts on a tab.
 */
export function AdDetail({ rowId, onBack }: { rowId: string; onBack: () => void }) {
  const { db, version } = useLog();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const heading = useRef<HTMLHeadingElement>(null);
  const ids = splitRowId(rowId);

  useEffect(() => {
    if (!ids) {
      setState({ kind: 'missing' });
      return;
    }
    let live = true;
    db.get(ids.recordId).then(
      (record) => live && setState(record ? { kind: 'ready', record } : { kind: 'missing' }),
      (e: unknown) => live && setState({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [db, version, rowId]);

  // Moving to the explanation moves the focus to it, so a screen reader starts reading there.
  useEffect(() => {
    if (state.kind !== 'loading') heading.current?.focus();
  }, [state.kind]);

  const back = (
    <button type="button" class="secondary back" onClick={onBack}>
      {t('dashBackToAds')}
    </button>
  );
  if (state.kind === 'loading') return <p role="status">{t('dashLoading')}</p>;
  const ad = state.kind === 'ready' ? ids ? findAd(state.record.report.ads, ids.adId) : undefined : undefined;
  if (state.kind !== 'ready' || !ad) {
    return (
      <section aria-labelledby="detail-heading" data-testid="ad-detail">
        {back}
        <h2 id="detail-heading" ref={heading} tabIndex={-1}>
          {t('dashDetailTitle')}
        </h2>
        <p role="alert" class="notice">
          {state.kind === 'error' ? t('dashErrorQuery', state.message) : t('dashDetailMissing')}
        </p>
      </section>
    );
  }

  const { record } = state;
  const report = record.report;
  const language = uiLanguage();
  const seen = Date.parse(report.observedAt);
  const adCodes = new Set(report.ads.flatMap((a) => a.flags.map((f) => f.code)));
  const pageFlags = report.flags.filter((f) => !adCodes.has(f.code));
  return (
    <section aria-labelledby="detail-heading" data-testid="ad-detail" class="detail">
      {back}
      <h2 id="detail-heading" ref={heading} tabIndex={-1}>
        {t('dashDetailHeading', record.site || t('dashNoSite'))}
      </h2>
      <dl data-testid="detail-facts">
        <dt>{t('dashDetailPage')}</dt>
        <dd>
          {/* The address as the log kept it: text, never a link (it is page data, and may be a hash). */}
          <code data-testid="detail-url">{report.url}</code>
        </dd>
        <dt>{t('dashDetailSeen')}</dt>
        <dd data-testid="detail-seen">{formatDateTime(Number.isNaN(seen) ? Date.parse(record.loggedAt) : seen, language)}</dd>
        <dt>{t('dashDetailRedaction')}</dt>
        <dd data-testid="detail-redaction">{redactionWord(t, record.redaction)}</dd>
        <dt>{t('dashDetailWhere')}</dt>
        <dd>{record.where === 'crawl' ? t('dashWhereCrawl') : t('dashWhereBrowser')}</dd>
      </dl>
      <ol class="ads">
        {/* No tab: "show on page" and "not an ad" belong to a page that is open (see dashboard.css). */}
        <AdCard ad={ad} tabId={-1} index={0} pageUrl={report.url} />
      </ol>
      <section class="page" aria-labelledby="detail-page-heading">
        <h3 id="detail-page-heading">{t('consentHeading')}</h3>
        <ul class="consent" data-testid="detail-consent">
          {consentSentences(t, report.consent).map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
        <h3>{t('identifiersHeading')}</h3>
        <IdentifierList identifiers={report.identifiers} testId="detail-identifiers" />
        {pageFlags.length > 0 && (
          <ul class="flags">
            {pageFlags.map((f) => (
              <li key={f.code} class={`flag flag-${f.severity}`}>
                <strong>{severityLabel(t, f)}:</strong> {flagSentence(t, f)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
