/**
 * What an OpenRTB 2.x fragment (Prebid's `ortb2` of a bidder request, or its global first-party
 * data; ad-signals.md §2.5, §6.1) says about the person and the page: audience segments, content
 * categories, identifiers, location and the publisher's DSA and privacy rules.
 */
import { at, bool, domain, int, list, num, obj, text } from './read';

export interface Segment {
  /** Who supplied it (`data[].name`, usually a domain). */
  provider: string | null;
  /** The taxonomy (`ext.segtax`); null when the provider did not say. */
  tax: number | null;
  id: string;
}

export interface Eid {
  source: string;
  atype: number | null;
}

export interface Geo {
  /** AdCOM location type: 1 GPS/location services, 2 IP address, 3 given by the person. */
  type: number | null;
  hasLatLon: boolean;
  accuracy: number | null;
  country: string | null;
  region: string | null;
  city: string | null;
}

export interface OrtbFacts {
  userSegments: Segment[];
  contentSegments: Segment[];
  /** `site.cat`, `pagecat`, `sectioncat` with the taxonomy of `cattax` (1 when absent: OpenRTB 2.5's default). */
  siteCategories: { tax: number; id: string }[];
  eids: Eid[];
  geo: Geo | null;
  /** `regs.ext.dsa.dsarequired` (0–3). */
  dsaRequired: number | null;
  gdpr: boolean | null;
}

const MAX_DATA = 20;
const MAX_SEGMENTS = 50;

function segmentsOf(data: unknown): Segment[] {
  const out: Segment[] = [];
  for (const entry of list(data, MAX_DATA)) {
    const e = obj(entry);
    if (!e) continue;
    const provider = text(e.name, 200);
    const tax = int(at(e, 'ext', 'segtax'), 1, 1_000_000);
    for (const seg of list(e.segment, MAX_SEGMENTS)) {
      const id = text(obj(seg)?.id, 100) ?? (typeof obj(seg)?.id === 'number' ? String(obj(seg)?.id) : null);
      if (id && out.length < MAX_SEGMENTS) out.push({ provider, tax, id });
    }
  }
  return out;
}

function eidsOf(value: unknown): Eid[] {
  const out: Eid[] = [];
  for (const entry of list(value, 30)) {
    const e = obj(entry);
    const source = domain(e?.source) ?? text(e?.source, 100);
    if (!e || !source) continue;
    const atype = int(obj(list(e.uids, 5)[0])?.atype, 0, 1_000_000_000);
    if (!out.some((x) => x.source === source)) out.push({ source, atype });
  }
  return out;
}

function geoOf(value: unknown): Geo | null {
  const g = obj(value);
  if (!g) return null;
  const lat = num(g.lat);
  const lon = num(g.lon);
  const geo: Geo = {
    type: int(g.type, 1, 3),
    hasLatLon: lat !== null && lon !== null,
    accuracy: num(g.accuracy),
    country: text(g.country, 10),
    region: text(g.region, 20),
    city: text(g.city, 60),
  };
  return geo.hasLatLon || geo.country || geo.region || geo.city ? geo : null;
}

export function ortbFacts(ortb2: unknown): OrtbFacts {
  const cattax = int(at(ortb2, 'site', 'cattax'), 1, 1_000_000) ?? 1;
  const siteCategories: OrtbFacts['siteCategories'] = [];
  for (const key of ['cat', 'pagecat', 'sectioncat']) {
    for (const c of list(at(ortb2, 'site', key), 20)) {
      const id = text(c, 40);
      if (id && !siteCategories.some((x) => x.id === id)) siteCategories.push({ tax: cattax, id });
    }
  }
  return {
    userSegments: segmentsOf(at(ortb2, 'user', 'data')),
    contentSegments: segmentsOf(at(ortb2, 'site', 'content', 'data')),
    siteCategories,
    // ORTB 2.6 puts EIDs in user.eids; 2.5 and Prebid's older converters in user.ext.eids.
    eids: eidsOf([...list(at(ortb2, 'user', 'eids'), 30), ...list(at(ortb2, 'user', 'ext', 'eids'), 30)]),
    geo: geoOf(at(ortb2, 'device', 'geo')) ?? geoOf(at(ortb2, 'user', 'geo')),
    dsaRequired: int(at(ortb2, 'regs', 'ext', 'dsa', 'dsarequired'), 0, 3),
    gdpr: bool(at(ortb2, 'regs', 'gdpr')) ?? bool(at(ortb2, 'regs', 'ext', 'gdpr')),
  };
}

export { eidsOf };
