/** Whether this frame is the creative inside an ad we already count in the parent frame. */
import { CREATIVE_FRAME_NAME } from '../shared/creative-frame';

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
