/**
 * The demo site's own bidder: answers OpenRTB 2.5 bid requests (as Prebid's ORTB-based adapters
 * send them) with deterministic creatives. Nothing leaves the machine: the demo pages point the
 * adapter here.
 *
 * Two behaviours, chosen per impression by its `tagid` (the billow_rtb25 adapter copies
 * `params.placementId` there):
 * - `why-<scenario>` (the "Why this ad?" scenario pages, scripts/demo-site/why/): the scenario's
 *   bids, with `adomain`, `cat`/`cattax` and the DSA transparency object (`ext.dsa`) or none.
 * - anything else (prebid.html and older pages): a bid for every 300×250 or 728×90 impression and
 *   no bid for other sizes, as before.
 *
 * What reaches Prebid's `bid.meta` is decided by Prebid's ORTB converter, not by us: it copies
 * `adomain` → `advertiserDomains`, `ext.dsa` → `dsa`, `cat` → `primaryCatId`/`secondaryCatIds`,
 * `cattax` and `attr`. It has no mapping for `advertiserName`, `networkName`, `brandName` and the
 * like, so this bidder does not send them: no page here can show them through a real adapter.
 */
interface Imp {
  id?: unknown;
  tagid?: unknown;
  banner?: { w?: unknown; h?: unknown; format?: { w?: unknown; h?: unknown }[] };
}

const SIZES: ReadonlyArray<readonly [number, number, string, string]> = [
  [300, 250, 'Acme Shoes', 'acme-shoes.example'],
  [728, 90, 'Sunny Travel', 'sunny-travel.example'],
];

/** The DSA transparency object of a bid response (ad-signals.md §1.2). */
export interface DsaResponse {
  behalf: string;
  paid: string;
  transparency: { domain: string; dsaparams: number[] }[];
  /** 0: the buyer does not render DSA info in the creative (the demo pages render it). */
  adrender: 0 | 1;
}

export interface ScenarioBid {
  seat: string;
  /** Shown in the creative. */
  brand: string;
  adomain: string;
  price: number;
  /** Ad Product Taxonomy 2.0 ids (cattax 8): what the ad sells. */
  cat: string[];
  crid: string;
  dsa: DsaResponse | null;
}

export const DEMO_SCENARIOS = ['profiled', 'contextual', 'consent-refused', 'precise-location', 'cross-site-id', 'sensitive', 'gpc', 'dsa-missing', 'gpt'] as const;
export type DemoScenario = (typeof DEMO_SCENARIOS)[number];

/** Prefix of `params.placementId` (→ `imp.tagid`) on the scenario pages. */
export const SCENARIO_TAG_PREFIX = 'why-';
export const DEMO_DSP = 'dsp.demo-dsp.example';
const AD_PRODUCT_CATTAX = 8;

const dsa = (behalf: string, paid: string, dsaparams: number[]): DsaResponse => ({ behalf, paid, transparency: [{ domain: DEMO_DSP, dsaparams }], adrender: 0 });

export const SCENARIO_BIDS: Readonly<Record<DemoScenario, readonly ScenarioBid[]>> = {
  profiled: [
    { seat: 'demo-dsp', brand: 'Acme Shoes', adomain: 'acme-shoes.example', price: 1.2, cat: ['1070'], crid: 'why-profiled-acme', dsa: dsa('Acme Shoes B.V.', 'Acme Media Agency', [1, 2]) },
    // A higher bid without DSA info: Prebid's dsaControl must reject it (regs.ext.dsa.dsarequired 3).
    { seat: 'bargain-dsp', brand: 'Bargain Watches', adomain: 'bargain-watches.example', price: 2.1, cat: ['1073'], crid: 'why-profiled-bargain', dsa: null },
  ],
  contextual: [{ seat: 'demo-dsp', brand: 'Sunny Travel', adomain: 'sunny-travel.example', price: 1.2, cat: ['1529'], crid: 'why-contextual-sunny', dsa: dsa('Sunny Travel B.V.', 'Sunny Travel B.V.', [2]) }],
  'consent-refused': [
    { seat: 'demo-dsp', brand: 'Brightside Energy', adomain: 'brightside-energy.example', price: 1.2, cat: ['1403'], crid: 'why-refused-brightside', dsa: dsa('Brightside Energy B.V.', 'Brightside Energy B.V.', [1]) },
  ],
  'precise-location': [
    { seat: 'demo-dsp', brand: 'Corner Café Utrecht', adomain: 'corner-cafe.example', price: 1.2, cat: ['1360'], crid: 'why-location-cafe', dsa: dsa('Corner Café Utrecht', 'Corner Café Utrecht', [3]) },
  ],
  'cross-site-id': [
    { seat: 'demo-dsp', brand: 'Nordic Knitwear', adomain: 'nordic-knitwear.example', price: 1.2, cat: ['1059'], crid: 'why-ids-knitwear', dsa: dsa('Nordic Knitwear AB', 'Nordic Knitwear AB', [2]) },
  ],
  sensitive: [
    { seat: 'demo-dsp', brand: 'Vitaal Pharmacy', adomain: 'vitaal-pharmacy.example', price: 1.2, cat: ['1386'], crid: 'why-sensitive-vitaal', dsa: dsa('Vitaal Pharmacy B.V.', 'Vitaal Pharmacy B.V.', [1]) },
  ],
  // A US page: no DSA there, and no DSA object in the bid.
  gpc: [{ seat: 'demo-dsp', brand: 'Liberty Outdoor', adomain: 'liberty-outdoor.example', price: 1.2, cat: ['1528'], crid: 'why-gpc-liberty', dsa: null }],
  'dsa-missing': [{ seat: 'demo-dsp', brand: 'Pixel Gadgets', adomain: 'pixel-gadgets.example', price: 1.2, cat: ['1097'], crid: 'why-nodsa-pixel', dsa: null }],
  gpt: [{ seat: 'demo-dsp', brand: 'Harbour Hotels', adomain: 'harbour-hotels.example', price: 1.2, cat: ['1533'], crid: 'why-gpt-harbour', dsa: dsa('Harbour Hotels Ltd', 'Harbour Hotels Ltd', [2]) }],
};

function sizesOf(imp: Imp): [number, number][] {
  const out: [number, number][] = [];
  for (const f of imp.banner?.format ?? []) if (typeof f.w === 'number' && typeof f.h === 'number') out.push([f.w, f.h]);
  if (typeof imp.banner?.w === 'number' && typeof imp.banner?.h === 'number') out.push([imp.banner.w, imp.banner.h]);
  return out;
}

/** The scenario an impression belongs to, from its `tagid`; null for the older pages. */
export function scenarioOf(imp: { tagid?: unknown }): DemoScenario | null {
  if (typeof imp.tagid !== 'string' || !imp.tagid.startsWith(SCENARIO_TAG_PREFIX)) return null;
  const name = imp.tagid.slice(SCENARIO_TAG_PREFIX.length);
  return (DEMO_SCENARIOS as readonly string[]).includes(name) ? (name as DemoScenario) : null;
}

const creative = (origin: string, w: number, h: number, brand: string): string =>
  `<iframe src="${origin}/creative?w=${w}&amp;h=${h}&amp;brand=${encodeURIComponent(brand)}" width="${w}" height="${h}" frameborder="0" scrolling="no"></iframe>`;

interface OrtbBid {
  id: string;
  impid: string;
  price: number;
  w: number;
  h: number;
  mtype: number;
  crid: string;
  adomain: string[];
  cat?: string[];
  cattax?: number;
  adm: string;
  ext?: { dsa: DsaResponse };
}

export function answerBidRequest(body: unknown, creativeOrigin: string): { status: number; json?: unknown } {
  const request = body as { id?: unknown; imp?: Imp[] } | null;
  if (!request || !Array.isArray(request.imp)) return { status: 400 };
  const seats = new Map<string, OrtbBid[]>();
  const add = (seat: string, bid: OrtbBid): void => {
    seats.set(seat, [...(seats.get(seat) ?? []), bid]);
  };
  for (const imp of request.imp) {
    if (typeof imp.id !== 'string') continue;
    const scenario = scenarioOf(imp);
    if (scenario) {
      // The scenario pages ask for one size; answer in the first one asked for.
      const [w, h] = sizesOf(imp)[0] ?? [300, 250];
      SCENARIO_BIDS[scenario].forEach((b, i) => {
        add(b.seat, {
          id: `bid-${imp.id}-${i}`,
          impid: imp.id as string,
          price: b.price,
          w,
          h,
          mtype: 1,
          crid: b.crid,
          adomain: [b.adomain],
          cat: b.cat,
          cattax: AD_PRODUCT_CATTAX,
          adm: creative(creativeOrigin, w, h, b.brand),
          ...(b.dsa ? { ext: { dsa: b.dsa } } : {}),
        });
      });
      continue;
    }
    const hit = SIZES.find(([w, h]) => sizesOf(imp).some(([iw, ih]) => iw === w && ih === h));
    if (!hit) continue;
    const [w, h, brand, domain] = hit;
    add('demo-dsp', {
      id: `bid-${imp.id}`,
      impid: imp.id,
      price: 1.25,
      w,
      h,
      mtype: 1,
      crid: `demo-creative-${w}x${h}`,
      adomain: [domain],
      adm: creative(creativeOrigin, w, h, brand),
    });
  }
  if (!seats.size) return { status: 204 };
  return { status: 200, json: { id: request.id, cur: 'EUR', seatbid: [...seats].map(([seat, bid]) => ({ seat, bid })) } };
}
