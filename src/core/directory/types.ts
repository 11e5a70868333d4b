/**
 * The shape of the company directory. Kept apart from the data so the data file stays a plain table
 * and the look-up modules can import the types without the table.
 */

/**
 * What a company does in the chain between a page and an ad. A company can have several roles; a
 * single network request has one (see classify.ts).
 *
 * - `ad-server`: decides which ad fills a slot and serves it (Google Ad Manager, Adhese).
 * - `ssp`: sells the publisher's ad space in real-time auctions. Every Prebid bidder is recorded as
 *   one unless a source says it buys or does something else: from the page's side it is the company
 *   the impression was offered to, which is what a person sees in the network log.
 * - `dsp`: buys ad space for advertisers (The Trade Desk).
 * - `exchange`: the marketplace where sellers and buyers meet (Index Exchange, BidSwitch, AdX).
 * - `data-broker`: collects or sells audience data used to target ads (Sirdata, Weborama).
 * - `identity`: issues or matches cross-site identifiers: ID providers (ID5, UID2) and the
 *   cookie-matching ("sync") endpoints of the other companies.
 * - `measurement`: measures ads or audiences, or checks ad quality and fraud (Comscore, IAS).
 * - `retargeting`: shows ads for things a person looked at elsewhere (Criteo, AdRoll).
 * - `pixel`: a conversion or retargeting pixel host: "this site told <company> you were here".
 * - `network`: an ad network that places its advertisers' ads on many sites (AdSense, Taboola).
 * - `platform`: a large platform with its own ad system and ad settings (Meta, Google, X…).
 */
export type Role = 'ad-server' | 'ssp' | 'dsp' | 'exchange' | 'data-broker' | 'identity' | 'measurement' | 'retargeting' | 'pixel' | 'network' | 'platform';

export const ROLES: readonly Role[] = ['ad-server', 'ssp', 'dsp', 'exchange', 'data-broker', 'identity', 'measurement', 'retargeting', 'pixel', 'network', 'platform'];

/** The facts that need a source when they are not null. */
export type SourcedFact = 'name' | 'legalName' | 'country' | 'gvlVendorId' | 'roles' | 'domains' | 'privacyUrl' | 'optOutUrl';

/** One checkable source per fact: a GVL vendor, a Prebid module file, a section of ad-signals.md, a page. */
export type Sources = Readonly<Partial<Record<SourcedFact, string>>>;

export interface CompanyFacts {
  readonly name: string;
  /** The registered entity, as the source names it; null when no source names one. */
  readonly legalName: string | null;
  /** Headquarters, ISO 3166-1 alpha-2; null unless a source states it. */
  readonly country: string | null;
  /** TCF vendor id, only one present in the bundled vendor list. */
  readonly gvlVendorId: number | null;
  readonly roles: readonly [Role, ...Role[]];
  /** Registrable domain of the company's own site, shown next to its name; always one of `domains`. */
  readonly domain: string;
  /** Registrable domains (as tldts reduces hosts) the company's requests go to, lower case. */
  readonly domains: readonly string[];
  readonly privacyUrl: string | null;
  readonly optOutUrl: string | null;
  readonly sources: Sources;
}
