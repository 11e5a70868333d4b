import { useState } from 'preact/hooks';
import type { ReportAd } from '../../shared/page-report';
import { askBackground } from '../../platform/messaging';
import { t } from '../common/i18n';
import { detectorLabel, formatLabel, sellerLabel, sizeLabel, whereLabel } from './describe';

export function AdCard({ ad, tabId, index }: { ad: ReportAd; tabId: number; index: number }) {
  const [showFailed, setShowFailed] = useState(false);
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
  const unknownWhy = ad.reasons.every((r) => r.kind === 'unknown');
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
            <dt>{t('labelWhy')}</dt>
            <dd>{unknownWhy ? t('whyUnknown') : ad.reasons.map((r) => r.kind).join(', ')}</dd>
          </>
        )}
      </dl>
      {ad.status === 'shown' && (
        <div class="actions">
          <button type="button" class="secondary" onClick={() => void show()}>
            {t('showOnPage')}
          </button>
          <button type="button" class="secondary" disabled={noted !== null} onClick={() => void notAnAd()}>
            {t('notAnAd')}
          </button>
        </div>
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
