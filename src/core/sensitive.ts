/**
 * Which IAB taxonomy entries touch a "special category" of personal data: the kinds GDPR Art. 9
 * protects and DSA Art. 26(3) forbids online platforms to use for profiling-based ads.
 *
 * The classification is a curated list of tier paths per taxonomy, not a keyword match: "Rugby
 * Union" is no trade union and "Genetics" (a science topic) says nothing about anyone's genes.
 * The most specific matching path wins, so a branch can be marked and an entry inside it excepted.
 *
 * What the mark means: the entry is *about* that category. Whether a person was profiled with it
 * depends on where it appears (a segment in `user.data` describes the person; `site.cat` describes
 * the page, which is contextual) and is decided by whoever reads the mark.
 *
 * Judgement calls, so that a reviewer can disagree with them one by one:
 * - Health is read broadly, as the CJEU did (C-184/20 OT: data that reveal a special category
 *   indirectly count; C-21/23 Lindenapotheke: orders of pharmacy products are health data even when
 *   the buyer may not be the patient). So interest in or intent to buy medical services, drugs,
 *   treatments and named conditions is health; so are men's, women's, children's and senior health,
 *   weight loss, smoking cessation, physical therapy, alternative medicine and food allergies.
 * - Not health: "Healthy Living" itself, fitness and exercise, running, nutrition, "Wellness"
 *   itself, fitness apps, gyms; academic or industry interest (medicine as a subject of study, the
 *   pharmaceutical industry); buying medical insurance (says nothing about one's health); Audience
 *   1.1 "Disabled Sports" (a spectator interest, not a disability).
 * - Religion: Religion & Spirituality and everything under it except Astrology (horoscopes are
 *   entertainment, not a belief system people are protected for); religious music and events;
 *   buying religious items. Not religion: vegetarian/vegan diets, "Ethnic" grocery aisles
 *   (including "Matzoh Food"): a grocery category is too weak a proxy to warn about.
 * - Politics: the Politics branches (elections, political issues, civic affairs) and political
 *   events; also "(Debated) Sensitive Social Issues", the brand-safety class for abortion, gun
 *   control, LGBTQ+ rights and the like, which are matters of political opinion. Not politics:
 *   general news, law, crime, and "War and Conflicts".
 * - Sex life: sexual health and "Adult & Explicit Sexual Content" (an interest in it is data about
 *   a person's sex life). Reproductive health (birth control, pregnancy, infertility) stays health.
 * - Not special categories at all: age, gender, income, marital status, language, education,
 *   employment (GDPR does not list them, however personal they feel); "Dating"; the brand-safety
 *   classes for violence, drugs, weapons, piracy, hate speech.
 * - Ethnicity, sexual orientation and trade-union membership have no entry in Audience 1.1 or
 *   Content 2.2/3.1; only Content 1.0 has "Gay Life" and "Ethnic Specific". Genetic and biometric
 *   data have no entry anywhere; the category exists for vendors' own segments.
 */
export type SensitiveCategory =
  | 'health'
  | 'religion'
  | 'politics'
  | 'sexual-orientation'
  | 'ethnicity'
  | 'trade-union'
  | 'genetic-biometric'
  | 'sex-life';

export const SENSITIVE_CATEGORIES: readonly SensitiveCategory[] = [
  'health',
  'religion',
  'politics',
  'sexual-orientation',
  'ethnicity',
  'trade-union',
  'genetic-biometric',
  'sex-life',
];

/** A tier path written as the taxonomy does ("A > B > C") and what it and its descendants are; `null` excepts a sub-branch. */
export type SensitivePathRule = readonly [path: string, category: SensitiveCategory | null];

/** Health branches shared, with the same paths, by Audience 1.1 (under "Interest") and Content 2.2 / 3.1. */
const HEALTHY_LIVING_HEALTH = [
  "Healthy Living > Children's Health",
  "Healthy Living > Men's Health",
  'Healthy Living > Senior Health',
  "Healthy Living > Women's Health",
  'Healthy Living > Weight Loss',
  'Healthy Living > Wellness > Alternative Medicine',
  'Healthy Living > Wellness > Physical Therapy',
  'Healthy Living > Wellness > Smoking Cessation',
] as const;

// Audience 1.1 writes its tier 1 as "Purchase Intent*"; the taxonomy builder drops the footnote asterisk.
const AUDIENCE_1_1: readonly SensitivePathRule[] = [
  ['Interest > Health and Medical Services', 'health'],
  ['Interest > Medical Health', 'health'],
  ['Interest > Pharmaceuticals, Conditions, and Symptoms', 'health'],
  ...HEALTHY_LIVING_HEALTH.map((p): SensitivePathRule => [`Interest > ${p}`, 'health']),
  ['Interest > Food & Drink > Food Allergies', 'health'],
  ['Purchase Intent > Health and Medical Services', 'health'],
  ['Purchase Intent > Pharmaceuticals, Conditions, and Symptoms', 'health'],
  ['Purchase Intent > Apps > Medical Apps', 'health'],
  ['Interest > Music and Audio > Religious (Music and Audio)', 'religion'],
  ['Purchase Intent > Consumer Packaged Goods > Non-edible > Religious Items', 'religion'],
  ['Interest > News and Politics > Politics', 'politics'],
  ['Interest > News and Politics > Politics > War and Conflicts', null],
];

const CONTENT_COMMON: readonly SensitivePathRule[] = [
  ['Medical Health', 'health'],
  ['Medical Health > Diseases and Conditions > Sexual Health', 'sex-life'],
  ...HEALTHY_LIVING_HEALTH.map((p): SensitivePathRule => [p, 'health']),
  ['Food & Drink > Food Allergies', 'health'],
  ['Family and Relationships > Parenting > Special Needs Kids', 'health'],
  ['Religion & Spirituality', 'religion'],
  ['Religion & Spirituality > Astrology', null],
  ['Sensitive Topics > Adult & Explicit Sexual Content', 'sex-life'],
];

const CONTENT_2_2: readonly SensitivePathRule[] = [
  ...CONTENT_COMMON,
  ['Music and Audio > Religious (Music and Audio)', 'religion'],
  ['Events and Attractions > Religious Events', 'religion'],
  ['News and Politics > Politics', 'politics'],
  ['News and Politics > Politics > War and Conflicts', null],
  ['Events and Attractions > Political Event', 'politics'],
  ['Sensitive Topics > Sensitive Social Issues', 'politics'],
];

const CONTENT_3_1: readonly SensitivePathRule[] = [
  ...CONTENT_COMMON,
  ['Entertainment > Music > Religious (Music and Audio)', 'religion'],
  ['Politics', 'politics'],
  ['Sensitive Topics > Debated Sensitive Social Issues', 'politics'],
];

/** Rules by the taxonomy whose table we bundle (segtax/cattax 7, Content 3.0, is read with 3.1's table). */
export const SENSITIVE_PATH_RULES: Readonly<Record<4 | 6 | 9, readonly SensitivePathRule[]>> = {
  4: AUDIENCE_1_1,
  6: CONTENT_2_2,
  9: CONTENT_3_1,
};

/**
 * Content Category Taxonomy 1.0 (cattax 1) is classified by id. A tier-2 id ("IAB7-3") takes its
 * own rule if it has one, else its tier 1's. Tier 1s: Health & Fitness is health (nearly all of
 * its 45 children are conditions and treatments; Exercise and Nutrition are excepted); Religion &
 * Spirituality is religion. "Law, Gov't & Politics" is not marked as a whole: four of its five
 * children are law, immigration, government resources and commentary, so only IAB11-4 Politics
 * is (the same choice as for "News and Politics" in Content 2.x). "Non-Standard Content" (IAB25)
 * and "Illegal Content" (IAB26) are brand-safety classes, not special categories; only
 * IAB25-3 Pornography is marked, as sex life, matching "Adult & Explicit Sexual Content" above.
 */
export const SENSITIVE_IAB1_IDS: Readonly<Record<string, SensitiveCategory | null>> = {
  IAB7: 'health',
  'IAB7-1': null,
  'IAB7-32': null,
  'IAB7-39': 'sex-life',
  IAB23: 'religion',
  'IAB6-7': 'health',
  'IAB6-8': 'health',
  'IAB8-10': 'health',
  'IAB11-4': 'politics',
  'IAB14-3': 'sexual-orientation',
  'IAB14-8': 'ethnicity',
  'IAB25-3': 'sex-life',
};

const PATH_SEPARATOR = ' > ';

function startsWithPath(path: readonly string[], prefix: readonly string[]): boolean {
  if (prefix.length > path.length) return false;
  return prefix.every((segment, i) => path[i] === segment);
}

function classifyByPath(rules: readonly SensitivePathRule[], path: readonly string[]): SensitiveCategory | null {
  let best: SensitiveCategory | null = null;
  let bestLength = 0;
  for (const [rulePath, category] of rules) {
    const prefix = rulePath.split(PATH_SEPARATOR);
    if (prefix.length > bestLength && startsWithPath(path, prefix)) {
      best = category;
      bestLength = prefix.length;
    }
  }
  return best;
}

function classifyIab1(id: string): SensitiveCategory | null {
  if (Object.hasOwn(SENSITIVE_IAB1_IDS, id)) return SENSITIVE_IAB1_IDS[id] ?? null;
  const tier1 = id.split('-')[0] ?? '';
  return Object.hasOwn(SENSITIVE_IAB1_IDS, tier1) ? (SENSITIVE_IAB1_IDS[tier1] ?? null) : null;
}

/**
 * The special category an entry is about, or null. `path` is the entry's tier path as the
 * taxonomy module returns it; `id` is used only for Content 1.0, whose table has no paths here.
 * Taxonomies without rules (vendor ones, Ad Product) are never marked: we cannot read them.
 */
export function classifySensitive(tax: number, id: string, path: readonly string[]): SensitiveCategory | null {
  switch (tax) {
    case 1:
      return classifyIab1(id);
    case 4:
    case 6:
    case 9:
      return classifyByPath(SENSITIVE_PATH_RULES[tax], path);
    case 7:
      return classifyByPath(SENSITIVE_PATH_RULES[9], path);
    default:
      return null;
  }
}
