/**
 * Ads the page itself labels: posts and results with an ad label of their own ("Sponsored",
 * "Gesponsord", "Anzeige"… found by the content script, see content/labels.ts), regions whose
 * accessible name says advertisement, and elements carrying ad-slot data attributes.
 */
import type { AdStatus } from '../../shared/frame-ad';
import type { ElementRecord } from '../element-record';
import { isRegionLabel } from '../labels';
import type { Claim } from './claim';
import { isHidden, sizeOf, type RecordTree } from './record-tree';

const DATA_AD_ATTRIBUTES = ['data-ad-unit', 'data-adunit', 'data-ad-unit-path', 'data-ad-placement', 'data-ad-slot'] as const;
/** Elements too small to be an ad region themselves: their aria-label names a control. */
const CONTROL_TAGS = new Set(['a', 'button', 'span', 'img', 'svg', 'input', 'label', 'iframe']);

function regionStatus(r: ElementRecord): AdStatus {
  return isHidden(r) ? 'collapsed' : r.children === 0 ? 'unfilled' : 'shown';
}

export function detectLabelledPosts(tree: RecordTree): Claim[] {
  return tree.records
    .filter((r) => r.label)
    .map((r) => ({
      root: r,
      detectedBy: ['label'],
      format: 'sponsored-post',
      status: isHidden(r) ? 'collapsed' : 'shown',
      ...sizeOf(r),
      label: r.label?.text ?? '',
    }) satisfies Claim);
}

export function detectLabelledRegions(tree: RecordTree): Claim[] {
  const claims: Claim[] = [];
  for (const r of tree.records) {
    if (r.attrs['aria-label'] !== undefined && !CONTROL_TAGS.has(r.tag) && isRegionLabel(r.attrs['aria-label'])) {
      claims.push({ root: r, detectedBy: ['aria-label'], format: 'display', status: regionStatus(r), ...sizeOf(r), weak: true });
    } else if (r.tag !== 'ins' && r.tag !== 'iframe' && DATA_AD_ATTRIBUTES.some((a) => r.attrs[a] !== undefined)) {
      claims.push({ root: r, detectedBy: ['data-ad'], format: 'display', status: regionStatus(r), ...sizeOf(r), weak: true });
    }
  }
  return claims;
}

/**
 * Elements an EasyList generic rule matches. A weak claim: EasyList is an ad blocker's list and
 * also hides empty slots and sites' own promotions, so an empty match is no ad at all, and a
 * match around several ads is a region.
 */
export function detectEasyList(tree: RecordTree): Claim[] {
  return tree.records
    .filter((r) => r.easylist && r.children > 0)
    .map((r) => ({ root: r, detectedBy: ['easylist'], format: 'display', status: isHidden(r) ? 'collapsed' : 'shown', ...sizeOf(r), weak: true }) satisfies Claim);
}
