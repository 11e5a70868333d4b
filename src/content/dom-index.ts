/**
 * Keeps the set of elements that matter to detection without querying the whole document on
 * every change: one querySelectorAll at start (or when asked for a full rescan), then only the
 * subtrees that mutations add. Removed elements drop out because they are no longer connected.
 * One selector list covers everything (ad candidates, posts that may carry a label, named
 * elements), so the document is walked once; the elements are then sorted into kinds in JS.
 */
import { CANDIDATE_SELECTOR, LABEL_CONTAINER_SELECTOR } from '../core/detectors/selectors';
import { isRegionLabel, labelLanguage, MAX_LABEL_LENGTH } from '../core/labels';

const INDEX_SELECTOR = `${CANDIDATE_SELECTOR},${LABEL_CONTAINER_SELECTOR},[aria-label]`;
const MAX_INDEXED = 5_000;
/** More added nodes than this in one batch: cheaper to index the document again. */
const MAX_ADDED = 300;
/** Node.DOCUMENT_POSITION_FOLLOWING, spelled out so the module needs no global Node. */
const FOLLOWING = 4;
const ELEMENT_NODE = 1;

export interface IndexSnapshot {
  /** Elements the detectors look at, in document order. */
  candidates: Element[];
  /** Posts and results that may carry an ad label. */
  containers: Element[];
  /** Links and spans whose accessible name is an ad label. */
  namedLabels: Element[];
}

const CANDIDATE = 1;
const CONTAINER = 2;
const NAMED_LABEL = 4;

/** What an element is to us, worked out once when it is indexed. */
function kindOf(el: Element): number {
  let kind = 0;
  if (el.matches(CANDIDATE_SELECTOR)) kind |= CANDIDATE;
  if (el.matches(LABEL_CONTAINER_SELECTOR)) kind |= CONTAINER;
  const name = el.getAttribute('aria-label');
  if (name !== null && name.length <= MAX_LABEL_LENGTH * 2) {
    if (el.localName === 'a' || el.localName === 'span') {
      if (labelLanguage(name)) kind |= NAMED_LABEL;
    } else if (isRegionLabel(name)) kind |= CANDIDATE;
  }
  return kind;
}

export class DomIndex {
  private elements = new Map<Element, number>();
  private stale = true;

  /** Index the whole document again on the next snapshot. */
  reset(): void {
    this.stale = true;
  }

  private add(el: Element): void {
    if (this.elements.has(el)) return;
    const kind = kindOf(el);
    if (kind) this.elements.set(el, kind);
  }

  added(nodes: Iterable<Node>): void {
    if (this.stale) return;
    let count = 0;
    for (const node of nodes) {
      if (node.nodeType !== ELEMENT_NODE) continue;
      if (++count > MAX_ADDED || this.elements.size > MAX_INDEXED) {
        this.stale = true;
        return;
      }
      const el = node as Element;
      if (el.matches(INDEX_SELECTOR)) this.add(el);
      for (const inner of Array.from(el.querySelectorAll(INDEX_SELECTOR))) this.add(inner);
    }
  }

  snapshot(root: Document): IndexSnapshot {
    if (this.stale) {
      this.elements = new Map();
      for (const el of Array.from(root.querySelectorAll(INDEX_SELECTOR)).slice(0, MAX_INDEXED)) this.add(el);
      this.stale = false;
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
