/**
 * Keeps the set of elements that matter to detection without looking at the whole document on
 * every change: one pass over the document at start (or when a full rescan is asked for), then
 * only the subtrees that mutations add. Removed elements drop out because they are no longer
 * connected. What each element is comes from element-kind.ts.
 *
 * The pass asks the browser's selector engine for the few elements that may matter
 * (KIND_SELECTORS) instead of walking every element in script: in the isolated world each element
 * the script touches costs a new JavaScript wrapper (and the first element of each kind of tag the
 * set-up of its interface), which made a walk of a 10,000-element page cost about twice as much.
 */
import { CANDIDATE, CONTAINER, elementKind, KIND_SELECTORS, KIND_SINGLES, NAMED_LABEL } from '../core/detectors/element-kind';
import { SLICE_MS, yieldIfDue } from './slices';

const MAX_INDEXED = 5_000;
/** More added nodes than this in one batch: cheaper to index the document again. */
const MAX_ADDED = 300;
/** Node.DOCUMENT_POSITION_FOLLOWING, spelled out: no globals needed. */
const FOLLOWING = 4;
const ELEMENT_NODE = 1;
/** What one selector in a list costs next to a query of a single tag or class (Chromium 156, over the same elements). */
const LIST_COST = 3;
/** Elements up to which one query for every selector is the cheaper way. */
const SMALL_PAGE = 1_000;

export interface IndexSnapshot {
  /** Elements the detectors look at, in document order. */
  candidates: Element[];
  /** Posts and results that may carry an ad label. */
  containers: Element[];
  /** Links and spans whose accessible name is an ad label. */
  namedLabels: Element[];
}

const MAX_TOKENS = 5_000;

export class DomIndex {
  /**
   * Indexed elements and what they are. A full pass puts the candidates first, then the rest, each
   * in document order; added subtrees come after. The snapshot checks the order of each list.
   */
  private elements = new Map<Element, number>();
  private stale = true;
  /** Ids (#id) and classes (.class) seen, for EasyList; collected only when asked for. */
  private tokens: Set<string> | null = null;
  private readonly sentTokens = new Set<string>();

  /** Start (EasyList switched on; the next snapshot indexes again) or stop collecting ids and classes. */
  collectTokens(on: boolean): void {
    if (on === (this.tokens !== null)) return;
    this.tokens = on ? new Set() : null;
    this.sentTokens.clear();
    if (on) this.stale = true;
  }

  /** Ids and classes seen since the last call. */
  takeNewTokens(): string[] {
    if (!this.tokens) return [];
    const fresh = [...this.tokens].filter((t) => !this.sentTokens.has(t)).slice(0, MAX_TOKENS);
    for (const t of fresh) this.sentTokens.add(t);
    this.tokens.clear();
    return fresh;
  }

  /** Index the whole document again on the next snapshot. */
  reset(): void {
    this.stale = true;
  }

  /** Indexes the element if it has a kind; says whether it has one. */
  private consider(el: Element): boolean {
    const kind = elementKind(el);
    if (kind) this.elements.set(el, kind);
    return kind !== 0;
  }

  /** Only with EasyList on: every element's id and classes, which means touching every element. */
  private async gatherTokens(root: Element, slice: boolean): Promise<void> {
    const tokens = this.tokens;
    if (!tokens) return;
    const add = (el: Element): void => {
      if (el.id) tokens.add(`#${el.id}`);
      const classes = el.classList;
      for (let i = 0; i < classes.length; i++) tokens.add(`.${classes[i]}`);
    };
    add(root);
    const all = root.querySelectorAll('[id],[class]');
    for (let i = 0; i < all.length && tokens.size < MAX_TOKENS; i++) {
      add(all[i] as Element);
      if (slice && (i & 255) === 255) await yieldIfDue();
    }
  }

  /**
   * An added subtree, at once: it is small next to a whole document (MAX_ADDED per batch). One
   * query with the tags and classes in the list: on a few elements the fast path saves nothing.
   */
  private indexSubtree(root: Element): boolean {
    let any = this.consider(root);
    const found = root.querySelectorAll(subtreeQuery());
    for (let i = 0; i < found.length && this.elements.size < MAX_INDEXED; i++) if (this.consider(found[i] as Element)) any = true;
    // Without slicing it never awaits: done before this returns.
    if (this.tokens && this.tokens.size < MAX_TOKENS) void this.gatherTokens(root, false);
    return any;
  }

  /**
   * The whole document, in slices. The tags and classes come first, one query each (the browser's
   * fast path); their time, which grows with the number of elements, tells what the list of the
   * other selectors will cost on this page (about three times a single query per selector, measured
   * in Chromium). A page too big for the list to fit in a slice gets it in parts, with yields between.
   */
  private async indexDocument(root: Element): Promise<void> {
    this.elements = new Map();
    const kinds = new Map<Element, number>();
    // Candidates and the rest (posts, named labels) apart: each comes mostly from one query, so
    // the few that need merging into a long list are few (see mergeInOrder).
    let candidates: Element[] = [];
    let others: Element[] = [];
    const take = (list: ArrayLike<Element>): void => {
      const c: Element[] = [];
      const o: Element[] = [];
      for (let i = 0; i < list.length; i++) {
        const el = list[i] as Element;
        const kind = kinds.has(el) ? 0 : elementKind(el);
        if (!kind) continue;
        kinds.set(el, kind);
        (kind & CANDIDATE ? c : o).push(el);
      }
      candidates = mergeInOrder(candidates, c);
      others = mergeInOrder(others, o);
    };
    take([root]);
    // A small page (the browser counts its elements without making wrappers) takes one query for
    // everything: thirteen calls cost more than the matching they save there.
    if (root.getElementsByTagName('*').length <= SMALL_PAGE) {
      take(root.querySelectorAll(subtreeQuery()));
      this.keep(candidates, others, kinds);
      if (this.tokens) await this.gatherTokens(root, true);
      return;
    }
    const times: number[] = [];
    for (const single of KIND_SINGLES) {
      const start = performance.now();
      take(root.querySelectorAll(single));
      times.push(performance.now() - start);
    }
    // The median: the first query pays the browser's one-time set-up, and any one of them may be
    // stretched by another process taking the core.
    const perSelector = (times.sort((a, b) => a - b)[times.length >> 1] as number) * LIST_COST;
    const parts = Math.max(1, Math.ceil((perSelector * KIND_SELECTORS.length) / SLICE_MS));
    const size = Math.ceil(KIND_SELECTORS.length / parts);
    for (let next = 0; next < KIND_SELECTORS.length; next += size) {
      await yieldIfDue(SLICE_MS - perSelector * size);
      take(root.querySelectorAll(KIND_SELECTORS.slice(next, next + size).join(',')));
    }
    this.keep(candidates, others, kinds);
    if (this.tokens) await this.gatherTokens(root, true);
  }

  private keep(candidates: Element[], others: Element[], kinds: Map<Element, number>): void {
    // Past the cap, the first elements in document order count, whatever they are.
    const all = candidates.length + others.length > MAX_INDEXED ? mergeInOrder(candidates, others).slice(0, MAX_INDEXED) : [...candidates, ...others];
    for (const el of all) this.elements.set(el, kinds.get(el) as number);
  }

  /**
   * Indexes added nodes; says whether a scan would see a change: an element that matters was added
   * (or moved: its parent, a GPT slot's host, may be another), the index must be built again, or
   * with EasyList on, new ids or classes came, whose rules may match elements already there.
   */
  added(nodes: Iterable<Node>): boolean {
    if (this.stale) return true;
    const tokens = this.tokens?.size ?? 0;
    let any = false;
    let count = 0;
    for (const node of nodes) {
      if (node.nodeType !== ELEMENT_NODE) continue;
      if (++count > MAX_ADDED || this.elements.size >= MAX_INDEXED) {
        this.stale = true;
        return true;
      }
      if (this.indexSubtree(node as Element)) any = true;
    }
    return any || (this.tokens?.size ?? 0) !== tokens;
  }

  /** Whether an element is indexed as a candidate (its children and attributes are in its record). */
  isCandidate(el: Node): boolean {
    return ((this.elements.get(el as Element) ?? 0) & CANDIDATE) !== 0;
  }

  /** Whether the page removed an indexed element, or the index must be built again. */
  lostAny(): boolean {
    if (this.stale) return true;
    for (const el of this.elements.keys()) if (!el.isConnected) return true;
    return false;
  }

  async snapshot(root: Document): Promise<IndexSnapshot> {
    if (this.stale) {
      this.stale = false;
      if (root.documentElement) await this.indexDocument(root.documentElement);
      else this.elements = new Map();
    }
    const candidates: Element[] = [];
    const containers: Element[] = [];
    const namedLabels: Element[] = [];
    let hosts: Element[] | null = null;
    for (const [el, kind] of this.elements) {
      if (!el.isConnected) {
        this.elements.delete(el);
        continue;
      }
      if (kind & CANDIDATE) {
        candidates.push(el);
        // A GPT slot with a publisher-chosen id is known only through its "__container__" child.
        const host = el.id.endsWith('__container__') ? el.parentElement : null;
        if (host && !((this.elements.get(host) ?? 0) & CANDIDATE)) (hosts ??= []).push(host);
      }
      if (kind & CONTAINER) containers.push(el);
      if (kind & NAMED_LABEL) namedLabels.push(el);
    }
    return {
      candidates: inDocumentOrder(hosts ? [...new Set([...candidates, ...hosts])] : candidates),
      containers: inDocumentOrder(containers),
      namedLabels: inDocumentOrder(namedLabels),
    };
  }
}

let allKinds: string | null = null;
const subtreeQuery = (): string => (allKinds ??= [...KIND_SINGLES, ...KIND_SELECTORS].join(','));

const follows = (a: Element, b: Element): boolean => (a.compareDocumentPosition(b) & FOLLOWING) !== 0;

/**
 * Two lists in document order as one, without duplicates. The short list (usually a handful of
 * widgets or frames) goes into the long one by binary search: each comparison of two elements far
 * apart under one parent makes the browser step through the siblings between them.
 */
function mergeInOrder(a: Element[], b: Element[]): Element[] {
  if (!a.length) return b;
  if (!b.length) return a;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  const out = long.slice();
  let from = 0;
  for (const el of short) {
    let lo = from;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const at = out[mid] as Element;
      if (at === el) {
        lo = -1;
        break;
      }
      if (follows(at, el)) lo = mid + 1;
      else hi = mid;
    }
    if (lo < 0) continue;
    out.splice(lo, 0, el);
    from = lo + 1;
  }
  return out;
}

/**
 * Sorts into document order; most lists already are, which is checked first in one pass. Chromium's
 * compareDocumentPosition steps back through the siblings from its argument: asked the way round
 * the answer is expected (earlier.compareDocumentPosition(later)), it stops after the siblings
 * between the two instead of going through all the siblings before them.
 */
export function inDocumentOrder(elements: Element[]): Element[] {
  let sorted = true;
  for (let i = 1; i < elements.length && sorted; i++) sorted = follows(elements[i - 1] as Element, elements[i] as Element);
  return sorted ? elements : elements.sort((a, b) => (a === b ? 0 : follows(a, b) ? -1 : 1));
}
