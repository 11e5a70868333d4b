/**
 * EasyList's generic element-hiding rules, indexed by the id or class each needs
 * (src/core/data/easylist-generic.json, made by scripts/build-easylist.ts). They stay in the
 * background: a frame sends the ids and classes it has and gets back only the rules that need them.
 */
import data from '../core/data/easylist-generic.json';

const byToken = new Map<string, readonly string[]>(Object.entries(data.byToken as Record<string, string[]>));
/** A frame never gets more rules than this back, whatever it sends. */
const MAX_RULES = 500;

export function rulesFor(tokens: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const token of tokens) {
    for (const selector of byToken.get(token) ?? []) {
      out.push([token, selector]);
      if (out.length >= MAX_RULES) return out;
    }
  }
  return out;
}

export const EASYLIST_INFO = { version: data.version as string | null, rules: data.rules };
