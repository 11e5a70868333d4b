/**
 * Classifies a frame's element records into ads. Each detector in core/detectors/ claims the
 * elements it recognises; this module then makes sure that one ad is reported once: a claim inside
 * another claim (a container, its iframe, the creative inside) joins the outer one, and a weak
 * claim (a labelled region) around several ads is a region, not an ad.
 */
import type { Detector, FrameAd } from '../shared/frame-ad';
import type { Claim, DetectorRule } from './detectors/claim';
import { detectAdSense, detectGoogleSearch, detectGpt } from './detectors/google';
import { detectEasyList, detectLabelledPosts, detectLabelledRegions } from './detectors/labelled';
import { RecordTree } from './detectors/record-tree';
import { detectAmp, detectIabSizeFrames, detectOutbrain, detectPrebid, detectTaboola, detectVendorCreatives } from './detectors/vendors';
import type { ElementRecord } from './element-record';

export { adUnitPathFromIframeId } from './detectors/google';

export type DetectedAd = Omit<FrameAd, 'key' | 'selector'> & { ref: number };

const RULES: readonly DetectorRule[] = [
  detectGpt,
  detectAdSense,
  detectPrebid,
  detectGoogleSearch,
  detectTaboola,
  detectOutbrain,
  detectAmp,
  detectVendorCreatives,
  detectIabSizeFrames,
  detectLabelledPosts,
  detectLabelledRegions,
  detectEasyList,
];

const STATUS_RANK = { unfilled: 0, collapsed: 1, shown: 2 } as const;
/** Signals that only count when nothing more specific recognised the ad. */
const GENERIC: ReadonlySet<Detector> = new Set<Detector>(['iab-size', 'aria-label', 'data-ad', 'easylist']);

function specificFirst(detectedBy: Detector[]): Detector[] {
  const specific = detectedBy.filter((d) => !GENERIC.has(d));
  return specific.length ? specific : detectedBy;
}

function absorb(outer: Claim, inner: Claim): void {
  for (const d of inner.detectedBy) if (!outer.detectedBy.includes(d)) outer.detectedBy.push(d);
  // A hidden outer element hides what is inside; otherwise the most filled part decides.
  if (outer.status !== 'collapsed' || inner.root === outer.root) {
    if (STATUS_RANK[inner.status] > STATUS_RANK[outer.status]) outer.status = inner.status;
  }
  if (!outer.width || !outer.height) {
    outer.width = inner.width;
    outer.height = inner.height;
  }
  outer.adUnitPath ??= inner.adUnitPath;
  outer.adClient ??= inner.adClient;
  outer.frameSrc ??= inner.frameSrc;
  outer.label ??= inner.label;
  // A more specific format (a sponsored post, a search ad) wins over plain display.
  if (outer.format === 'display') outer.format = inner.format;
  outer.weak = outer.weak && inner.weak;
}

function resolve(tree: RecordTree, claims: Claim[]): Claim[] {
  const inside = (inner: Claim, outer: Claim): boolean => inner.root === outer.root || tree.isInside(inner.root, outer.root.ref);
  // A weak region around two or more separate ads is a region of the page, not one ad.
  const strong = claims.filter((c) => !c.weak);
  const kept = claims.filter((c) => !c.weak || strong.filter((s) => s.root !== c.root && inside(s, c)).length < 2);
  const byDepth = kept
    .map((claim, order) => ({ claim, order, depth: tree.depth(claim.root) }))
    .sort((a, b) => a.depth - b.depth || a.order - b.order);
  const accepted: Claim[] = [];
  for (const { claim } of byDepth) {
    const outer = accepted.find((a) => inside(claim, a));
    if (outer) absorb(outer, claim);
    else accepted.push({ ...claim, detectedBy: [...claim.detectedBy] });
  }
  return accepted;
}

export function detectAds(records: readonly ElementRecord[]): DetectedAd[] {
  const tree = new RecordTree(records);
  const claims = resolve(tree, RULES.flatMap((rule) => rule(tree)));
  // Report in document order (records arrive in it), whichever rule found the ad.
  const order = new Map(records.map((r, i) => [r.ref, i]));
  return claims
    .sort((a, b) => (order.get(a.root.ref) ?? 0) - (order.get(b.root.ref) ?? 0))
    .map((c) => ({
      ref: c.root.ref,
      status: c.status,
      format: c.format,
      detectedBy: specificFirst(c.detectedBy),
      width: c.width,
      height: c.height,
      ...(c.root.id ? { elementId: c.root.id } : {}),
      ...(c.adUnitPath ? { adUnitPath: c.adUnitPath } : {}),
      ...(c.adClient ? { adClient: c.adClient } : {}),
      ...(c.frameSrc ? { frameSrc: c.frameSrc } : {}),
      ...(c.label ? { label: c.label } : {}),
    }));
}
