/**
 * What the network says about a tab: which ad-tech companies its requests reached, in which role,
 * what each received (identifiers, segments, location, the consent string, that you visited), and
 * the flows between them (bid requests, ID syncs, pixels). Plain data with caps and counters of
 * what the caps dropped, so that a page with thousands of requests costs bounded memory.
 * `recordRequest` updates the state in place: the background calls it for every request.
 */
import { getDomain } from 'tldts';
import type { PageReport } from '../../shared/page-report';
import { readBidBody, type Unreadable } from './body';
import { isSyncUrl, syncTarget } from './sync';

export const NETWORK_LIMITS = { companies: 300, flows: 300, identifiers: 100, urlLength: 4_096 } as const;

/** A request as the background saw it (webRequest), reduced to plain data. */
export interface NetRequest {
  url: string;
  method: string;
  /** The origin of the document that made it, when the browser says. */
  initiator: string | null;
  body: { text: string | null; bytes: number } | null;
}

/** The directory's answer for one URL: the company and the role of this request. */
export interface Classified {
  id: string;
  name: string;
  domain: string;
  /** The role of this request (a sync host, a pixel path…). */
  role: string;
  /** The company's main role in the directory, by which the popup groups it. */
  category: string;
}
export type Classify = (url: URL) => Classified | null;

export interface CompanySeen {
  id: string;
  name: string;
  domain: string;
  category: string;
  /** The roles its requests on this page had. */
  roles: string[];
  requests: number;
  receives: string[];
  /** The supply chain (`source.schain` nodes' sellers) its first bid request declared. */
  schain?: string[];
}

export interface TabNetwork {
  v: 1;
  requests: number;
  adTechRequests: number;
  companies: Record<string, CompanySeen>;
  flows: PageReport['dataFlows'];
  identifiers: PageReport['identifiers'];
  bidRequests: number;
  unreadable: Partial<Record<Unreadable, number>>;
  dropped: { companies: number; flows: number; identifiers: number };
}

export function emptyNetwork(): TabNetwork {
  return { v: 1, requests: 0, adTechRequests: 0, companies: {}, flows: [], identifiers: [], bidRequests: 0, unreadable: {}, dropped: { companies: 0, flows: 0, identifiers: 0 } };
}

function parse(url: string | null | undefined): URL | null {
  if (!url || url.length > NETWORK_LIMITS.urlLength) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u : null;
  } catch {
    return null;
  }
}

function seen(state: TabNetwork, c: Classified): CompanySeen | null {
  const known = state.companies[c.id];
  if (known) {
    if (!known.roles.includes(c.role)) known.roles.push(c.role);
    return known;
  }
  if (Object.keys(state.companies).length >= NETWORK_LIMITS.companies) {
    state.dropped.companies++;
    return null;
  }
  const fresh: CompanySeen = { id: c.id, name: c.name, domain: c.domain, category: c.category, roles: [c.role], requests: 0, receives: [] };
  state.companies[c.id] = fresh;
  return fresh;
}

function receives(company: CompanySeen | null, what: readonly string[]): void {
  if (!company) return;
  for (const w of what) if (!company.receives.includes(w)) company.receives.push(w);
}

function flow(state: TabNetwork, f: PageReport['dataFlows'][number]): void {
  if (state.flows.some((x) => x.from === f.from && x.to === f.to && x.kind === f.kind && x.carries.join() === f.carries.join())) return;
  if (state.flows.length >= NETWORK_LIMITS.flows) state.dropped.flows++;
  else state.flows.push(f);
}

function identifier(state: TabNetwork, id: PageReport['identifiers'][number]): void {
  if (state.identifiers.some((x) => x.source === id.source && x.via === id.via)) return;
  if (state.identifiers.length >= NETWORK_LIMITS.identifiers) state.dropped.identifiers++;
  else state.identifiers.push(id);
}

/** Who made a request: the ad-tech company whose frame did, else the site. */
function origin(initiator: string | null, site: string, classify: Classify): { label: string; company: Classified | null } {
  const url = parse(initiator);
  const company = url ? classify(url) : null;
  return company ? { label: company.name, company } : { label: site, company: null };
}

export function recordRequest(state: TabNetwork, req: NetRequest, site: string, classify: Classify): void {
  state.requests++;
  const url = parse(req.url);
  // The site's own requests are first-party, even when the site is an ad-tech company's (yahoo.com).
  const own = url && site ? getDomain(url.hostname) === getDomain(site) : false;
  const c = url && !own ? classify(url) : null;
  if (!url || !c) return;
  state.adTechRequests++;
  const company = seen(state, c);
  if (company) company.requests++;
  const from = origin(req.initiator, site, classify);

  if (req.body && req.method === 'POST') {
    const read = readBidBody(req.body.text, req.body.bytes);
    if (read.ok) {
      state.bidRequests++;
      const f = read.facts;
      const carries = [
        f.eids.length ? 'cross-site-ids' : null,
        f.userSegments.length ? 'audience-segments' : null,
        f.geo?.hasLatLon ? 'precise-location' : f.geo ? 'location' : null,
        f.consentString ? 'consent-string' : null,
        f.contentSegments.length || f.siteCategories.length ? 'page-categories' : null,
      ].filter((x): x is string => !!x);
      receives(company, carries);
      if (company && !company.schain && f.schain.length) company.schain = f.schain.map((n) => n.asi);
      flow(state, { from: from.label, to: c.name, kind: 'bid-request', carries });
      for (const eid of f.eids) identifier(state, { source: eid.source, ...(eid.atype !== null ? { atype: eid.atype } : {}), via: c.name });
      return;
    }
    // Only an ad-tech POST that fails to read as OpenRTB is worth counting: most are not bids at all.
    if (read.reason !== 'not-openrtb') state.unreadable[read.reason] = (state.unreadable[read.reason] ?? 0) + 1;
  }

  if (c.role === 'pixel' || c.role === 'retargeting') {
    const event = url.searchParams.get('ev') ?? url.searchParams.get('evt') ?? url.searchParams.get('event') ?? url.searchParams.get('en');
    const carries = ['visit', ...(event && /^[\w-]{1,40}$/.test(event) ? [`event:${event}`] : [])];
    receives(company, ['visit']);
    flow(state, { from: from.label, to: c.name, kind: 'pixel', carries });
    return;
  }

  const target = isSyncUrl(url) ? syncTarget(url) : null;
  const next = target ? classify(target) : null;
  if (next && next.id !== c.id) {
    // One company handing your ID on to another: the sync itself, then where it went.
    receives(company, ['id']);
    receives(seen(state, next), ['id']);
    flow(state, { from: c.name, to: next.name, kind: 'id-sync', carries: ['id'] });
  } else if (isSyncUrl(url) && from.company && from.company.id !== c.id) {
    receives(company, ['id']);
    flow(state, { from: from.label, to: c.name, kind: 'id-sync', carries: ['id'] });
  }
}

/** A server redirecting a request from one ad-tech company to another: the usual shape of a cookie sync. */
export function recordRedirect(state: TabNetwork, fromUrl: string, toUrl: string, classify: Classify): void {
  const a = parse(fromUrl);
  const b = parse(toUrl);
  const from = a ? classify(a) : null;
  const to = b ? classify(b) : null;
  if (!from || !to || from.id === to.id) return;
  receives(seen(state, from), ['id']);
  receives(seen(state, to), ['id']);
  flow(state, { from: from.name, to: to.name, kind: 'id-sync', carries: ['id'] });
}
