import { array, int, literal, object, optional, str, type Validator } from './validate';

/** Caps on what one frame may report; anything beyond them is page data we refuse to keep. */
export const LIMITS = {
  adsPerFrame: 200,
  idLength: 200,
  selectorLength: 300,
  urlLength: 2048,
  detectors: 16,
  labelLength: 40,
} as const;

export const AD_STATUSES = ['shown', 'unfilled', 'collapsed'] as const;
export const AD_FORMATS = ['display', 'native', 'video', 'sponsored-post', 'search'] as const;
export const DETECTORS = [
  'gpt',
  'safeframe',
  'adsense',
  'iab-size',
  'google-search',
  'taboola',
  'outbrain',
  'amp',
  'amazon',
  'criteo',
  'xandr',
  'aria-label',
  'data-ad',
  'label',
  'easylist',
  'prebid',
] as const;

export type AdStatus = (typeof AD_STATUSES)[number];
export type AdFormat = (typeof AD_FORMATS)[number];
export type Detector = (typeof DETECTORS)[number];

/** One ad slot as a frame's content script classified it: plain data, no prose. */
export interface FrameAd {
  /** Frame-local id, stable while the element lives, used to show the ad on the page. */
  key: string;
  status: AdStatus;
  format: AdFormat;
  detectedBy: Detector[];
  width: number;
  height: number;
  elementId?: string;
  selector?: string;
  /** Google Ad Manager ad unit path, e.g. "/21871422770/DC_Rright1". */
  adUnitPath?: string;
  /** AdSense publisher id, e.g. "ca-pub-123". */
  adClient?: string;
  /** The src of the ad's iframe, so the background can tie the creative frame to this slot. */
  frameSrc?: string;
  /** The label that marked it as an ad ("Sponsored", "Gesponsord"…), as the page wrote it. */
  label?: string;
}

export const frameAdValidator: Validator<FrameAd> = object({
  key: str(32),
  status: literal(...AD_STATUSES),
  format: literal(...AD_FORMATS),
  detectedBy: array(literal(...DETECTORS), LIMITS.detectors),
  width: int(0, 100_000),
  height: int(0, 100_000),
  elementId: optional(str(LIMITS.idLength)),
  selector: optional(str(LIMITS.selectorLength)),
  adUnitPath: optional(str(LIMITS.idLength)),
  adClient: optional(str(LIMITS.idLength)),
  frameSrc: optional(str(LIMITS.urlLength)),
  label: optional(str(LIMITS.labelLength)),
}) as Validator<FrameAd>;
