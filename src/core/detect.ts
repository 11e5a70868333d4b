/**
 * Classifies element records into ad slots. Rules (shared/reference/ad-signals.md §3.3, §3.4):
 * - Google Publisher Tag: a `div-gpt-ad…` container, or the parent of a
 *   `google_ads_iframe_…__container__` div, with its `google_ads_iframe_…` iframe (SafeFrames
 *   included). No iframe means the slot went unfilled; an inline `display:none` means GPT collapsed it.
 * - AdSense: `ins.adsbygoogle`, whose `data-ad-status` says filled or unfilled.
 * - Any other iframe of an IAB standard size whose src is a known ad host.
 * A container, its iframes and its creative are one ad: records inside a slot are not ads again.
 */
import type { Detector, FrameAd } from '../shared/frame-ad';
import { findAdHost, hostOf } from './ad-hosts';
import type { ElementRecord } from './element-record';
import { isIabSize } from './iab-sizes';

export type DetectedAd = Omit<FrameAd, 'key' | 'selector'> & { ref: number };

const GPT_IFRAME = 'google_ads_iframe_';
const GPT_CONTAINER_SUFFIX = '__container__';
const GPT_HIDDEN_SUFFIX = '__hidden__';

function px(value: string | undefined): number {
  if (!value) return 0;
  const m = /^\s*(\d{1,6})(?:\.\d+)?\s*(px)?\s*$/i.exec(value);
  return m ? Number(m[1]) : 0;
}

function sizeOf(r: ElementRecord): { width: number; height: number } {
  const width = px(r.attrs.width) || px(r.style.width);
  const height = px(r.attrs.height) || px(r.style.height);
  return { width, height };
}

function isHidden(r: ElementRecord): boolean {
  return r.attrs.hidden !== undefined || r.style.display?.trim().toLowerCase() === 'none';
}

function isGptIframe(r: ElementRecord): boolean {
  return r.tag === 'iframe' && r.id.startsWith(GPT_IFRAME) && !r.id.endsWith(GPT_HIDDEN_SUFFIX);
}

function isSafeFrame(r: ElementRecord): boolean {
  const host = r.attrs.src ? hostOf(r.attrs.src) : null;
  return r.attrs['data-is-safeframe'] === 'true' || (host !== null && host.endsWith('.safeframe.googlesyndication.com'));
}

/** "google_ads_iframe_/123/Path_0" → "/123/Path". */
export function adUnitPathFromIframeId(id: string): string | undefined {
  if (!id.startsWith(GPT_IFRAME)) return undefined;
  const rest = id.slice(GPT_IFRAME.length).replace(/__container__$/, '');
  const m = /^(.*)_\d+$/.exec(rest);
  const path = m ? m[1] : rest;
  return path && path.startsWith('/') ? path : undefined;
}

class Tree {
  readonly byRef = new Map<number, ElementRecord>();
  constructor(records: readonly ElementRecord[]) {
    for (const r of records) this.byRef.set(r.ref, r);
  }
  isInside(r: ElementRecord, ancestorRef: number): boolean {
    let p = r.parentRef;
    for (let guard = 0; p !== null && guard < 64; guard++) {
      if (p === ancestorRef) return true;
      p = this.byRef.get(p)?.parentRef ?? null;
    }
    return false;
  }
  descendants(root: ElementRecord, records: readonly ElementRecord[]): ElementRecord[] {
    return records.filter((r) => r !== root && this.isInside(r, root.ref));
  }
}

function gptRoots(records: readonly ElementRecord[], tree: Tree): ElementRecord[] {
  const roots = new Set<ElementRecord>();
  for (const r of records) {
    if (r.tag !== 'iframe' && r.id.startsWith('div-gpt-ad')) roots.add(r);
    if (r.id.startsWith(GPT_IFRAME) && r.id.endsWith(GPT_CONTAINER_SUFFIX) && r.parentRef !== null) {
      const parent = tree.byRef.get(r.parentRef);
      if (parent) roots.add(parent);
    }
  }
  // A root inside another root (a publisher wrapper around a div-gpt-ad) is one slot, the outer one.
  return [...roots].filter((r) => ![...roots].some((o) => o !== r && tree.isInside(r, o.ref)));
}

function gptAd(root: ElementRecord, inside: ElementRecord[]): DetectedAd {
  const iframe = inside.find(isGptIframe) ?? (isGptIframe(root) ? root : undefined);
  const detectedBy: Detector[] = ['gpt'];
  let status: FrameAd['status'] = 'shown';
  let size = sizeOf(root);
  if (!iframe) status = 'unfilled';
  else {
    if (isSafeFrame(iframe)) detectedBy.push('safeframe');
    const frameSize = sizeOf(iframe);
    if (frameSize.width && frameSize.height) size = frameSize;
    // GPT hides a slot it could not fill by hiding the frame or sizing it 0 × 0.
    if (isHidden(iframe) || (iframe.attrs.width === '0' && iframe.attrs.height === '0')) status = 'collapsed';
  }
  if (isHidden(root) || inside.some((r) => r.id.endsWith(GPT_CONTAINER_SUFFIX) && isHidden(r))) status = 'collapsed';
  const container = inside.find((r) => r.id.endsWith(GPT_CONTAINER_SUFFIX));
  const adUnitPath = iframe ? adUnitPathFromIframeId(iframe.id) : container ? adUnitPathFromIframeId(container.id) : undefined;
  return {
    ref: root.ref,
    status,
    format: 'display',
    detectedBy,
    ...size,
    ...(root.id ? { elementId: root.id } : {}),
    ...(adUnitPath ? { adUnitPath } : {}),
    ...(iframe?.attrs.src ? { frameSrc: iframe.attrs.src } : {}),
  };
}

function adsenseAd(ins: ElementRecord, inside: ElementRecord[]): DetectedAd {
  const iframe = inside.find((r) => r.tag === 'iframe');
  const adStatus = ins.attrs['data-ad-status'];
  let status: FrameAd['status'];
  if (isHidden(ins)) status = 'collapsed';
  else if (adStatus === 'unfilled') status = 'unfilled';
  else if (adStatus === 'filled' || iframe) status = 'shown';
  else status = 'unfilled';
  let size = sizeOf(ins);
  if (iframe) {
    const frameSize = sizeOf(iframe);
    if (frameSize.width && frameSize.height) size = frameSize;
  }
  return {
    ref: ins.ref,
    status,
    format: 'display',
    detectedBy: ['adsense'],
    ...size,
    ...(ins.id ? { elementId: ins.id } : {}),
    ...(ins.attrs['data-ad-client'] ? { adClient: ins.attrs['data-ad-client'] } : {}),
    ...(iframe?.attrs.src ? { frameSrc: iframe.attrs.src } : {}),
  };
}

export function detectAds(records: readonly ElementRecord[]): DetectedAd[] {
  const tree = new Tree(records);
  const ads: DetectedAd[] = [];
  const claimed = new Set<number>();
  const claim = (root: ElementRecord, inside: ElementRecord[]): void => {
    claimed.add(root.ref);
    for (const r of inside) claimed.add(r.ref);
  };

  for (const root of gptRoots(records, tree)) {
    const inside = tree.descendants(root, records);
    ads.push(gptAd(root, inside));
    claim(root, inside);
  }
  for (const r of records) {
    if (claimed.has(r.ref)) continue;
    if (r.tag === 'ins' && r.classes.includes('adsbygoogle')) {
      const inside = tree.descendants(r, records);
      ads.push(adsenseAd(r, inside));
      claim(r, inside);
    }
  }
  for (const r of records) {
    if (claimed.has(r.ref) || r.tag !== 'iframe') continue;
    if (isGptIframe(r)) {
      ads.push(gptAd(r, []));
      claim(r, []);
      continue;
    }
    const src = r.attrs.src;
    const { width, height } = sizeOf(r);
    if (!src || !findAdHost(src) || !isIabSize(width, height)) continue;
    ads.push({
      ref: r.ref,
      status: isHidden(r) ? 'collapsed' : 'shown',
      format: 'display',
      detectedBy: ['iab-size'],
      width,
      height,
      ...(r.id ? { elementId: r.id } : {}),
      frameSrc: src,
    });
    claim(r, []);
  }
  // Report in document order (records arrive in it), whichever rule found the ad.
  const order = new Map(records.map((r, i) => [r.ref, i]));
  return ads.sort((a, b) => (order.get(a.ref) ?? 0) - (order.get(b.ref) ?? 0));
}
