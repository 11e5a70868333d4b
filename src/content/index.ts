/**
 * The isolated-world content script, in every frame at document_start. Most frames on a page
 * with ads are the creatives inside ads already counted in their parent frame; in those it does
 * nothing more. (A lazily initialised dynamic import was tried to skip even the modules'
 * initialisation there: the extra parsing cost more than it saved, by `npm run bench`.)
 */
import { isCreativeFrame } from './frame-role';
import { main } from './main';

if (!isCreativeFrame()) main();
