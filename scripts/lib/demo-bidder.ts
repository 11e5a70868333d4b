/**
 * The demo site's own bidder: answers OpenRTB 2.5 bid requests (as Prebid's ORTB-based adapters
 * send them) with a deterministic creative for every 300×250 or 728×90 impression, and no bid
 * for any other size. Nothing leaves the machine: the demo pages point the adapter here.
 */
interface Imp {
  id?: unknown;
  banner?: { w?: unknown; h?: unknown; format?: { w?: unknown; h?: unknown }[] };
}

const SIZES: ReadonlyArray<readonly [number, number, string, string]> = [
  [300, 250, 'Acme Shoes', 'acme-shoes.example'],
  [728, 90, 'Sunny Travel', 'sunny-travel.example'],
];

function sizesOf(imp: Imp): [number, number][] {
  const out: [number, number][] = [];
  for (const f of imp.banner?.format ?? []) if (typeof f.w === 'number' && typeof f.h === 'number') out.push([f.w, f.h]);
  if (typeof imp.banner?.w === 'number' && typeof imp.banner?.h === 'number') out.push([imp.banner.w, imp.banner.h]);
  return out;
}

export function answerBidRequest(body: unknown, creativeOrigin: string): { status: number; json?: unknown } {
  const request = body as { id?: unknown; imp?: Imp[] } | null;
  if (!request || !Array.isArray(request.imp)) return { status: 400 };
  const bids = [];
  for (const imp of request.imp) {
    const hit = SIZES.find(([w, h]) => sizesOf(imp).some(([iw, ih]) => iw === w && ih === h));
    if (!hit || typeof imp.id !== 'string') continue;
    const [w, h, brand, domain] = hit;
    bids.push({
      id: `bid-${imp.id}`,
      impid: imp.id,
      price: 1.25,
      w,
      h,
      mtype: 1,
      crid: `demo-creative-${w}x${h}`,
      adomain: [domain],
      adm: `<iframe src="${creativeOrigin}/creative?w=${w}&amp;h=${h}&amp;brand=${encodeURIComponent(brand)}" width="${w}" height="${h}" frameborder="0" scrolling="no"></iframe>`,
    });
  }
  if (!bids.length) return { status: 204 };
  return { status: 200, json: { id: request.id, cur: 'EUR', seatbid: [{ seat: 'demo-dsp', bid: bids }] } };
}
