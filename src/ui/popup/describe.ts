/** Plain-language labels for report values. Pure functions of the report, so they are unit-tested. */
import type { AdFormat } from '../../shared/frame-ad';
import type { ReportAd, Seller } from '../../shared/page-report';
import type { MessageKey } from '../common/i18n';

type Translate = (key: MessageKey, ...subs: (string | number)[]) => string;

const FORMAT_KEYS: Record<AdFormat, MessageKey> = {
  display: 'formatDisplay',
  native: 'formatNative',
  video: 'formatVideo',
  'sponsored-post': 'formatSponsoredPost',
  search: 'formatSearch',
};

const DETECTOR_KEYS: Record<string, MessageKey> = {
  gpt: 'detectorGpt',
  safeframe: 'detectorSafeframe',
  adsense: 'detectorAdsense',
  'iab-size': 'detectorIabSize',
  'google-search': 'detectorGoogleSearch',
  taboola: 'detectorTaboola',
  outbrain: 'detectorOutbrain',
  amp: 'detectorAmp',
  amazon: 'detectorAmazon',
  criteo: 'detectorCriteo',
  xandr: 'detectorXandr',
  'aria-label': 'detectorAriaLabel',
  'data-ad': 'detectorDataAd',
  label: 'detectorLabel',
  easylist: 'detectorEasyList',
  prebid: 'detectorPrebid',
};

const ROLE_KEYS: Record<string, MessageKey> = {
  'ad-server': 'roleAdServer',
  network: 'roleNetwork',
  ssp: 'roleSsp',
  dsp: 'roleDsp',
  exchange: 'roleExchange',
  seller: 'roleSeller',
};

export function formatLabel(t: Translate, format: AdFormat): string {
  return t(FORMAT_KEYS[format]);
}

export function detectorLabel(t: Translate, detector: string): string {
  const key = DETECTOR_KEYS[detector];
  return key ? t(key) : detector;
}

export function sizeLabel(t: Translate, ad: ReportAd): string {
  return ad.slot.width && ad.slot.height ? t('sizeValue', ad.slot.width, ad.slot.height) : t('sizeUnknown');
}

export function whereLabel(t: Translate, ad: ReportAd): string {
  if (!ad.slot.frameUrl) return t('whereTop');
  let host = '';
  try {
    host = new URL(ad.slot.frameUrl).host;
  } catch {
    // Not a URL we can parse: said as a frame of the page.
  }
  // about:blank and srcdoc frames have no host: the page wrote them itself.
  return host ? t('whereFrame', host) : t('whereInlineFrame');
}

export function sellerLabel(t: Translate, seller: Seller): string {
  const company = seller.company ?? seller.domain ?? '?';
  const roleKey = seller.role ? ROLE_KEYS[seller.role] : undefined;
  return roleKey ? t('sellerWithRole', company, t(roleKey)) : company;
}

export function countLabel(t: Translate, shown: number): string {
  return shown === 1 ? t('adsCountOne') : t('adsCountMany', shown);
}
