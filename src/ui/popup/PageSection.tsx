import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { PageReport } from '../../shared/page-report';
import { decodeTcString } from '../../core/tcf';
import { vendorName } from '../../core/vendor-list';
import { IdentifierList } from './IdentifierList';
import { t } from '../common/i18n';
import { consentSentences, flagSentence, severityLabel } from './explain-text';

const MAX_NAMES = 300;

/** The companies the TC string gives consent to, by their names in the bundled vendor list. */
function consentedVendors(report: PageReport): string[] {
  const tcf = report.consent.tcf;
  if (!tcf || tcf.status !== 'ok' || !tcf.tcString) return [];
  const decoded = decodeTcString(tcf.tcString);
  if (!decoded.ok) return [];
  return decoded.value.vendorConsents.map((id) => vendorName(id) ?? t('vendorUnknown', id)).sort((a, b) => a.localeCompare(b));
}

/** The page as a whole: the consent state in words, the identifiers present, what looks wrong. */
/**
 * Asks for the optional history permission (only on the person's click), so that ads for sites they
 * visited can be explained as likely retargeting. The history is read on this device only.
 */
function HistoryCheck({ report, onGranted }: { report: PageReport; onGranted: () => void }) {
  const [granted, setGranted] = useState<boolean | null>(null);
  const [refused, setRefused] = useState(false);
  useEffect(() => {
    void browser.permissions.contains({ permissions: ['history'] }).then(setGranted, () => setGranted(false));
  }, []);
  if (granted !== false || !report.ads.some((a) => a.status === 'shown' && a.advertiser?.domain)) return null;
  const ask = async (): Promise<void> => {
    const ok = await browser.permissions.request({ permissions: ['history'] }).catch(() => false);
    setGranted(ok);
    setRefused(!ok);
    if (ok) onGranted();
  };
  return (
    <div class="history-check">
      <button type="button" class="secondary" onClick={() => void ask()} data-testid="check-history">
        {t('historyCheck')}
      </button>
      <p class="muted">{refused ? t('historyRefused') : t('historyHint')}</p>
    </div>
  );
}

export function PageSection({ report, onHistoryGranted }: { report: PageReport; onHistoryGranted: () => void }) {
  const adCodes = new Set(report.ads.flatMap((a) => a.flags.map((f) => f.code)));
  // Flags that belong to no single ad (the page's GPP contradicting GPC) are shown here.
  const pageFlags = report.flags.filter((f) => !adCodes.has(f.code));
  const vendors = consentedVendors(report);
  return (
    <section class="page" aria-labelledby="page-heading" data-testid="page-section">
      <h2 id="page-heading">{t('consentHeading')}</h2>
      <ul class="consent" data-testid="consent">
        {consentSentences(t, report.consent).map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
      {vendors.length > 0 && (
        <details class="vendors" data-testid="vendors">
          <summary>{t('vendorsHeading', vendors.length)}</summary>
          <ul>
            {vendors.slice(0, MAX_NAMES).map((name, i) => (
              <li key={i}>{name}</li>
            ))}
          </ul>
          {vendors.length > MAX_NAMES && <p class="muted">{t('vendorsMore', vendors.length - MAX_NAMES)}</p>}
        </details>
      )}
      <HistoryCheck report={report} onGranted={onHistoryGranted} />
      <h3>{t('identifiersHeading')}</h3>
      <IdentifierList identifiers={report.identifiers} testId="identifiers" />
      {pageFlags.length > 0 && (
        <ul class="flags" data-testid="page-flags">
          {pageFlags.map((f) => (
            <li key={f.code} data-code={f.code} class={`flag flag-${f.severity}`}>
              <strong>{severityLabel(t, f)}:</strong> {flagSentence(t, f)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
