/**
 * Turns EasyList's generic element-hiding rules ("##selector", for every site) into an index from
 * the id or class a rule needs to the rules that need it, the way ad blockers match them: a page
 * is tested only against the rules whose token it contains. Rules that name no id or class (a few
 * hundred "highly generic" ones) and rules with extended syntax are left out.
 */
export interface EasyListIndex {
  /** "#id" or ".class" → the selectors that need it. */
  byToken: Record<string, string[]>;
  rules: number;
  skipped: number;
}

const TOKEN = /[#.]([A-Za-z_][\w-]*)/;
const EXTENDED = /:-abp-|:has-text|:xpath|:matches-css|:upward|:remove|:style\(|\{/;

/** The first #id or .class of a selector, outside attribute brackets and pseudo-class arguments. */
export function requiredToken(selector: string): string | null {
  let depth = 0;
  let plain = '';
  for (const c of selector) {
    if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth = Math.max(0, depth - 1);
    plain += depth === 0 ? c : ' ';
  }
  const m = TOKEN.exec(plain);
  if (!m) return null;
  const at = m.index;
  return `${plain[at]}${m[1]}`;
}

export function indexGenericRules(text: string): EasyListIndex & { version: string | null } {
  const byToken: Record<string, string[]> = {};
  let rules = 0;
  let skipped = 0;
  let version: string | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const v = /^! Version: (\S+)/.exec(line);
    if (v) version = v[1] ?? null;
    if (!line.startsWith('##')) continue;
    const selector = line.slice(2);
    const token = EXTENDED.test(selector) ? null : requiredToken(selector);
    if (!token) {
      skipped++;
      continue;
    }
    (byToken[token] ??= []).push(selector);
    rules++;
  }
  return { byToken, rules, skipped, version };
}
