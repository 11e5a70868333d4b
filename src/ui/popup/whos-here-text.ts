/** Plain-language sentences of the "Who's here" view, as pure functions of the report (unit-tested). */
import type { PageReport } from '../../shared/page-report';
import type { MessageKey } from '../common/i18n';
import type { Translate } from './explain-text';

export const ROLE_ORDER = ['platform', 'ad-server', 'ssp', 'exchange', 'dsp', 'network', 'data-broker', 'identity', 'retargeting', 'pixel', 'measurement', 'unknown'] as const;

const ROLE_KEYS: Record<string, MessageKey> = {
  platform: 'whoRolePlatform',
  'ad-server': 'whoRoleAdServer',
  ssp: 'whoRoleSsp',
  exchange: 'whoRoleExchange',
  dsp: 'whoRoleDsp',
  network: 'whoRoleNetwork',
  'data-broker': 'whoRoleDataBroker',
  identity: 'whoRoleIdentity',
  retargeting: 'whoRoleRetargeting',
  pixel: 'whoRolePixel',
  measurement: 'whoRoleMeasurement',
  unknown: 'whoRoleUnknown',
};

const RECEIVES_KEYS: Record<string, MessageKey> = {
  'cross-site-ids': 'whoGotIds',
  'audience-segments': 'whoGotSegments',
  'precise-location': 'whoGotPreciseLocation',
  location: 'whoGotLocation',
  'consent-string': 'whoGotConsent',
  'page-categories': 'whoGotCategories',
  visit: 'whoGotVisit',
  id: 'whoGotId',
};

export function roleLabel(t: Translate, role: string): string {
  return t(ROLE_KEYS[role] ?? 'whoRoleUnknown');
}

export type Company = PageReport['companies'][number];

/** Companies grouped by their main role, in ROLE_ORDER, each group most requests first. */
export function groupByRole(companies: readonly Company[]): [string, Company[]][] {
  const groups = new Map<string, Company[]>();
  for (const c of companies) {
    const role = (ROLE_ORDER as readonly string[]).includes(c.category) ? c.category : 'unknown';
    groups.set(role, [...(groups.get(role) ?? []), c]);
  }
  return ROLE_ORDER.filter((r) => groups.has(r)).map((r) => [r, (groups.get(r) ?? []).sort((a, b) => b.requests - a.requests)]);
}

export function receivedSentence(t: Translate, company: Company): string {
  const what = (company.receives ?? []).map((r) => (RECEIVES_KEYS[r] ? t(RECEIVES_KEYS[r]) : r));
  return what.length ? t('whoReceived', what.join(', ')) : t('whoReceivedNothingKnown');
}

export function requestsLabel(t: Translate, company: Company): string {
  return company.requests === 1 ? t('whoRequestsOne') : t('whoRequestsMany', company.requests);
}

/** One sentence per data flow: who sent what to whom. */
export function flowSentence(t: Translate, flow: PageReport['dataFlows'][number]): string {
  const carries = flow.carries.filter((c) => !c.startsWith('event:')).map((c) => (RECEIVES_KEYS[c] ? t(RECEIVES_KEYS[c]) : c));
  const event = flow.carries.find((c) => c.startsWith('event:'))?.slice('event:'.length);
  if (flow.kind === 'pixel') return event ? t('whoFlowPixelEvent', flow.from, flow.to, event) : t('whoFlowPixel', flow.from, flow.to);
  if (flow.kind === 'id-sync') return t('whoFlowSync', flow.from, flow.to);
  return carries.length ? t('whoFlowBid', flow.from, flow.to, carries.join(', ')) : t('whoFlowBidPlain', flow.from, flow.to);
}
