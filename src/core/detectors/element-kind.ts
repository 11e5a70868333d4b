/**
 * What an element is to the detectors, decided from its tag, id, classes and attributes with
 * plain string checks: the same answer as matching selectors.ts, but cheap enough to run on every
 * element of a page in a walk cut into slices. test/unit/element-kind.test.ts keeps both in step.
 */
import { isRegionLabel, labelLanguage, MAX_LABEL_LENGTH } from '../labels';

export const CANDIDATE = 1;
export const CONTAINER = 2;
export const NAMED_LABEL = 4;

/** The little of an Element this needs, so that it runs on any DOM. */
export interface ElementLike {
  readonly localName: string;
  readonly id: string;
  readonly className: unknown; // SVG elements have an SVGAnimatedString here
  readonly attributes: ArrayLike<{ readonly name: string; readonly value: string }>;
  hasAttributes(): boolean;
}

const ID_PREFIXES = ['div-gpt-ad', 'google_ads_iframe_', 'taboola-', 'amzn-assoc-ad', 'crt-'];
const CANDIDATE_CLASSES = /(?:^|\s)(?:trc_rbox_container|trc_related_container|OUTBRAIN|ob-widget|amzn-native-container)(?:\s|$)/;
const CONTAINER_CLASSES = /(?:^|\s)(?:ego_section|feed-shared-update-v2)(?:\s|$)/;
const CANDIDATE_ATTRIBUTES = new Set(['data-text-ad', 'data-ad-unit', 'data-adunit', 'data-ad-unit-path', 'data-ad-placement', 'data-ad-slot']);

export function elementKind(el: ElementLike): number {
  let kind = 0;
  const tag = el.localName;
  if (tag === 'iframe' || tag === 'amp-ad' || tag === 'amp-embed') kind |= CANDIDATE;
  else if (tag === 'article' || tag === 'shreddit-ad-post') kind |= CONTAINER;
  // Most elements of a page have no attribute at all: nothing more to look at.
  if (!el.hasAttributes()) return kind;
  const id = el.id;
  if (id) for (const prefix of ID_PREFIXES) if (id.startsWith(prefix)) kind |= CANDIDATE;
  const cls = typeof el.className === 'string' ? el.className : '';
  if (cls) {
    if (CANDIDATE_CLASSES.test(cls) || (tag === 'ins' && /(?:^|\s)adsbygoogle(?:\s|$)/.test(cls))) kind |= CANDIDATE;
    if (CONTAINER_CLASSES.test(cls)) kind |= CONTAINER;
  }
  const attributes = el.attributes;
  for (let i = 0; i < attributes.length; i++) {
    const { name, value } = attributes[i] as { name: string; value: string };
    if (CANDIDATE_ATTRIBUTES.has(name)) kind |= CANDIDATE;
    else if (name === 'role') {
      if (value === 'article') kind |= CONTAINER;
    } else if (name === 'data-testid') {
      if (value === 'fbfeed_story' || value === 'placementTracking') kind |= CONTAINER;
    } else if (name === 'data-pagelet') {
      if (value.startsWith('FeedUnit')) kind |= CONTAINER;
    } else if (name === 'data-component-type') {
      if (value === 's-search-result') kind |= CONTAINER;
    } else if (name === 'aria-label' && value.length <= MAX_LABEL_LENGTH * 2) {
      if (tag === 'a' || tag === 'span') {
        if (labelLanguage(value)) kind |= NAMED_LABEL;
      } else if (REGION_TAGS.has(tag) && isRegionLabel(value)) kind |= CANDIDATE;
    }
  }
  return kind;
}

/** Elements that can be an ad region named by aria-label; controls (buttons, links) cannot. */
const REGION_TAGS = new Set(['div', 'section', 'aside', 'figure', 'ins']);
