/**
 * Words for the log's codes (reason kinds, flags, consent outcomes, statuses, redactions), as pure
 * functions of a translate function so they are unit-tested. A code we have no words for (a newer
 * record, an imported file) is shown as it is, never dropped.
 */
import type { ReasonKind } from '../../shared/page-report';
import type { LogRedaction } from '../../shared/protocol';
import type { MessageKey } from '../common/i18n';
import type { Translate } from '../popup/explain-text';
import { formatNumber } from './format';

const REASON_WORDS: Record<ReasonKind, MessageKey> = {
  profiling: 'dashReasonProfiling',
  'audience-segment': 'dashReasonAudienceSegment',
  demographic: 'dashReasonDemographic',
  retargeting: 'dashReasonRetargeting',
  'cross-site-id': 'dashReasonCrossSiteId',
  'precise-location': 'dashReasonPreciseLocation',
  location: 'dashReasonLocation',
  contextual: 'dashReasonContextual',
  'direct-deal': 'dashReasonDirectDeal',
  auction: 'dashReasonAuction',
  unknown: 'dashReasonUnknown',
};

/** The flag codes of core/explain/flags.ts (a unit test keeps them the same), without importing the engine here. */
const FLAG_WORDS: Record<string, MessageKey> = {
  'profiling-without-consent': 'dashFlagProfilingWithoutConsent',
  'vendor-without-consent': 'dashFlagVendorWithoutConsent',
  'gpc-not-honoured': 'dashFlagGpcNotHonoured',
  'dsa-info-missing': 'dashFlagDsaInfoMissing',
  'sensitive-category': 'dashFlagSensitiveCategory',
};

export const FLAG_CODES: readonly string[] = Object.keys(FLAG_WORDS);

const CONSENT_WORDS: Record<string, MessageKey> = {
  accepted: 'dashConsentAccepted',
  'partly-refused': 'dashConsentPartlyRefused',
  refused: 'dashConsentRefused',
  'no-answer': 'dashConsentNoAnswer',
  gpp: 'dashConsentGpp',
  'us-privacy': 'dashConsentUsPrivacy',
  none: 'dashConsentNone',
};

const STATUS_WORDS: Record<string, MessageKey> = {
  shown: 'dashStatusShown',
  unfilled: 'dashStatusUnfilled',
  collapsed: 'dashStatusCollapsed',
  all: 'dashStatusAll',
};

const REDACTION_WORDS: Record<LogRedaction, MessageKey> = {
  full: 'dashRedactionFull',
  origin: 'dashRedactionOrigin',
  hash: 'dashRedactionHash',
};

const SEGMENT_KIND_WORDS: Record<string, MessageKey> = {
  'audience-segment': 'dashSegmentKindSegment',
  demographic: 'dashSegmentKindDemographic',
  profiling: 'dashSegmentKindProfiling',
  contextual: 'dashSegmentKindContextual',
  location: 'dashSegmentKindLocation',
  'precise-location': 'dashSegmentKindPreciseLocation',
  other: 'dashSegmentKindOther',
};

const lookup = (t: Translate, table: Record<string, MessageKey>, code: string): string => {
  const key = Object.prototype.hasOwnProperty.call(table, code) ? table[code] : undefined;
  return key ? t(key) : code;
};

export const reasonWord = (t: Translate, kind: string): string => lookup(t, REASON_WORDS, kind);
export const flagWord = (t: Translate, code: string): string => lookup(t, FLAG_WORDS, code);
export const consentWord = (t: Translate, outcome: string): string => lookup(t, CONSENT_WORDS, outcome);
export const statusWord = (t: Translate, status: string): string => lookup(t, STATUS_WORDS, status);
export const redactionWord = (t: Translate, redaction: string): string => lookup(t, REDACTION_WORDS, redaction);
export const segmentKindWord = (t: Translate, kind: string): string => lookup(t, SEGMENT_KIND_WORDS, kind);

/** An advertiser as the table says it: "unknown" when the ad tech named none. */
export const advertiserWord = (t: Translate, advertiser: string): string => advertiser || t('dashUnknownAdvertiser');

const COUNT_WORDS: Record<'ads' | 'pages' | 'records' | 'slots', [MessageKey, MessageKey]> = {
  ads: ['dashNAdsOne', 'dashNAdsMany'],
  pages: ['dashNPagesOne', 'dashNPagesMany'],
  records: ['dashNRecordsOne', 'dashNRecordsMany'],
  slots: ['dashNSlotsOne', 'dashNSlotsMany'],
};

/** "1 ad", "3 ads" (the number formatted for the language): English and Dutch both have one and many. */
export function countWords(t: Translate, what: keyof typeof COUNT_WORDS, n: number, language: string): string {
  const [one, many] = COUNT_WORDS[what];
  return n === 1 ? t(one) : t(many, formatNumber(n, language));
}
