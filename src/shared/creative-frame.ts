/**
 * GPT and AdSense name the frames they render creatives into; a frame can read its own name even
 * across origins. Such a frame is an ad already counted in its parent.
 */
export const CREATIVE_FRAME_NAME = /^(google_ads_iframe_|aswift_)/;
