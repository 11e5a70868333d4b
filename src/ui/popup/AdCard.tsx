import { useState } from 'preact/hooks';
import type { ReportAd } from '../../shared/page-report';
import { askBackground } from '../../platform/messaging';
import { t, uiLanguage } from '../common/i18n';
import { detectorLabel, formatLabel, sellerLabel, sizeLabel, whereLabel } from './describe';
import { advertiserLabel, basisLabel, CREATIVE_LINK_KEYS, explanationText, flagSentence, reasonSentence, severityLabel } from './explain-text';
import { optOutLinks } from './opt-out-links';


export function AdCard({ ad, tabId, index, pageUrl }: { ad: ReportAd; tabId: number; index: number; pageUrl: string }) {
  const [showFailed, setShowFailed] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);
  const links = ad.status === 'shown' ? optOutLinks(t, ad, uiLanguage()) : [];
  const copy = async (): Promise<void> => {
    const text = explanationText(t, { ...ad, optOuts: links.map((l) => ({ id: l.id, label: l.label, url: l.url })) }, pageUrl);
    try {
      await navigator.clipboard.writeText(text);
      setCopied(t('copied'));
    } catch {
      setCopied(t('copyFailed'));
    }
  };
  const [noted, setNoted] = useState<string | null>(null);
  const notAnAd = async (): Promise<void> => {
    const reply = await askBackground('ui:reportNotAnAd', { tabId, adId: ad.id });
    setNoted(reply.ok ? t('notAnAdDone') : t('errorLoading', reply.error));
  };
  const headingId = `ad-${index}`;
  const show = async (): Promise<void> => {
    const reply = await askBackground('ui:showAd', { tabId, adId: ad.id });
    setShowFailed(!(reply.ok && reply.data.shown));
  };
  return (
    <li class="ad" aria-labelledby={headingId} data-ad-id={ad.id} data-status={ad.status}>
      <h2 id={headingId}>
        {formatLabel(t, ad.format)}
        {ad.status === 'unfilled' && <span class="muted"> · {t('statusUnfilled')}</span>}
        {ad.status === 'collapsed' && <span class="muted"> · {t('statusCollapsed')}</span>}
      </h2>
      <dl>
        <dt>{t('labelSize')}</dt>
        <dd>{sizeLabel(t, ad)}</dd>
        <dt>{t('labelWhere')}</dt>
        <dd>{whereLabel(t, ad)}</dd>
        <dt>{t('labelDetectedBy')}</dt>
        <dd>
          {ad.detectedBy.map((d) => detectorLabel(t, d)).join('; ')}
          {ad.label && <span class="muted"> ({t('labelAs', ad.label)})</span>}
        </dd>
        {ad.sellers.length > 0 && (
          <>
            <dt>{t('labelServedBy')}</dt>
            <dd>{ad.sellers.map((s) => sellerLabel(t, s)).join('; ')}</dd>
          </>
        )}
        {ad.status === 'shown' && (
          <>
            <dt>{t('labelAdvertiser')}</dt>
            <dd data-testid="advertiser">{advertiserLabel(t, ad)}</dd>
            {ad.paidBy && (
              <>
                <dt>{t('labelPaidBy')}</dt>
                <dd data-testid="paid-by">{ad.paidBy}</dd>
              </>
            )}
          </>
        )}
      </dl>
      {ad.status === 'shown' && (
        <div class="why">
          <h3>{t('sectionWhy')}</h3>
          <ol class="reasons" data-testid="reasons">
            {ad.reasons.map((r, i) => (
              <li key={i} data-kind={r.kind} data-basis={r.basis}>
                <span>{reasonSentence(t, r)}</span> <span class={`basis basis-${r.basis}`}>({basisLabel(t, r)})</span>
                {r.evidence.length > 0 && (
                  <details>
                    <summary>{t('howWeKnow')}</summary>
                    <ul class="evidence">
                      {r.evidence.map((e, j) => (
                        <li key={j}>
                          <code>{e.source}</code>: {e.value}
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
              </li>
            ))}
          </ol>
        </div>
      )}
      {ad.status === 'shown' && ad.creativeLinks && ad.creativeLinks.length > 0 && (
        // Page data: each URL is text; only what our allow-list rebuilt (`url`) becomes a link.
        <div class="creative-links">
          <h3>{t('sectionFromTheAd')}</h3>
          <ul class="evidence" data-testid="creative-links">
            {ad.creativeLinks.map((l) => (
              <li key={l.text} data-kind={l.kind}>
                {t(CREATIVE_LINK_KEYS[l.kind])}:{' '}
                {l.url ? (
                  <a href={l.url} target="_blank" rel="noopener noreferrer">
                    {l.url}
                  </a>
                ) : (
                  <>
                    <code>{l.text}</code> <span class="muted">({t('creativeLinkTextOnly')})</span>
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {ad.flags.length > 0 && (
        <div class="flags">
          <h3>{t('sectionFlags')}</h3>
          <ul data-testid="flags">
            {ad.flags.map((f) => (
              <li key={f.code} data-code={f.code} class={`flag flag-${f.severity}`}>
                <strong>{severityLabel(t, f)}:</strong> {flagSentence(t, f)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {links.length > 0 && (
        // Folded: the same companies' links repeat from ad to ad, and a long list would bury the next ad.
        <details class="can-do">
          <summary>
            <h3>{t('sectionWhatYouCanDoCount', links.length)}</h3>
          </summary>
          <ul data-testid="opt-outs">
            {links.map((l) => (
              <li key={l.id}>
                <a href={l.url} target="_blank" rel="noopener noreferrer">
                  {l.label}
                </a>
              </li>
            ))}
          </ul>
        </details>
      )}
      {ad.status === 'shown' && (
        <div class="actions">
          <button type="button" class="secondary" onClick={() => void show()}>
            {t('showOnPage')}
          </button>
          <button type="button" class="secondary" disabled={noted !== null} onClick={() => void notAnAd()}>
            {t('notAnAd')}
          </button>
          <button type="button" class="secondary" onClick={() => void copy()}>
            {t('copyExplanation')}
          </button>
        </div>
      )}
      {copied && (
        <p role="status" class="muted">
          {copied}
        </p>
      )}
      {noted && (
        <p role="status" class="muted">
          {noted}
        </p>
      )}
      {showFailed && (
        <p role="status" class="muted">
          {t('showFailed')}
        </p>
      )}
    </li>
  );
}
