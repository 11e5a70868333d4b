/**
 * Google's ad slots (shared/reference/ad-signals.md §3.3, §3.4):
 * - Google Publisher Tag: a `div-gpt-ad…` container, or the parent of a
 *   `google_ads_iframe_…__container__` div, with its `google_ads_iframe_…` iframe (SafeFrames
 *   included). No iframe means the slot went unfilled; an inline `display:none` means GPT collapsed it.
 * - AdSense: `ins.adsbygoogle`, whose `data-ad-status` says filled or unfilled.
 * - Google Search: text ads (`[data-text-ad]`) in the ad blocks above and below the results.
 */
import type { AdStatus, Detector } from '../../shared/frame-ad';
import { hostOf } from '../ad-hosts';
import type { ElementRecord } from '../element-record';
import type { Claim } from './claim';
import { isHidden, sizeOf, type RecordTree } from './record-tree';

const GPT_IFRAME = 'google_ads_iframe_';
const GPT_CONTAINER_SUFFIX = '__container__';
const GPT_HIDDEN_SUFFIX = '__hidden__';

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

function gptClaim(root: ElementRecord, inside: ElementRecord[]): Claim {
  const iframe = inside.find(isGptIframe) ?? (isGptIframe(root) ? root : undefined);
  const detectedBy: Detector[] = ['gpt'];
  let status: AdStatus = 'shown';
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
    root,
    status,
    format: 'display',
    detectedBy,
    ...size,
    ...(adUnitPath ? { adUnitPath } : {}),
    ...(iframe?.attrs.src ? { frameSrc: iframe.attrs.src } : {}),
  };
}

export function detectGpt(tree: RecordTree): Claim[] {
  const roots = new Set<ElementRecord>();
  for (const r of tree.records) {
    if (r.tag !== 'iframe' && r.id.startsWith('div-gpt-ad')) roots.add(r);
    if (r.id.startsWith(GPT_IFRAME) && r.id.endsWith(GPT_CONTAINER_SUFFIX)) {
      const parent = tree.parent(r);
      if (parent) roots.add(parent);
    }
  }
  const claims = [...roots].map((root) => gptClaim(root, tree.descendants(root)));
  // A GPT iframe outside any recognised container is a slot of its own.
  for (const r of tree.records) {
    if (isGptIframe(r) && ![...roots].some((root) => tree.isInside(r, root.ref))) claims.push(gptClaim(r, []));
  }
  return claims;
}

export function detectAdSense(tree: RecordTree): Claim[] {
  return tree.records
    .filter((r) => r.tag === 'ins' && r.classes.includes('adsbygoogle'))
    .map((ins) => {
      const iframe = tree.descendants(ins).find((r) => r.tag === 'iframe');
      const adStatus = ins.attrs['data-ad-status'];
      let status: AdStatus;
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
        root: ins,
        status,
        format: 'display',
        detectedBy: ['adsense'],
        ...size,
        ...(ins.attrs['data-ad-client'] ? { adClient: ins.attrs['data-ad-client'] } : {}),
        ...(iframe?.attrs.src ? { frameSrc: iframe.attrs.src } : {}),
      } satisfies Claim;
    });
}

/** Google Search marks each text ad with data-text-ad inside the #tads / #bottomads blocks. */
export function detectGoogleSearch(tree: RecordTree): Claim[] {
  return tree.records
    .filter((r) => r.attrs['data-text-ad'] !== undefined)
    .map((r) => ({ root: r, status: isHidden(r) ? 'collapsed' : 'shown', format: 'search', detectedBy: ['google-search'], width: 0, height: 0 }) satisfies Claim);
}
