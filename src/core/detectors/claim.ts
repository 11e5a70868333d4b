/** What a detector says about one element: this is (part of) an ad, found this way. */
import type { AdFormat, AdStatus, Detector } from '../../shared/frame-ad';
import type { ElementRecord } from '../element-record';

export interface Claim {
  root: ElementRecord;
  detectedBy: Detector[];
  status: AdStatus;
  format: AdFormat;
  width: number;
  height: number;
  /**
   * A weak claim marks a region (aria-label="Advertisement", data-ad-* attributes) that is an ad
   * only when it holds at most one other ad; a region around several ads is a sidebar, not an ad.
   */
  weak?: boolean;
  adUnitPath?: string;
  adClient?: string;
  frameSrc?: string;
  label?: string;
}

export type DetectorRule = (tree: import('./record-tree').RecordTree) => Claim[];
