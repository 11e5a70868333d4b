import type { PageReport } from '../../shared/page-report';
import { companyById } from '../../core/companies';
import { optOutsFor } from '../../core/opt-outs';
import { safeLink } from '../../core/safe-link';
import { t, uiLanguage } from '../common/i18n';
import { flowSentence, groupByRole, receivedSentence, requestsLabel, roleLabel, type Company } from './whos-here-text';

/** A company's own opt-out (directory entries first), then its privacy policy; only links that pass the allow-list. */
function linksOf(company: Company): { label: string; url: string }[] {
  const known = company.id ? companyById(company.id) : null;
  if (!known) return [];
  const own = optOutsFor({ companies: [known.id], locale: uiLanguage() }).filter((o) => o.company === known.id);
  const candidates = [
    ...own.map((o) => ({ label: t('whoOptOut'), url: o.url })),
    ...(known.optOutUrl ? [{ label: t('whoOptOut'), url: known.optOutUrl }] : []),
    ...(known.privacyUrl ? [{ label: t('whoPrivacy'), url: known.privacyUrl }] : []),
  ];
  const out: { label: string; url: string }[] = [];
  for (const c of candidates) {
    const url = safeLink(c.url);
    if (url && !out.some((o) => o.url === url || o.label === c.label)) out.push({ label: c.label, url });
  }
  return out;
}

/** The "Who's here" view: the companies on this page by role, what each received, and where data went. */
export function WhosHere({ report }: { report: PageReport }) {
  const net = report.network;
  if (!report.companies.length) return <p class="notice" data-testid="whos-here-empty">{t('whoNone')}</p>;
  return (
    <section aria-labelledby="who-heading" data-testid="whos-here">
      <h2 id="who-heading">{t('whoHeading')}</h2>
      {net && <p class="muted">{t('whoCount', net.adTechRequests, net.requests)}</p>}
      {groupByRole(report.companies).map(([role, companies]) => (
        <div key={role} class="who-group" data-role={role}>
          <h3>{roleLabel(t, role)}</h3>
          <ul>
            {companies.map((c) => (
              <li key={c.id ?? c.name} data-company={c.id ?? c.name}>
                <strong>{c.name}</strong> <span class="muted">({c.domain}, {requestsLabel(t, c)})</span>
                <div>{receivedSentence(t, c)}</div>
                {linksOf(c).map((l) => (
                  <a key={l.url} href={l.url} target="_blank" rel="noopener noreferrer" class="who-link">
                    {l.label}
                  </a>
                ))}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {report.dataFlows.length > 0 && (
        <>
          <h3>{t('whoFlowsHeading')}</h3>
          <ul data-testid="flows">
            {report.dataFlows.map((f, i) => (
              <li key={i} data-kind={f.kind}>
                {flowSentence(t, f)}
              </li>
            ))}
          </ul>
        </>
      )}
      {net && net.unreadableBodies > 0 && <p class="muted">{t('whoUnreadable', net.unreadableBodies)}</p>}
      {net && net.dropped.companies + net.dropped.flows + net.dropped.identifiers > 0 && <p class="muted">{t('whoDropped')}</p>}
    </section>
  );
}
