/**
 * What an ad's creative itself says, added to that ad's explanation: the frames the creative is
 * drawn in (its frame, SafeFrame, the frames nested in it) are tied to the one slot in the parent
 * frame whose iframe they are, and their links, hosts and "Sponsored by" fill in what the bid did
 * not say (architecture.md: "advertiser.domain the bid's advertiserDomains, then the creative's
 * landing page"). Page data throughout: links stay text unless safeLink allows them.
 */
import type { CreativeFacts, CreativeLink } from '../../shared/creative-facts';
import type { Evidence, Reason, ReportAd, Seller } from '../../shared/page-report';
import { findAdHost } from '../ad-hosts';
import { COMPANIES, companyById, type CompanyId } from '../companies';
import { companyForDomain } from '../company-domains';
import { readCreativeLink, type CreativeDsa, type CreativeLinkFacts, type CreativeLinkKind } from '../creative-links';
import { DSA_PARAM_CODES } from '../signals/dsa';
import type { FrameSnapshot } from '../tab-snapshot';
import { REASON_ORDER } from './reasons';

export type CreativeLinkEntry = NonNullable<ReportAd['creativeLinks']>[number];

/** One frame of an ad's creative: its URL (which may carry DSA parameters) and what it showed. */
export interface CreativeSource {
  url: string;
  facts?: CreativeFacts;
}

/** Per frame: links that say something (notices first), their total length, and known ad-tech hosts. */
const KEEP = { notices: 8, clicks: 4, hrefChars: 16 * 1024, hosts: 8 } as const;
const MAX_REPORT_LINKS = 8;
/** Frames between a nested creative frame and its slot, at most (a SafeFrame in a creative in a frame). */
const MAX_NESTING = 16;
const NOTICE_ORDER: readonly CreativeLinkEntry['kind'][] = ['why-this-ad', 'adchoices', 'disclosure'];

interface ReadLink extends CreativeLink {
  facts: CreativeLinkFacts;
  kind: CreativeLinkKind | null;
}

/** The content script's mark can say more than the URL: Google's #abgl is its why-this-ad link, an AdChoices icon's anchor a notice. */
function kindOf(link: CreativeLink, facts: CreativeLinkFacts): CreativeLinkKind | null {
  if (facts.kind === null) return null;
  if (facts.kind !== 'click' || !link.mark) return facts.kind;
  return link.mark === 'abgl' ? 'why-this-ad' : 'adchoices';
}

function read(link: CreativeLink): ReadLink {
  const facts = readCreativeLink(link.href);
  return { ...link, facts, kind: kindOf(link, facts) };
}

function hostOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.hostname.toLowerCase() : null;
  } catch {
    return null;
  }
}

/**
 * What of a frame's creative facts is worth keeping in the tab's snapshot: notice links, click
 * links that name a landing page, a company or DSA parameters, and hosts of known ad-tech
 * companies. Null when nothing is left (most frames that are no ad's creative).
 */
export function keptCreativeFacts(facts: CreativeFacts): CreativeFacts | null {
  const links: CreativeLink[] = [];
  let notices = 0;
  let clicks = 0;
  let chars = 0;
  for (const link of facts.links) {
    const r = read(link);
    const notice = r.kind !== null && r.kind !== 'click';
    const telling = notice || r.facts.dsa !== null || (r.kind === 'click' && (r.facts.landingDomain !== null || r.facts.company !== null));
    if (!telling || chars + link.href.length > KEEP.hrefChars) continue;
    if (notice ? notices >= KEEP.notices : clicks >= KEEP.clicks) continue;
    if (notice) notices++;
    else clicks++;
    chars += link.href.length;
    links.push(link.mark ? { href: link.href, mark: link.mark } : { href: link.href });
  }
  const hosts = facts.hosts.filter((h) => companyForDomain(h) !== null).slice(0, KEEP.hosts);
  if (!links.length && !hosts.length && !facts.sponsor) return null;
  return { links, hosts, ...(facts.sponsor ? { sponsor: facts.sponsor } : {}), ...(facts.name ? { name: facts.name } : {}) };
}

function sameDocument(a: URL, b: URL): boolean {
  return a.origin === b.origin && a.pathname === b.pathname && a.search === b.search;
}

function parse(url: string, base?: string): URL | null {
  try {
    return new URL(url, base);
  } catch {
    return null;
  }
}

/** GPT names a creative frame google_ads_iframe_<ad unit path>_<n>. */
function gptNameFits(name: string, adUnitPath: string): boolean {
  const prefix = `google_ads_iframe_${adUnitPath}_`;
  return name.startsWith(prefix) && /^\d{1,4}$/.test(name.slice(prefix.length));
}

/**
 * The one ad in `parent` whose iframe `frame` is: by the iframe's src (resolved against the parent,
 * as the browser does), and where several slots share a src (about:blank) or none has one, by
 * GPT's frame name. Two candidates left means we cannot tell, and the facts go to no ad.
 */
function slotOf(parent: FrameSnapshot, frame: FrameSnapshot): FrameSnapshot['ads'][number] | null {
  const own = parse(frame.url);
  let matches = own
    ? parent.ads.filter((ad) => {
        const src = ad.frameSrc ? (parse(ad.frameSrc, parent.url) ?? parse(ad.frameSrc)) : null;
        return src !== null && sameDocument(src, own);
      })
    : [];
  const name = frame.creative?.name;
  if (name && matches.length !== 1) {
    const named = (matches.length ? matches : parent.ads).filter((ad) => ad.adUnitPath && gptNameFits(name, ad.adUnitPath));
    if (named.length) matches = named;
  }
  return matches.length === 1 ? (matches[0] ?? null) : null;
}

/**
 * Each ad's creative frames, keyed by the report's ad id (`<frameId>:<key>`): the frame the slot's
 * iframe shows, then the frames nested in it, nearest first.
 */
export function creativesByAd(frames: readonly FrameSnapshot[]): Map<string, CreativeSource[]> {
  const byId = new Map(frames.map((f) => [f.frameId, f]));
  const slotFrame = new Map<number, string>();
  for (const frame of frames) {
    const parent = byId.get(frame.parentFrameId);
    const ad = parent ? slotOf(parent, frame) : null;
    if (parent && ad) slotFrame.set(frame.frameId, `${parent.frameId}:${ad.key}`);
  }
  const found: { adId: string; depth: number; source: CreativeSource }[] = [];
  for (const frame of frames) {
    let current: FrameSnapshot | undefined = frame;
    for (let depth = 0; current && depth < MAX_NESTING; depth++) {
      const adId = slotFrame.get(current.frameId);
      if (adId) {
        found.push({ adId, depth, source: { url: frame.url, ...(frame.creative ? { facts: frame.creative } : {}) } });
        break;
      }
      current = byId.get(current.parentFrameId);
    }
  }
  const out = new Map<string, CreativeSource[]>();
  for (const f of found.sort((a, b) => a.depth - b.depth)) out.set(f.adId, [...(out.get(f.adId) ?? []), f.source]);
  return out;
}

function dsaReasons(dsa: CreativeDsa): Reason[] {
  const reasons: Reason[] = [];
  const evidenceOf = (entries: CreativeDsa['transparency']): Evidence[] =>
    entries.length
      ? entries.map((t) => ({ source: 'creative.dsaparams', value: `${t.domain}: dsaparams ${t.params.join(',')}` }))
      : [{ source: 'creative.dsaparams', value: `dsaparams ${dsa.params.join(',')}` }];
  for (const [code, kind] of [
    [DSA_PARAM_CODES.profiling, 'profiling'],
    [DSA_PARAM_CODES.preciseGeo, 'precise-location'],
  ] as const) {
    if (!dsa.params.includes(code)) continue;
    const by = dsa.transparency.filter((t) => t.params.includes(code));
    reasons.push({ kind, basis: 'declared', ...(by.length ? { detail: by.map((t) => t.domain).join(', ') } : {}), evidence: evidenceOf(by) });
  }
  // Parameter 2 alone: chosen from the context and basic device data, not from a profile.
  if (dsa.params.length && dsa.params.every((p) => p === DSA_PARAM_CODES.basic)) {
    const by = dsa.transparency;
    reasons.push({ kind: 'contextual', basis: 'declared', ...(by.length ? { detail: by.map((t) => t.domain).join(', ') } : {}), evidence: evidenceOf(by) });
  }
  return reasons;
}

const companyByName = new Map(COMPANIES.map((c) => [c.name, c.id]));

function companyOfSeller(s: Seller): CompanyId | null {
  return (s.domain ? companyForDomain(s.domain)?.id : undefined) ?? (s.company ? companyByName.get(s.company) : undefined) ?? null;
}

/** Adds what the ad's creative frames showed to its explanation; what the bid said stays first. */
export function mergeCreative(ad: ReportAd, sources: readonly CreativeSource[]): ReportAd {
  if (!sources.length) return ad;
  const perSource = sources.map((s) => ({ url: s.url, links: (s.facts?.links ?? []).map(read) }));
  const links = perSource.flatMap((s) => s.links);

  // Seller companies: from the frames' own hosts, their images, frames and scripts, and the
  // redirectors and notice pages they link to (a plain link is the advertiser's, not a seller).
  const sellers = [...ad.sellers];
  const known = new Set(sellers.map(companyOfSeller).filter((id): id is CompanyId => id !== null));
  const addCompany = (id: CompanyId | null, url: string): void => {
    const company = id ? companyById(id) : null;
    if (!company || known.has(company.id)) return;
    known.add(company.id);
    const role = findAdHost(url)?.role;
    sellers.push({ company: company.name, domain: company.domain, ...(role ? { role } : {}) });
  };
  for (const s of sources) {
    const host = hostOf(s.url);
    if (host) addCompany(companyForDomain(host)?.id ?? null, s.url);
    for (const h of s.facts?.hosts ?? []) addCompany(companyForDomain(h)?.id ?? null, `https://${h}/`);
  }
  for (const l of links) if (l.kind !== null && l.facts.company) addCompany(l.facts.company, l.href);

  // The landing page: a redirector's embedded URL before a plain link.
  const clicks = links.filter((l) => l.kind === 'click' && l.facts.landingDomain);
  const landing = (clicks.find((l) => l.facts.company !== null) ?? clicks[0])?.facts.landingDomain ?? null;

  // DSA parameters in a frame's URL or a link's, used only when the bid declared none.
  let dsa: CreativeDsa | null = null;
  for (const s of perSource) {
    dsa ??= readCreativeLink(s.url).dsa;
    for (const l of s.links) dsa ??= l.facts.dsa;
  }
  const creativeDsa = ad.dsa ? null : dsa;

  const sponsor = sources.find((s) => s.facts?.sponsor)?.facts?.sponsor ?? null;
  const name = ad.advertiser?.name ?? creativeDsa?.behalf ?? sponsor ?? null;
  const domain = ad.advertiser?.domain ?? landing;
  const advertiser = name || domain ? { ...(name ? { name } : {}), ...(domain ? { domain } : {}) } : null;

  const added = creativeDsa ? dsaReasons(creativeDsa) : [];
  const reasons = added.length
    ? [...ad.reasons.filter((r) => r.kind !== 'unknown'), ...added].sort((a, b) => REASON_ORDER.indexOf(a.kind) - REASON_ORDER.indexOf(b.kind))
    : ad.reasons;

  const creativeLinks: CreativeLinkEntry[] = [];
  for (const kind of NOTICE_ORDER) {
    for (const l of links) {
      if (l.kind !== kind || creativeLinks.length >= MAX_REPORT_LINKS || creativeLinks.some((c) => c.text === l.href)) continue;
      creativeLinks.push({ kind, text: l.href, ...(l.facts.safeUrl ? { url: l.facts.safeUrl } : {}) });
    }
  }

  return {
    ...ad,
    advertiser,
    paidBy: ad.paidBy ?? creativeDsa?.paid ?? null,
    sellers,
    reasons,
    dsa: ad.dsa ?? (creativeDsa ? { ...creativeDsa, transparency: creativeDsa.transparency.map((t) => ({ ...t })) } : null),
    ...(creativeLinks.length ? { creativeLinks } : {}),
  };
}
