/**
 * Where a person can switch off (or look into) the ads a company shows them: a curated directory,
 * each URL with the place it was found and how sure we are of it.
 *
 * Confidence:
 * - `verified`: ad-signals.md marks the URL [V], or the page itself was read (the company's own
 *   site, in a stored copy) and it is what the label says;
 * - `partial`: ad-signals marks it [P] (seen in the wild, several sources), or the page was read
 *   only in an older or third-party copy;
 * - `unverified`: a single weak source; the UI should say the link may have moved.
 * Sources are shared/reference/ad-signals.md (§5, §8.1, §8.2), the TCF vendor list snapshot
 * (shared/data/tcf/vendor-list-v2.2.json, 2023) for privacy-policy URLs, and the companies' pages.
 *
 * Every URL here must pass `safeLink` (test/unit/opt-outs.test.ts): the allow-list is built from it.
 */
import type { CompanyId } from './companies';

export type OptOutKind = 'ad-settings' | 'opt-out' | 'privacy-policy' | 'ad-library' | 'programme';

export interface OptOut {
  id: string;
  /** A company id from companies.ts, or for a programme the organisation that runs it ('edaa', 'daa', 'nai'). */
  company: string;
  /** A Chrome i18n message key in public/_locales. */
  labelKey: string;
  url: string;
  kind: OptOutKind;
  source: string;
  confidence: 'verified' | 'partial' | 'unverified';
}

type CompanyOptOut = OptOut & { company: CompanyId };

const GVL = 'TCF vendor list v2.2 snapshot (2023-06-29)';

/** Company entries, each company's entries in the order we want them shown: settings before policies. */
export const COMPANY_OPT_OUTS: readonly CompanyOptOut[] = [
  { id: 'google-my-ad-center', company: 'google', labelKey: 'optOutGoogleMyAdCenter', url: 'https://myadcenter.google.com/', kind: 'ad-settings', source: 'ad-signals.md §8.1, §5.1', confidence: 'verified' },
  { id: 'google-personalisation-off', company: 'google', labelKey: 'optOutGooglePersonalisationOff', url: 'https://myadcenter.google.com/personalizationoff', kind: 'opt-out', source: 'ad-signals.md §8.1', confidence: 'verified' },
  { id: 'google-partner-ads', company: 'google', labelKey: 'optOutGooglePartnerAds', url: 'https://adssettings.google.com/partnerads', kind: 'ad-settings', source: 'ad-signals.md §8.1; Google help "How personalized ads work" names the "Partner ad settings"', confidence: 'partial' },
  { id: 'google-ads-transparency', company: 'google', labelKey: 'optOutGoogleAdsTransparency', url: 'https://adstransparency.google.com/', kind: 'ad-library', source: 'ad-signals.md §8.2, §5.8', confidence: 'partial' },

  { id: 'meta-ad-preferences', company: 'meta', labelKey: 'optOutMetaAdPreferences', url: 'https://accountscenter.facebook.com/ad_preferences', kind: 'ad-settings', source: 'ad-signals.md §8.1, §5.8', confidence: 'partial' },
  { id: 'meta-partner-data', company: 'meta', labelKey: 'optOutMetaPartnerData', url: 'https://accountscenter.facebook.com/ad_preferences/ad_settings/data_from_partners', kind: 'opt-out', source: 'ad-signals.md §8.1, §5.8', confidence: 'partial' },
  { id: 'meta-ad-library', company: 'meta', labelKey: 'optOutMetaAdLibrary', url: 'https://www.facebook.com/ads/library/', kind: 'ad-library', source: 'ad-signals.md §8.2, §5.8', confidence: 'partial' },

  { id: 'amazon-ad-preferences', company: 'amazon', labelKey: 'optOutAmazonAdPreferences', url: 'https://www.amazon.com/adprefs', kind: 'opt-out', source: 'ad-signals.md §8.1, §5.6 (the amazon.com footer link "Your Ads Privacy Choices")', confidence: 'partial' },
  // Amazon keeps ad preferences per store. amazon.de/adprefs is linked, as the Amazon opt-out,
  // from publishers' privacy policies in four languages; no amazon.nl/adprefs link was found in a
  // source we trust, so the Dutch store is left out rather than guessed.
  { id: 'amazon-de-ad-preferences', company: 'amazon', labelKey: 'optOutAmazonDeAdPreferences', url: 'https://www.amazon.de/adprefs', kind: 'opt-out', source: 'publishers\' privacy policies linking "https://www.amazon.de/adprefs" (code search)', confidence: 'partial' },

  { id: 'microsoft-ad-settings', company: 'microsoft', labelKey: 'optOutMicrosoftAdSettings', url: 'https://account.microsoft.com/privacy/ad-settings', kind: 'ad-settings', source: 'ad-signals.md §8.1, §5.7', confidence: 'partial' },
  { id: 'microsoft-ad-library', company: 'microsoft', labelKey: 'optOutMicrosoftAdLibrary', url: 'https://adlibrary.ads.microsoft.com/', kind: 'ad-library', source: 'ad-signals.md §8.2; Microsoft Advertising help "About the Ad Library"', confidence: 'partial' },

  // Partial although the page was read: it is from June 2023, and Microsoft has since wound down
  // parts of Xandr (ad-signals §5.7), so the page may now redirect.
  { id: 'xandr-platform-privacy', company: 'xandr', labelKey: 'optOutXandrPrivacy', url: 'https://www.xandr.com/privacy/platform-privacy-policy/', kind: 'privacy-policy', source: `ad-signals.md §8.1, §5.7; the page itself (last modified 2023-06-01); ${GVL}, vendor 32`, confidence: 'partial' },

  { id: 'x-ads-preferences', company: 'x', labelKey: 'optOutXAdsPreferences', url: 'https://x.com/settings/ads_preferences', kind: 'ad-settings', source: 'ad-signals.md §8.1, §5.8', confidence: 'partial' },
  { id: 'x-off-x-activity', company: 'x', labelKey: 'optOutXOffXActivity', url: 'https://x.com/settings/off_twitter_activity', kind: 'opt-out', source: 'ad-signals.md §8.1, §5.8', confidence: 'partial' },

  { id: 'linkedin-ad-settings', company: 'linkedin', labelKey: 'optOutLinkedInAdSettings', url: 'https://www.linkedin.com/psettings/advertising', kind: 'ad-settings', source: 'ad-signals.md §8.1, §5.8', confidence: 'partial' },
  { id: 'linkedin-ad-library', company: 'linkedin', labelKey: 'optOutLinkedInAdLibrary', url: 'https://www.linkedin.com/ad-library/', kind: 'ad-library', source: 'ad-signals.md §8.2, §5.8', confidence: 'partial' },

  { id: 'tiktok-ad-settings', company: 'tiktok', labelKey: 'optOutTikTokAdSettings', url: 'https://www.tiktok.com/setting/ads', kind: 'ad-settings', source: 'ad-signals.md §8.1 ("P, low"; §10 item 4)', confidence: 'unverified' },
  { id: 'tiktok-ad-library', company: 'tiktok', labelKey: 'optOutTikTokAdLibrary', url: 'https://library.tiktok.com/ads', kind: 'ad-library', source: 'ad-signals.md §8.2, §5.8', confidence: 'partial' },

  { id: 'reddit-privacy-settings', company: 'reddit', labelKey: 'optOutRedditPrivacySettings', url: 'https://www.reddit.com/settings/privacy', kind: 'ad-settings', source: 'ad-signals.md §8.1 ("P, low"; §10 item 4)', confidence: 'unverified' },

  { id: 'pinterest-ad-settings', company: 'pinterest', labelKey: 'optOutPinterestAdSettings', url: 'https://help.pinterest.com/en/article/your-privacy-and-data-settings', kind: 'ad-settings', source: 'Pinterest Help "Your privacy and data settings" (the page itself)', confidence: 'verified' },

  { id: 'snap-ad-preferences', company: 'snap', labelKey: 'optOutSnapAdPreferences', url: 'https://help.snapchat.com/hc/en-gb/articles/7012345515796-How-do-I-change-my-advertising-and-interest-preferences-on-Snapchat', kind: 'ad-settings', source: 'Snapchat Support article (the page itself)', confidence: 'verified' },

  { id: 'criteo-opt-out', company: 'criteo', labelKey: 'optOutCriteoOptOut', url: 'https://www.criteo.com/privacy/disable-criteo-services-on-internet-browsers/', kind: 'opt-out', source: 'ad-signals.md §8.1, §5.3; Criteo\'s "disable on mobile applications" page points to it', confidence: 'partial' },
  { id: 'criteo-privacy', company: 'criteo', labelKey: 'optOutCriteoPrivacy', url: 'https://www.criteo.com/privacy/', kind: 'privacy-policy', source: 'Criteo privacy policy (the page itself, with its "disable the display of Criteo ads" control)', confidence: 'verified' },

  { id: 'taboola-privacy', company: 'taboola', labelKey: 'optOutTaboolaPrivacy', url: 'https://www.taboola.com/policies/privacy-policy', kind: 'privacy-policy', source: 'ad-signals.md §8.1, §5.4 (opt-out section inside)', confidence: 'partial' },

  { id: 'outbrain-privacy', company: 'outbrain', labelKey: 'optOutOutbrainPrivacy', url: 'https://www.outbrain.com/privacy', kind: 'privacy-policy', source: `${GVL}, vendor 164`, confidence: 'partial' },

  { id: 'teads-privacy', company: 'teads', labelKey: 'optOutTeadsPrivacy', url: 'https://privacy-policy.teads.com/', kind: 'privacy-policy', source: 'Teads User Privacy Policy (the page itself: "about this ad" and your rights)', confidence: 'verified' },

  { id: 'thetradedesk-privacy', company: 'thetradedesk', labelKey: 'optOutTradeDeskPrivacy', url: 'https://www.thetradedesk.com/us/privacy', kind: 'privacy-policy', source: `The Trade Desk platform privacy page (the page itself, 2024-11); ${GVL}, vendor 21`, confidence: 'verified' },

  { id: 'magnite-opt-out', company: 'magnite', labelKey: 'optOutMagniteOptOut', url: 'https://www.magnite.com/legal/user-choice-portal/', kind: 'opt-out', source: 'Magnite User Choice Portal (the page itself, 2025-07)', confidence: 'verified' },

  { id: 'pubmatic-opt-out', company: 'pubmatic', labelKey: 'optOutPubMaticOptOut', url: 'https://pubmatic.com/legal/opt-out/', kind: 'opt-out', source: 'named as the opt-out page in PubMatic\'s Platform Privacy Policy (2024-11)', confidence: 'verified' },

  { id: 'indexexchange-privacy', company: 'indexexchange', labelKey: 'optOutIndexExchangePrivacy', url: 'https://www.indexexchange.com/privacy/exchange-platform-privacy-policy/', kind: 'privacy-policy', source: 'Index Exchange Exchange Platform Privacy Policy (the page itself, 2024-05)', confidence: 'verified' },

  { id: 'openx-privacy', company: 'openx', labelKey: 'optOutOpenXPrivacy', url: 'https://www.openx.com/legal/privacy-policy', kind: 'privacy-policy', source: 'OpenX Ad Exchange Privacy Policy (2024-10, read in a third-party copy)', confidence: 'partial' },

  { id: 'yahoo-choices', company: 'yahoo', labelKey: 'optOutYahooChoices', url: 'https://legal.yahoo.com/us/en/yahoo/privacy/topics/aboutyourchoices/index.html', kind: 'privacy-policy', source: 'Yahoo "About Your Choices" (read in a third-party copy)', confidence: 'partial' },

  { id: 'quantcast-opt-out', company: 'quantcast', labelKey: 'optOutQuantcastOptOut', url: 'https://www.quantcast.com/opt-out/', kind: 'opt-out', source: 'Quantcast opt-out page (the page itself)', confidence: 'verified' },

  { id: 'liveramp-choices', company: 'liveramp', labelKey: 'optOutLiveRampChoices', url: 'https://liveramp.com/privacy/my-privacy-choices/', kind: 'opt-out', source: 'LiveRamp "My privacy choices" (read in a third-party copy)', confidence: 'partial' },
  { id: 'liveramp-privacy', company: 'liveramp', labelKey: 'optOutLiveRampPrivacy', url: 'https://liveramp.com/privacy/service-privacy-policy/', kind: 'privacy-policy', source: 'LiveRamp Service Privacy Policy (the page itself)', confidence: 'verified' },

  { id: 'id5-privacy', company: 'id5', labelKey: 'optOutId5Privacy', url: 'https://id5.io/platform-privacy-policy/', kind: 'privacy-policy', source: 'ID5 Platform Privacy Policy (the page itself, 2025-07; links its Privacy Preference Center)', confidence: 'verified' },

  { id: 'lotame-privacy', company: 'lotame', labelKey: 'optOutLotamePrivacy', url: 'https://www.lotame.com/privacy/privacy-notices/services', kind: 'privacy-policy', source: 'Lotame Services Privacy Notice (2023-12, read in a third-party copy)', confidence: 'partial' },

  { id: 'adroll-trust-center', company: 'adroll', labelKey: 'optOutAdRollTrustCenter', url: 'https://www.nextroll.com/trust-center', kind: 'privacy-policy', source: 'NextRoll Trust Center (the page itself, "How to Opt Out")', confidence: 'verified' },

  // Privacy policies of bidders from the TCF vendor list: stale (2023) but from the companies
  // themselves, and better than no link when one of them bid on the ad.
  { id: 'equativ-privacy', company: 'equativ', labelKey: 'optOutEquativPrivacy', url: 'https://smartadserver.com/end-user-privacy-policy/', kind: 'privacy-policy', source: `${GVL}, vendor 45`, confidence: 'partial' },
  { id: 'improvedigital-privacy', company: 'improvedigital', labelKey: 'optOutImproveDigitalPrivacy', url: 'https://www.improvedigital.com/platform-privacy-policy', kind: 'privacy-policy', source: `${GVL}, vendor 253`, confidence: 'partial' },
  { id: 'gumgum-privacy', company: 'gumgum', labelKey: 'optOutGumGumPrivacy', url: 'https://www.gumgum.com/terms-and-policies/privacy-policy', kind: 'privacy-policy', source: `${GVL}, vendor 61`, confidence: 'partial' },
  { id: 'onetag-privacy', company: 'onetag', labelKey: 'optOutOneTagPrivacy', url: 'https://www.onetag.com/privacy/', kind: 'privacy-policy', source: `${GVL}, vendor 241`, confidence: 'partial' },
  { id: 'richaudience-privacy', company: 'richaudience', labelKey: 'optOutRichAudiencePrivacy', url: 'https://richaudience.com/en/privacy/', kind: 'privacy-policy', source: `${GVL}, vendor 108`, confidence: 'partial' },
];

/** Industry opt-out programmes: one visit reaches every member company that honours it. */
export const PROGRAMMES = {
  edaa: { id: 'edaa-youronlinechoices', company: 'edaa', labelKey: 'optOutEdaaYourOnlineChoices', url: 'https://www.youronlinechoices.eu/', kind: 'programme', source: 'ad-signals.md §8.1, §5.2 (country chooser)', confidence: 'partial' },
  edaaNl: { id: 'edaa-youronlinechoices-nl', company: 'edaa', labelKey: 'optOutEdaaYourOnlineChoicesNl', url: 'https://www.youronlinechoices.com/nl/', kind: 'programme', source: 'ad-signals.md §8.1; linked from Dutch privacy statements (code search)', confidence: 'partial' },
  daa: { id: 'daa-webchoices', company: 'daa', labelKey: 'optOutDaaWebChoices', url: 'https://optout.aboutads.info/', kind: 'programme', source: 'ad-signals.md §8.1, §5.2', confidence: 'partial' },
  nai: { id: 'nai-opt-out', company: 'nai', labelKey: 'optOutNaiOptOut', url: 'https://optout.networkadvertising.org/', kind: 'programme', source: 'ad-signals.md §8.1', confidence: 'partial' },
} as const satisfies Record<string, OptOut>;

/** Every entry of the directory, companies then programmes: the allow-list is built from this. */
export const OPT_OUTS: readonly OptOut[] = [...COMPANY_OPT_OUTS, ...Object.values(PROGRAMMES)];

/**
 * The programmes for a UI locale ("nl", "en-GB", "en-US"), best first.
 * - Dutch: the Dutch Your Online Choices pages list the companies active in the Netherlands, in
 *   Dutch; the EU country chooser follows for Dutch speakers elsewhere (Belgium). The US
 *   programmes are left out: their members' EU opt-outs already run through EDAA.
 * - en-US: the US self-regulation programmes (DAA WebChoices, NAI) first, EDAA last.
 * - any other locale: the locale does not tell us the country, and most of our users are in the
 *   EU, so EDAA's country chooser first, then DAA and NAI, which also set opt-out cookies for
 *   their members wherever the browser is.
 */
export function programmesFor(locale: string): OptOut[] {
  const [language = '', region = ''] = locale.trim().toLowerCase().split(/[-_]/);
  if (language === 'nl') return [PROGRAMMES.edaaNl, PROGRAMMES.edaa];
  if (language === 'en' && region === 'us') return [PROGRAMMES.daa, PROGRAMMES.nai, PROGRAMMES.edaa];
  return [PROGRAMMES.edaa, PROGRAMMES.daa, PROGRAMMES.nai];
}

/**
 * The opt-outs for the companies behind an ad: each company's own entries (in the order the
 * companies are given, which is the order the report lists them), then the programmes, without
 * duplicates. Unknown company ids are skipped: the programmes still cover them.
 */
export function optOutsFor(query: { companies: readonly string[]; locale: string }): OptOut[] {
  const own = [...new Set(query.companies)].flatMap((company) => COMPANY_OPT_OUTS.filter((o) => o.company === company));
  const seen = new Set<string>();
  return [...own, ...programmesFor(query.locale)].filter((o) => {
    if (seen.has(o.id) || seen.has(o.url)) return false;
    seen.add(o.id).add(o.url);
    return true;
  });
}
