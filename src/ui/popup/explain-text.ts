/**
 * The plain-language sentences of an explanation, as pure functions of the report (so they are
 * unit-tested, and "copy this explanation" says exactly what the popup shows).
 */
import type { Flag, PageReport, Reason, ReasonKind, ReportAd } from '../../shared/page-report';
import type { MessageKey } from '../common/i18n';
import { sellerLabel } from './describe';

export type Translate = (key: MessageKey, ...subs: (string | number)[]) => string;

type CreativeLinkKind = NonNullable<ReportAd['creativeLinks']>[number]['kind'];
export const CREATIVE_LINK_KEYS: Record<CreativeLinkKind, MessageKey> = {
  'why-this-ad': 'creativeLinkWhyThisAd',
  adchoices: 'creativeLinkAdChoices',
  disclosure: 'creativeLinkDisclosure',
};

/** [with detail, without detail] per reason kind. */
const REASON_KEYS: Record<ReasonKind, [MessageKey, MessageKey]> = {
  profiling: ['reasonProfiling', 'reasonProfilingPlain'],
  'precise-location': ['reasonPreciseLocation', 'reasonPreciseLocationPlain'],
  'audience-segment': ['reasonAudienceSegment', 'reasonAudienceSegmentPlain'],
  demographic: ['reasonDemographic', 'reasonDemographicPlain'],
  retargeting: ['reasonRetargeting', 'reasonRetargetingPlain'],
  'cross-site-id': ['reasonCrossSiteId', 'reasonCrossSiteIdPlain'],
  location: ['reasonLocation', 'reasonLocationPlain'],
  contextual: ['reasonContextual', 'reasonContextualPlain'],
  'direct-deal': ['reasonDirectDeal', 'reasonDirectDealPlain'],
  auction: ['reasonAuction', 'reasonAuctionPlain'],
  unknown: ['reasonUnknown', 'reasonUnknown'],
};

const BASIS_KEYS: Record<Reason['basis'], MessageKey> = {
  declared: 'basisDeclared',
  observed: 'basisObserved',
  inferred: 'basisInferred',
};

const FLAG_KEYS: Record<string, MessageKey> = {
  'profiling-without-consent': 'flagProfilingWithoutConsent',
  'vendor-without-consent': 'flagVendorWithoutConsent',
  'gpc-not-honoured': 'flagGpcNotHonoured',
  'dsa-info-missing': 'flagDsaInfoMissing',
  'sensitive-category': 'flagSensitiveCategory',
};

const SEVERITY_KEYS: Record<Flag['severity'], MessageKey> = { alert: 'severityAlert', warn: 'severityWarn', info: 'severityInfo' };

export function reasonSentence(t: Translate, reason: Reason): string {
  const [withDetail, plain] = REASON_KEYS[reason.kind];
  return reason.detail ? t(withDetail, reason.detail) : t(plain);
}

export function basisLabel(t: Translate, reason: Reason): string {
  return t(BASIS_KEYS[reason.basis]);
}

export function flagSentence(t: Translate, flag: Flag): string {
  const key = FLAG_KEYS[flag.code];
  return key ? t(key) : flag.code;
}

export function severityLabel(t: Translate, flag: Flag): string {
  return t(SEVERITY_KEYS[flag.severity]);
}

export function advertiserLabel(t: Translate, ad: ReportAd): string {
  const a = ad.advertiser;
  if (!a || (!a.name && !a.domain)) return t('notSaid');
  if (a.name && a.domain) return t('advertiserWithDomain', a.name, a.domain);
  return a.name ?? a.domain ?? '';
}

/** TCF purposes 1–11 in words (the GVL's own names are English only). */
const PURPOSE_KEYS: readonly MessageKey[] = [
  'tcfPurpose1',
  'tcfPurpose2',
  'tcfPurpose3',
  'tcfPurpose4',
  'tcfPurpose5',
  'tcfPurpose6',
  'tcfPurpose7',
  'tcfPurpose8',
  'tcfPurpose9',
  'tcfPurpose10',
  'tcfPurpose11',
];

function purposeList(t: Translate, ids: readonly number[]): string {
  return ids.map((id) => {
    const key = PURPOSE_KEYS[id - 1];
    return key ? t(key) : t('tcfPurposeN', id);
  }).join('; ');
}

/** The page's consent state in sentences: what was agreed to and refused, how many companies, GPC. */
export function consentSentences(t: Translate, consent: PageReport['consent']): string[] {
  const lines: string[] = [];
  const tcf = consent.tcf;
  if (!tcf) lines.push(t('tcfNone'));
  else if (tcf.status === 'no-response') lines.push(t('tcfNoResponse'));
  else if (tcf.status === 'error') lines.push(t('tcfError'));
  else if (tcf.gdprApplies === false) lines.push(t('tcfGdprDoesNotApply'));
  else {
    lines.push(tcf.purposes.consented.length ? t('tcfAgreed', purposeList(t, tcf.purposes.consented)) : t('tcfAgreedNothing'));
    if (tcf.purposes.refused.length) lines.push(t('tcfRefused', purposeList(t, tcf.purposes.refused)));
    lines.push(tcf.specialFeatures.includes(1) ? t('tcfPreciseGeoYes') : t('tcfPreciseGeoNo'));
    lines.push(tcf.vendorsConsented === 1 ? t('tcfVendorsOne') : t('tcfVendorsMany', tcf.vendorsConsented));
  }
  const usnat = consent.gpp?.sections.usnat ?? null;
  const optOut = usnat ? usnat.TargetedAdvertisingOptOut : undefined;
  if (optOut === 1) lines.push(t('gppOptedOut'));
  else if (optOut === 2) lines.push(t('gppNotOptedOut'));
  else if (consent.gpp) lines.push(t('gppPresent', Object.keys(consent.gpp.sections).join(', ') || consent.gpp.applicableSections.join(', ') || '-'));
  if (consent.usp) lines.push(t('uspPresent', consent.usp));
  if (consent.gpc !== null) lines.push(consent.gpc ? t('gpcOn') : t('gpcOff'));
  return lines;
}

/** "Copy this explanation": the ad's explanation as the text the popup shows, in the popup's language. */
export function explanationText(t: Translate, ad: ReportAd, pageUrl: string): string {
  const lines = [t('copyHeading', pageUrl), `${t('labelAdvertiser')}: ${advertiserLabel(t, ad)}`];
  if (ad.paidBy) lines.push(`${t('labelPaidBy')}: ${ad.paidBy}`);
  if (ad.sellers.length) lines.push(`${t('labelServedBy')}: ${ad.sellers.map((s) => sellerLabel(t, s)).join('; ')}`);
  lines.push(`${t('sectionWhy')}:`);
  for (const r of ad.reasons) {
    lines.push(`- ${reasonSentence(t, r)} [${basisLabel(t, r)}]`);
    for (const e of r.evidence) lines.push(`    ${e.source}: ${e.value}`);
  }
  if (ad.flags.length) {
    lines.push(`${t('sectionFlags')}:`);
    for (const f of ad.flags) lines.push(`- ${severityLabel(t, f)}: ${flagSentence(t, f)}`);
  }
  if (ad.creativeLinks?.length) {
    lines.push(`${t('sectionFromTheAd')}:`);
    for (const l of ad.creativeLinks) lines.push(`- ${t(CREATIVE_LINK_KEYS[l.kind])}: ${l.url ?? l.text}`);
  }
  if (ad.optOuts.length) {
    lines.push(`${t('sectionWhatYouCanDo')}:`);
    for (const o of ad.optOuts) lines.push(`- ${o.label}: ${o.url}`);
  }
  return lines.join('\n');
}
