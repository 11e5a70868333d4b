/**
 * The CSS selectors of everything any detector looks at, and of the containers in which ad labels
 * are looked for. The content script checks elements with the equivalent code in element-kind.ts
 * (a walk it can cut into slices); a test keeps the two in agreement.
 */
export const CANDIDATE_SELECTOR = [
  '[id^="div-gpt-ad"]',
  '[id^="google_ads_iframe_"]',
  'ins.adsbygoogle',
  'iframe',
  '[data-text-ad]',
  '[id^="taboola-"]',
  '.trc_rbox_container',
  '.trc_related_container',
  '.OUTBRAIN',
  '.ob-widget',
  'amp-ad',
  'amp-embed',
  '[id^="amzn-assoc-ad"]',
  '.amzn-native-container',
  '[id^="crt-"]',
  '[data-ad-unit]',
  '[data-adunit]',
  '[data-ad-unit-path]',
  '[data-ad-placement]',
  '[data-ad-slot]',
].join(',');

/**
 * Posts and results that may carry an ad label: feed stories (Facebook, X, LinkedIn, Reddit),
 * shopping and search results. A label counts only in one of these, near its start.
 */
export const LABEL_CONTAINER_SELECTOR = [
  '[role="article"]',
  'article',
  '[data-testid="fbfeed_story"]',
  '[data-pagelet^="FeedUnit"]',
  '.ego_section',
  '[data-testid="placementTracking"]',
  'shreddit-ad-post',
  '.feed-shared-update-v2',
  '[data-component-type="s-search-result"]',
].join(',');
