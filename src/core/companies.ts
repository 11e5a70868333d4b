/**
 * The one registry of ad-tech companies that bidder codes, network domains, user-ID sources and the
 * opt-out directory point to. Ids are stable lowercase slugs: stored reports and the log keep them,
 * so an id is never renamed (a company that rebrands keeps its id and gets a new `name`).
 *
 * `gvlVendorId` is set only where a vendor of that name is in the TCF Global Vendor List snapshot in
 * shared/data/tcf/vendor-list-v2.2.json (version 7, June 2023; its name is quoted in the comment).
 * Prebid adapters declare more ids, but an id we cannot match by name to the list is left out: a
 * wrong id would make the consent check blame or clear the wrong company.
 */

export interface Company {
  id: CompanyId;
  name: string;
  /** Registrable domain of the company's own site, shown next to its name. */
  domain: string;
  gvlVendorId?: number;
}

interface CompanyFacts {
  name: string;
  domain: string;
  gvlVendorId?: number;
}

const FACTS = {
  google: { name: 'Google', domain: 'google.com', gvlVendorId: 755 }, // "Google Advertising Products"
  meta: { name: 'Meta', domain: 'facebook.com' },
  amazon: { name: 'Amazon Ads', domain: 'amazon.com' },
  // Bing and the Microsoft Advertising network; the Xandr exchange (adnxs.com) is its own entry.
  microsoft: { name: 'Microsoft Advertising', domain: 'microsoft.com' },
  xandr: { name: 'Xandr (Microsoft)', domain: 'xandr.com', gvlVendorId: 32 }, // "Xandr, Inc."
  x: { name: 'X', domain: 'x.com' },
  linkedin: { name: 'LinkedIn', domain: 'linkedin.com' },
  tiktok: { name: 'TikTok', domain: 'tiktok.com' },
  reddit: { name: 'Reddit', domain: 'reddit.com' },
  pinterest: { name: 'Pinterest', domain: 'pinterest.com' },
  snap: { name: 'Snap', domain: 'snapchat.com' },
  criteo: { name: 'Criteo', domain: 'criteo.com' },
  taboola: { name: 'Taboola', domain: 'taboola.com' },
  // Outbrain merged with Teads in 2025 (ad-signals §5.5, unverified); the two keep their own
  // domains, adapters and vendor-list entries, so they stay two companies here.
  outbrain: { name: 'Outbrain', domain: 'outbrain.com', gvlVendorId: 164 }, // "Outbrain UK Ltd"
  teads: { name: 'Teads', domain: 'teads.com', gvlVendorId: 132 }, // "Teads France SAS"
  thetradedesk: { name: 'The Trade Desk', domain: 'thetradedesk.com', gvlVendorId: 21 }, // "The UK Trade Desk Ltd"
  magnite: { name: 'Magnite', domain: 'magnite.com', gvlVendorId: 52 }, // "Magnite, Inc."
  pubmatic: { name: 'PubMatic', domain: 'pubmatic.com' },
  indexexchange: { name: 'Index Exchange', domain: 'indexexchange.com' },
  openx: { name: 'OpenX', domain: 'openx.com' },
  yahoo: { name: 'Yahoo', domain: 'yahoo.com' },
  triplelift: { name: 'TripleLift', domain: 'triplelift.com' },
  sovrn: { name: 'Sovrn', domain: 'sovrn.com' },
  sharethrough: { name: 'Sharethrough (Equativ)', domain: 'sharethrough.com' },
  equativ: { name: 'Equativ (Smart AdServer)', domain: 'equativ.com', gvlVendorId: 45 }, // "Smart Adserver"
  improvedigital: { name: 'Improve Digital (Azerion)', domain: 'improvedigital.com', gvlVendorId: 253 }, // "Improve Digital"
  medianet: { name: 'Media.net', domain: 'media.net' },
  gumgum: { name: 'GumGum', domain: 'gumgum.com', gvlVendorId: 61 }, // "GumGum, Inc."
  onetag: { name: 'OneTag', domain: 'onetag.com', gvlVendorId: 241 }, // "OneTag Limited"
  '33across': { name: '33Across', domain: '33across.com' },
  adform: { name: 'Adform', domain: 'adform.com' },
  richaudience: { name: 'Rich Audience', domain: 'richaudience.com', gvlVendorId: 108 }, // "Rich Audience Technologies SL"
  seedtag: { name: 'Seedtag', domain: 'seedtag.com' },
  epsilon: { name: 'Epsilon (Conversant)', domain: 'epsilon.com' },
  kargo: { name: 'Kargo', domain: 'kargo.com' },
  nativo: { name: 'Nativo', domain: 'nativo.com' },
  unruly: { name: 'Unruly', domain: 'unrulymedia.com' },
  billowlink: { name: 'Billowlink', domain: 'billowlink.com' },
  bidswitch: { name: 'BidSwitch', domain: 'bidswitch.net' },
  quantcast: { name: 'Quantcast', domain: 'quantcast.com' },
  liveramp: { name: 'LiveRamp', domain: 'liveramp.com' },
  liveintent: { name: 'LiveIntent', domain: 'liveintent.com' },
  id5: { name: 'ID5', domain: 'id5.io', gvlVendorId: 131 }, // "ID5 Technology Ltd"
  lotame: { name: 'Lotame', domain: 'lotame.com' },
  adroll: { name: 'AdRoll (NextRoll)', domain: 'adroll.com' },
  // SharedID is set by the publisher's own Prebid: the "company" is the open-source project.
  prebid: { name: 'Prebid (SharedID)', domain: 'prebid.org' },
  netid: { name: 'netID', domain: 'netid.de' },
  utiq: { name: 'Utiq', domain: 'utiq.com' },
  zeotap: { name: 'Zeotap', domain: 'zeotap.com', gvlVendorId: 301 }, // "zeotap GmbH"
  intentiq: { name: 'Intent IQ', domain: 'intentiq.com' },
  tapad: { name: 'Tapad', domain: 'tapad.com' },
  novatiq: { name: 'Novatiq', domain: 'novatiq.com', gvlVendorId: 1119 }, // "Novatiq limited"
  merkle: { name: 'Merkle', domain: 'merkleinc.com' },
} as const satisfies Record<string, CompanyFacts>;

export type CompanyId = keyof typeof FACTS;

export const COMPANIES: readonly Company[] = Object.entries(FACTS).map(([id, facts]) => ({ id: id as CompanyId, ...facts }));

const BY_ID = new Map<string, Company>(COMPANIES.map((c) => [c.id, c]));

/** The company with this id, or null for an id we do not know (ids can come from old stored reports). */
export function companyById(id: string): Company | null {
  return BY_ID.get(id) ?? null;
}

/** For the mapping tables: their values are typed ids, so the company is always there. */
export function companyOf(id: CompanyId): Company {
  const found = BY_ID.get(id);
  if (!found) throw new Error(`unknown company id ${id}`);
  return found;
}
