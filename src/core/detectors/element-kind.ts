/**
 * What an element is to the detectors, decided from its tag, id, classes and attributes with
 * plain string checks: the same answer as matching selectors.ts. The content script does not run
 * this on every element of a page: the browser's selector engine first picks out the elements that
 * match KIND_SELECTORS or KIND_SINGLES (a superset), so that our script never touches the others;
 * each of those costs a JavaScript wrapper in the isolated world. test/unit/element-kind.test.ts
 * keeps all three in step.
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
  getAttributeNames(): string[];
  getAttribute(name: string): string | null;
}

const ID_PREFIXES = ['div-gpt-ad', 'google_ads_iframe_', 'taboola-', 'amzn-assoc-ad', 'crt-'];
// Class lists split on ASCII white space only, as CSS class selectors do.
const CANDIDATE_CLASSES = /(?:^|[ \t\n\f\r])(?:trc_rbox_container|trc_related_container|OUTBRAIN|ob-widget|amzn-native-container)(?:[ \t\n\f\r]|$)/;
const ADSBYGOOGLE = /(?:^|[ \t\n\f\r])adsbygoogle(?:[ \t\n\f\r]|$)/;
const CONTAINER_CLASSES = /(?:^|[ \t\n\f\r])(?:ego_section|feed-shared-update-v2)(?:[ \t\n\f\r]|$)/;
const CANDIDATE_ATTRIBUTES = new Set(['data-text-ad', 'data-ad-unit', 'data-adunit', 'data-ad-unit-path', 'data-ad-placement', 'data-ad-slot']);
/** Elements that can be an ad region named by aria-label; controls (buttons, links) cannot. */
const REGION_TAGS = new Set(['div', 'section', 'aside', 'figure', 'ins']);

/**
 * Every element to which elementKind gives a kind matches one of KIND_SELECTORS or KIND_SINGLES
 * (some others do too). The browser's cost of a query grows with elements × selectors, so there is
 * one selector per thing elementKind looks at. Tags and classes are asked one at a time: a query of
 * a single tag or class takes the browser's fast path, a third to a half of what the same selector
 * costs inside a list.
 */
export const KIND_SELECTORS: readonly string[] = [
  '[id^="div-gpt-ad"]',
  '[id^="google_ads_iframe_"]',
  '[id^="taboola-"]',
  '[id^="amzn-assoc-ad"]',
  '[id^="crt-"]',
  '[data-text-ad]',
  '[data-ad-unit]',
  '[data-adunit]',
  '[data-ad-unit-path]',
  '[data-ad-placement]',
  '[data-ad-slot]',
  '[role="article"]',
  '[data-testid]',
  '[data-pagelet]',
  '[data-component-type]',
  '[aria-label]',
];
export const KIND_SINGLES: readonly string[] = [
  'iframe',
  'amp-ad',
  'amp-embed',
  'article',
  'shreddit-ad-post',
  '.adsbygoogle',
  '.trc_rbox_container',
  '.trc_related_container',
  '.OUTBRAIN',
  '.ob-widget',
  '.amzn-native-container',
  '.ego_section',
  '.feed-shared-update-v2',
];

export function elementKind(el: ElementLike): number {
  let kind = 0;
  const tag = el.localName;
  if (tag === 'iframe' || tag === 'amp-ad' || tag === 'amp-embed') kind |= CANDIDATE;
  else if (tag === 'article' || tag === 'shreddit-ad-post') kind |= CONTAINER;
  // Attribute names as strings: reading el.attributes would make the browser create (and keep) an
  // Attr node for each attribute of each element looked at.
  const names = el.getAttributeNames();
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    if (name === 'id') {
      const id = el.id;
      for (const prefix of ID_PREFIXES) if (id.startsWith(prefix)) kind |= CANDIDATE;
    } else if (name === 'class') {
      const cls = el.className;
      if (typeof cls !== 'string') continue;
      if (CANDIDATE_CLASSES.test(cls) || (tag === 'ins' && ADSBYGOOGLE.test(cls))) kind |= CANDIDATE;
      if (CONTAINER_CLASSES.test(cls)) kind |= CONTAINER;
    } else if (CANDIDATE_ATTRIBUTES.has(name)) kind |= CANDIDATE;
    else if (name === 'role') {
      if (el.getAttribute(name) === 'article') kind |= CONTAINER;
    } else if (name === 'data-testid') {
      const value = el.getAttribute(name);
      if (value === 'fbfeed_story' || value === 'placementTracking') kind |= CONTAINER;
    } else if (name === 'data-pagelet') {
      if (el.getAttribute(name)?.startsWith('FeedUnit')) kind |= CONTAINER;
    } else if (name === 'data-component-type') {
      if (el.getAttribute(name) === 's-search-result') kind |= CONTAINER;
    } else if (name === 'aria-label') {
      const value = el.getAttribute(name) ?? '';
      if (value.length > MAX_LABEL_LENGTH * 2) continue;
      if (tag === 'a' || tag === 'span') {
        if (labelLanguage(value)) kind |= NAMED_LABEL;
      } else if (REGION_TAGS.has(tag) && isRegionLabel(value)) kind |= CANDIDATE;
    }
  }
  return kind;
}
