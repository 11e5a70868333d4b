/**
 * Whether this frame is the creative inside an ad we already count in the parent frame. GPT and
 * AdSense name their iframes, and a frame can read its own name even across origins.
 */
const CREATIVE_FRAME_NAME = /^(google_ads_iframe_|aswift_)/;

export function isCreativeFrame(): boolean {
  if (window === window.top) return false;
  try {
    if (CREATIVE_FRAME_NAME.test(window.name)) return true;
  } catch {
    // Reading the name never throws in practice; if it does, treat the frame as a page.
  }
  try {
    const owner = window.frameElement;
    return owner !== null && CREATIVE_FRAME_NAME.test(owner.id);
  } catch {
    return false; // cross-origin: frameElement is not ours to read
  }
}
