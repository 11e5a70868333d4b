/**
 * Ads that are known by their vendor's markup or host: Taboola and Outbrain widgets (one widget is
 * one ad), AMP ad elements, creatives of Amazon, Criteo and Microsoft (Xandr), and frames of an
 * IAB standard size from any other known ad host. Markup from each vendor's publisher
 * documentation and ad-signals.md §6.2 (hosts).
 */
import type { Detector } from '../../shared/frame-ad';
import { findAdHost, hostOf } from '../ad-hosts';
import type { ElementRecord } from '../element-record';
import { isIabSize } from '../iab-sizes';
import type { Claim } from './claim';
import { isHidden, sizeOf, type RecordTree } from './record-tree';

/** The outermost records of a set: a widget nested in a widget is the same widget. */
function outermost(tree: RecordTree, records: ElementRecord[]): ElementRecord[] {
  return records.filter((r) => !records.some((o) => o !== r && tree.isInside(r, o.ref)));
}

function widgets(tree: RecordTree, detector: Detector, isPart: (r: ElementRecord) => boolean, isFilled: (r: ElementRecord) => boolean): Claim[] {
  const parts = tree.records.filter(isPart);
  return outermost(tree, parts).map((root) => {
    const filled = isFilled(root) || tree.descendants(root).some(isFilled);
    return { root, detectedBy: [detector], format: 'native', status: isHidden(root) ? 'collapsed' : filled ? 'shown' : 'unfilled', ...sizeOf(root) };
  });
}

export function detectTaboola(tree: RecordTree): Claim[] {
  const filled = (r: ElementRecord): boolean => r.classes.some((c) => c === 'trc_rbox_container' || c === 'trc_related_container');
  return widgets(tree, 'taboola', (r) => r.id.startsWith('taboola-') || filled(r), filled);
}

export function detectOutbrain(tree: RecordTree): Claim[] {
  const filled = (r: ElementRecord): boolean => r.classes.includes('ob-widget');
  return widgets(tree, 'outbrain', (r) => r.classes.includes('OUTBRAIN') || filled(r), filled);
}

export function detectAmp(tree: RecordTree): Claim[] {
  return tree.records
    .filter((r) => r.tag === 'amp-ad' || r.tag === 'amp-embed')
    .map((r) => ({ root: r, detectedBy: ['amp'], format: r.tag === 'amp-embed' ? 'native' : 'display', status: isHidden(r) ? 'collapsed' : 'shown', ...sizeOf(r) }) satisfies Claim);
}

const VENDOR_HOSTS: ReadonlyArray<readonly [string, Detector]> = [
  ['amazon-adsystem.com', 'amazon'],
  ['criteo.com', 'criteo'],
  ['criteo.net', 'criteo'],
  ['adnxs.com', 'xandr'],
  ['adnxs-simple.com', 'xandr'],
];
/** Smaller frames from these hosts are sync pixels and beacons, not creatives. */
const MIN_CREATIVE_SIDE = 50;

function vendorOf(src: string | undefined): Detector | null {
  const host = src ? hostOf(src) : null;
  if (!host) return null;
  for (const [suffix, detector] of VENDOR_HOSTS) if (host === suffix || host.endsWith(`.${suffix}`)) return detector;
  return null;
}

export function detectVendorCreatives(tree: RecordTree): Claim[] {
  const claims: Claim[] = [];
  for (const r of tree.records) {
    let detector: Detector | null = null;
    if (r.tag === 'iframe') {
      const { width, height } = sizeOf(r);
      const vendor = vendorOf(r.attrs.src);
      // Xandr's AST renders into frames named utif_<target>; others are known by host and size.
      if (vendor && (r.id.startsWith('utif_') || (width >= MIN_CREATIVE_SIDE && height >= MIN_CREATIVE_SIDE))) detector = vendor;
    } else if (r.id.startsWith('amzn-assoc-ad') || r.classes.includes('amzn-native-container')) detector = 'amazon';
    else if (/^crt-\d+$/.test(r.id)) detector = 'criteo';
    if (!detector) continue;
    claims.push({
      root: r,
      detectedBy: [detector],
      format: r.tag === 'iframe' ? 'display' : 'native',
      status: isHidden(r) ? 'collapsed' : r.tag !== 'iframe' && r.children === 0 ? 'unfilled' : 'shown',
      ...sizeOf(r),
      ...(r.tag === 'iframe' && r.attrs.src ? { frameSrc: r.attrs.src } : {}),
    });
  }
  return claims;
}

export function detectIabSizeFrames(tree: RecordTree): Claim[] {
  const claims: Claim[] = [];
  for (const r of tree.records) {
    const src = r.attrs.src;
    if (r.tag !== 'iframe' || !src || vendorOf(src) || !findAdHost(src)) continue;
    const { width, height } = sizeOf(r);
    if (!isIabSize(width, height)) continue;
    claims.push({ root: r, detectedBy: ['iab-size'], format: 'display', status: isHidden(r) ? 'collapsed' : 'shown', width, height, frameSrc: src });
  }
  return claims;
}

/**
 * Ad units Prebid.js rendered a winning bid into (their code is the element's id, reported by the
 * main-world probe). The frame Prebid rendered into sizes the ad.
 */
export function detectPrebid(tree: RecordTree): Claim[] {
  return tree.records
    .filter((r) => r.prebid)
    .map((r) => {
      const frame = tree.descendants(r).find((d) => d.tag === 'iframe');
      const size = frame ? sizeOf(frame) : sizeOf(r);
      return { root: r, detectedBy: ['prebid'], format: 'display', status: isHidden(r) ? 'collapsed' : 'shown', ...(size.width ? size : sizeOf(r)) } satisfies Claim;
    });
}
