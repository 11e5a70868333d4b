import type { PageReport } from '../../shared/page-report';
import { t } from '../common/i18n';
import { consentSentences, flagSentence, severityLabel } from './explain-text';

/** The page as a whole: the consent state in words, the identifiers present, what looks wrong. */
export function PageSection({ report }: { report: PageReport }) {
  const adCodes = new Set(report.ads.flatMap((a) => a.flags.map((f) => f.code)));
  // Flags that belong to no single ad (the page's GPP contradicting GPC) are shown here.
  const pageFlags = report.flags.filter((f) => !adCodes.has(f.code));
  return (
    <section class="page" aria-labelledby="page-heading" data-testid="page-section">
      <h2 id="page-heading">{t('consentHeading')}</h2>
      <ul class="consent" data-testid="consent">
        {consentSentences(t, report.consent).map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
      <h3>{t('identifiersHeading')}</h3>
      {report.identifiers.length ? (
        <ul data-testid="identifiers">
          {report.identifiers.map((id) => (
            <li key={id.source}>
              {t('identifierItem', id.source, id.via)}
              {id.atype === 3 && <span class="muted"> ({t('identifierPerson')})</span>}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('identifiersNone')}</p>
      )}
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
