/**
 * Keeps the set of elements that matter to detection without looking at the whole document on
 * every change: one walk over the document at start (or when a full rescan is asked for), cut
 * into slices of at most 4 ms, then only the subtrees that mutations add. Removed elements drop
 * out because they are no longer connected. What each element is comes from element-kind.ts.
 */
import { CANDIDATE, CONTAINER, elementKind, NAMED_LABEL } from '../core/detectors/element-kind';
import { SLICE_MS, yieldToPage } from './slices';

const MAX_INDEXED = 5_000;
/** More added nodes than this in one batch: cheaper to walk the document again. */
const MAX_ADDED = 300;
/** Node.DOCUMENT_POSITION_FOLLOWING and NodeFilter.SHOW_ELEMENT, spelled out: no globals needed. */
const FOLLOWING = 4;
const SHOW_ELEMENT = 1;
const ELEMENT_NODE = 1;

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
  private elements = new Map<Element, number>();
  private stale = true;
  /** Ids (#id) and classes (.class) seen, for EasyList; collected only when asked for. */
  private tokens: Set<string> | null = null;
  private readonly sentTokens = new Set<string>();

  /** Start (EasyList switched on; the next snapshot walks again) or stop collecting ids and classes. */
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

  /** Walk the whole document again on the next snapshot. */
  reset(): void {
    this.stale = true;
  }

  private consider(el: Element): void {
    if (this.tokens && this.tokens.size < MAX_TOKENS) {
      if (el.id) this.tokens.add(`#${el.id}`);
      const classes = el.classList;
      for (let i = 0; i < classes.length; i++) this.tokens.add(`.${classes[i]}`);
    }
    const kind = elementKind(el);
    if (kind) this.elements.set(el, kind);
  }

  /** Indexes a subtree; with `slice`, yields to the page whenever a slice of work is used up. */
  private async walk(root: Element, slice: boolean): Promise<void> {
    const walker = root.ownerDocument.createTreeWalker(root, SHOW_ELEMENT);
    let start = performance.now();
    let n = 0;
    for (let el: Node | null = root; el; el = walker.nextNode()) {
      this.consider(el as Element);
      if (this.elements.size >= MAX_INDEXED) return;
      if (slice && (++n & 255) === 0 && performance.now() - start > SLICE_MS) {
        await yieldToPage();
        start = performance.now();
      }
    }
  }

  added(nodes: Iterable<Node>): void {
    if (this.stale) return;
    let count = 0;
    for (const node of nodes) {
      if (node.nodeType !== ELEMENT_NODE) continue;
      if (++count > MAX_ADDED || this.elements.size >= MAX_INDEXED) {
        this.stale = true;
        return;
      }
      void this.walk(node as Element, false);
    }
  }

  async snapshot(root: Document): Promise<IndexSnapshot> {
    if (this.stale) {
      this.stale = false;
      this.elements = new Map();
      if (root.documentElement) await this.walk(root.documentElement, true);
    }
    const candidates = new Set<Element>();
    const containers: Element[] = [];
    const namedLabels: Element[] = [];
    for (const [el, kind] of this.elements) {
      if (!el.isConnected) {
        this.elements.delete(el);
        continue;
      }
      if (kind & CANDIDATE) candidates.add(el);
      if (kind & CONTAINER) containers.push(el);
      if (kind & NAMED_LABEL) namedLabels.push(el);
    }
    // A GPT slot with a publisher-chosen id is known only through its "__container__" child.
    for (const el of Array.from(candidates)) {
      const host = el.id.endsWith('__container__') ? el.parentElement : null;
      if (host) candidates.add(host);
    }
    return { candidates: inDocumentOrder(Array.from(candidates)), containers: inDocumentOrder(containers), namedLabels };
  }
}

export function inDocumentOrder(elements: Element[]): Element[] {
  return elements.sort((a, b) => (a === b ? 0 : a.compareDocumentPosition(b) & FOLLOWING ? -1 : 1));
}
