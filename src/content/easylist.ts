/**
 * Applies the EasyList rules the background sent for this frame's ids and classes. Each rule is
 * tried only on the elements that carry its token (getElementById, getElementsByClassName), never
 * against the whole document, so even hundreds of rules cost little.
 */
const MAX_PER_TOKEN = 50;

export class EasyListMatcher {
  private readonly rules = new Map<string, Set<string>>();

  add(rules: readonly (readonly [string, string])[]): void {
    for (const [token, selector] of rules) {
      const set = this.rules.get(token) ?? new Set<string>();
      set.add(selector);
      this.rules.set(token, set);
    }
  }

  get size(): number {
    return this.rules.size;
  }

  /** The elements some rule matches, each with the first rule that matched it. */
  find(doc: Document): Map<Element, string> {
    const found = new Map<Element, string>();
    for (const [token, selectors] of this.rules) {
      const name = token.slice(1);
      const holders = token.startsWith('#') ? [doc.getElementById(name)].filter((e): e is HTMLElement => e !== null) : Array.from(doc.getElementsByClassName(name)).slice(0, MAX_PER_TOKEN);
      for (const el of holders) {
        if (found.has(el)) continue;
        for (const selector of selectors) {
          let hit = false;
          try {
            hit = el.matches(selector);
          } catch {
            // A rule this browser cannot parse matches nothing.
          }
          if (hit) {
            found.set(el, selector);
            break;
          }
        }
      }
    }
    return found;
  }
}
