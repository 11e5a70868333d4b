/**
 * The PageReport (schema `why-this-ad/page-report/1`): the one contract between the engine, the UI,
 * the log, exports and the crawl command. The JSON Schema is docs/page-report.schema.json; a test
 * validates reports of the real extension against it. Add fields freely; renaming or removing one
 * needs a new schema version and a migration.
 */
import type { AdFormat, AdStatus } from './frame-ad';

export const PAGE_REPORT_SCHEMA = 'why-this-ad/page-report/1';

export type ReasonKind =
  | 'profiling'
  | 'audience-segment'
  | 'demographic'
  | 'contextual'
  | 'location'
  | 'precise-location'
  | 'retargeting'
  | 'cross-site-id'
  | 'direct-deal'
  | 'auction'
  | 'unknown';

export type Basis = 'declared' | 'observed' | 'inferred';
export type Severity = 'info' | 'warn' | 'alert';

export interface Evidence {
  source: string;
  value: string;
}

export interface Reason {
  kind: ReasonKind;
  basis: Basis;
  detail?: string;
  evidence: Evidence[];
}

export interface Flag {
  code: string;
  severity: Severity;
}

export interface Seller {
  company?: string;
  domain?: string;
  role?: string;
}

export interface ReportAd {
  id: string;
  status: AdStatus;
  format: AdFormat;
  slot: { frameUrl?: string; elementId?: string; selector?: string; width: number; height: number };
  detectedBy: string[];
  /** The ad label the page itself showed ("Sponsored", "Gesponsord"…), when that is how it was found. */
  label?: string;
  advertiser: { name?: string; domain?: string } | null;
  paidBy: string | null;
  sellers: Seller[];
  reasons: Reason[];
  dsa: { behalf?: string; paid?: string; params: number[]; transparency: { domain: string; params: number[] }[] } | null;
  /** Only links from our own directory (core/opt-outs.ts); `id` names the entry, whose label the UI translates. */
  optOuts: { id?: string; label: string; url: string }[];
  flags: Flag[];
  /**
   * The "why this ad", AdChoices and disclosure links the ad's creative itself showed. Page data:
   * `text` is the URL as the creative wrote it, shown as text; `url` is set only when our https
   * allow-list (core/safe-link.ts) let it through, rebuilt from its parsed parts.
   */
  creativeLinks?: { kind: 'why-this-ad' | 'adchoices' | 'disclosure'; text: string; url?: string }[];
}

export interface TcfSummary {
  tcString: string;
  gdprApplies: boolean | null;
  cmpId: number | null;
  purposes: { consented: number[]; refused: number[] };
  specialFeatures: number[];
  vendorsConsented: number;
  status: 'ok' | 'no-response' | 'error';
}

export interface GppSummary {
  gppString: string;
  applicableSections: number[];
  sections: Record<string, Record<string, unknown>>;
}

export interface PageReport {
  schema: typeof PAGE_REPORT_SCHEMA;
  url: string;
  observedAt: string;
  ads: ReportAd[];
  consent: {
    tcf: TcfSummary | null;
    gpp: GppSummary | null;
    usp: string | null;
    /** null when no probe could read navigator.globalPrivacyControl (unknown, not "off"). */
    gpc: boolean | null;
  };
  /** The ad-tech companies the page's requests reached; `category` is the company's main role in our directory. */
  companies: { id?: string; name: string; domain: string; category: string; requests: number; roles?: string[]; receives?: string[] }[];
  identifiers: { source: string; atype?: number; via: string }[];
  dataFlows: { from: string; to: string; kind: 'bid-request' | 'id-sync' | 'pixel'; carries: string[] }[];
  flags: Flag[];
  /** What the network observer counted (absent where it saw nothing, as in a crawl's error report). */
  network?: {
    requests: number;
    adTechRequests: number;
    bidRequests: number;
    /** Ad-tech request bodies we could not read: too large, too deeply nested, or not JSON. */
    unreadableBodies: number;
    /** What the per-tab caps left out. */
    dropped: { companies: number; flows: number; identifiers: number };
  };
  /** The ad tech the page's main world exposed; absent in reports of pages that could not be visited. */
  adTech?: { prebid: { global: string; version: string | null }[]; gpt: boolean; apstag: boolean };
  error?: { code: string; message: string };
}
