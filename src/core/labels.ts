/**
 * The words sites use to label ads, by language. A post or result carrying one of them as a label
 * of its own (a short element whose whole visible text is the word) is an ad. Matching is on the
 * whole label, never on a word inside running text, so an article about advertising is no ad.
 */
export type LabelLanguage = 'en' | 'nl' | 'de' | 'fr' | 'es';

const LABELS: Record<LabelLanguage, readonly string[]> = {
  en: ['sponsored', 'promoted', 'ad', 'ads', 'advertisement', 'sponsored post', 'promoted post', 'paid partnership', 'sponsored content'],
  nl: ['gesponsord', 'gesponsorde inhoud', 'advertentie', 'advertenties', 'gepromoot', 'reclame', 'betaald partnerschap'],
  de: ['anzeige', 'anzeigen', 'gesponsert', 'werbung', 'gesponserter beitrag', 'bezahlte partnerschaft'],
  fr: ['sponsorisé', 'sponsorisée', 'publicité', 'annonce', 'contenu sponsorisé', 'partenariat rémunéré'],
  es: ['patrocinado', 'patrocinada', 'publicidad', 'anuncio', 'promocionado', 'contenido patrocinado', 'colaboración pagada'],
};

/** Words that label a whole region as an ad when they are its accessible name (aria-label). */
const REGION_LABELS = new Set(['advertisement', 'advertisements', 'ad', 'ads', 'advertentie', 'advertenties', 'reclame', 'anzeige', 'werbung', 'publicité', 'publicidad', 'anuncio', 'sponsored', 'gesponsord', 'gesponsert', 'sponsorisé', 'patrocinado']);

/**
 * Built on first use, not when the script starts: the content script starts in every frame,
 * and most frames (ads' creatives) never look at a label.
 */
let byWord: Map<string, LabelLanguage> | null = null;
function labelWords(): Map<string, LabelLanguage> {
  if (!byWord) {
    byWord = new Map();
    for (const [lang, words] of Object.entries(LABELS) as [LabelLanguage, readonly string[]][]) {
      for (const w of words) if (!byWord.has(w)) byWord.set(w, lang);
    }
  }
  return byWord;
}

/**
 * The longest label, in characters ("bezahlte partnerschaft"): text longer than this (after
 * trimming) is never a label. A constant so that nothing is computed at start; a unit test checks it.
 */
export const MAX_LABEL_LENGTH = 22;
export const longestLabel = (): number => Math.max(...[...labelWords().keys()].map((w) => w.length));

/**
 * Lower-cases, folds white space (including no-break and zero-width spaces) and drops the
 * separators sites put around labels ("Sponsored ·", "· Ad", "Ad:").
 */
export function normaliseLabel(text: string): string {
  return text
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .replace(/^[·•|:\-–—\s]+|[·•|:\-–—\s]+$/g, '')
    .toLowerCase();
}

/** The label as the page wrote it (case kept), without the separators around it. */
export function cleanLabel(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim().replace(/^[·•|:\-–—\s]+|[·•|:\-–—\s]+$/g, '');
}

/** First letters of all labels: most text can be turned down on its first letter alone. */
let firstLetters: Set<string | undefined> | null = null;
const SKIPPED_AT_START = /[\s\u00a0\u200b-\u200d\u2060\ufeff·•|:\-–—]/;

export function labelLanguage(text: string): LabelLanguage | null {
  if (text.length > MAX_LABEL_LENGTH * 3) return null;
  // Fast path, taken for nearly all text on a page: no label starts with this letter.
  let i = 0;
  while (i < text.length && SKIPPED_AT_START.test(text[i] as string)) i++;
  firstLetters ??= new Set([...labelWords().keys()].map((w) => w[0]));
  if (i === text.length || !firstLetters.has((text[i] as string).toLowerCase())) return null;
  return labelWords().get(normaliseLabel(text)) ?? null;
}

export function isRegionLabel(text: string): boolean {
  return REGION_LABELS.has(normaliseLabel(text));
}

/**
 * Whether some label is a subsequence of the text, e.g. "SpxonsoqredY" contains "sponsored":
 * the cheap test that decides whether a short run of split or padded text is worth a closer look.
 */
export function mayHideLabel(text: string): boolean {
  const t = normaliseLabel(text).replace(/ /g, '');
  if (!t || t.length > MAX_LABEL_LENGTH * 4) return false;
  for (const word of labelWords().keys()) {
    if (word.length < 5) continue; // "ad" is a subsequence of too much
    const w = word.replace(/ /g, '');
    let i = 0;
    for (const c of t) if (c === w[i]) i++;
    if (i === w.length) return true;
  }
  return false;
}
