/**
 * The isolated-world content script, in every frame at document_start. Most frames on a page
 * with ads are the creatives inside ads already counted in their parent frame; in those it stops
 * here, before the rest of the script is even initialised (the bundler keeps a dynamically
 * imported module's code uninitialised until the import runs).
 */
import { isCreativeFrame } from './frame-role';

if (!isCreativeFrame()) {
  void import('./main').then(({ main }) => main());
}
