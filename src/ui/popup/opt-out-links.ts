/**
 * The opt-outs to show for an ad: the report's company entries (ours, from core/opt-outs.ts, never
 * a page's), then the general programmes for the popup's language. Each link passes the https
 * allow-list once more here, and is labelled in the popup's language by its directory entry.
 */
import type { ReportAd } from '../../shared/page-report';
import { OPT_OUTS, programmesFor } from '../../core/opt-outs';
import { safeLink } from '../../core/safe-link';
import type { MessageKey } from '../common/i18n';
import type { Translate } from './explain-text';

export interface OptOutLink {
  id: string;
  label: string;
  url: string;
}

export function optOutLinks(t: Translate, ad: ReportAd, language: string): OptOutLink[] {
  const programmes = new Set(OPT_OUTS.filter((o) => o.kind === 'programme').map((o) => o.id));
  const own = ad.optOuts.filter((o) => !o.id || !programmes.has(o.id));
  const entries = [...own.map((o) => ({ id: o.id ?? o.url, url: o.url, key: OPT_OUTS.find((d) => d.id === o.id)?.labelKey, label: o.label })), ...programmesFor(language).map((p) => ({ id: p.id, url: p.url, key: p.labelKey, label: p.id }))];
  const out: OptOutLink[] = [];
  for (const e of entries) {
    const url = safeLink(e.url);
    if (!url || out.some((o) => o.url === url)) continue;
    const translated = e.key ? t(e.key as MessageKey) : '';
    out.push({ id: e.id, url, label: translated && translated !== e.key ? translated : e.label });
  }
  return out;
}
