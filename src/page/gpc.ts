/**
 * Registered only while the person has asked Why This Ad to send Global Privacy Control: makes
 * `navigator.globalPrivacyControl` true in the page's main world, as browsers that support GPC do
 * (ad-signals.md §4.4). The `Sec-GPC: 1` request header is set by a declarativeNetRequest rule.
 */
try {
  Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true, enumerable: true });
} catch {
  // A page that froze Navigator.prototype first keeps its own answer; the header is still sent.
}
