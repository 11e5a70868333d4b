/**
 * The isolated-world content script, in every frame at document_start. Most frames on a page
 * with ads are the creatives inside ads already counted in their parent frame; in those it only
 * reads the creative once after load (AdChoices and click links, DSA parameters), nothing more.
 * (A lazily initialised dynamic import was tried to skip even the modules' initialisation there:
 * the extra parsing cost more than it saved, by `npm run bench`.)
 */
import { watchCreative } from './creative';
import { isCreativeFrame } from './frame-role';
import { main } from './main';

if (isCreativeFrame()) watchCreative();
else {
  main();
  // Any subframe may be an ad's creative too (a SafeFrame, an SSP's own frame, a frame nested in a
  // creative): the background keeps what it says only for frames it ties to an ad.
  if (window !== window.top) watchCreative();
}
