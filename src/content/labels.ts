/**
 * Finds posts and results that carry an ad label of their own ("Sponsored", "Gesponsord",
 * "Anzeige"…), also when the label is split into pieces or padded with hidden decoy letters as
 * Facebook does. Only the first few text runs of each post are read (labels sit in a post's
 * header), and computed style is asked only for the few short runs that may hide a label.
 */
import { LABEL_CONTAINER_SELECTOR } from '../core/detectors/selectors';
import { cleanLabel, labelLanguage, mayHideLabel, MAX_LABEL_LENGTH, type LabelLanguage } from '../core/labels';

export interface FoundLabel {
  text: string;
  lang: LabelLanguage;
}

const MAX_CONTAINERS = 400;
/** A label counts only among the first text runs of its post. */
const HEADER_RUNS = 15;
const MAX_NODES_WALKED = 250;
/** An <article> with more text than this is a whole story, not a post. */
const MAX_ARTICLE_TEXT = 3_000;
const MAX_WRAPPER_ELEMENTS = 80;
const PIECE_LENGTH = 3;
/** A piece of a split label is letters only ("Sp", "on"), never "2 h" or "·". */
const PIECE = /^\p{L}+$/u;
/** Where an ad slot sits right next to a label, the label names the slot, not the post. */
const SLOT_SELECTOR = 'iframe,ins.adsbygoogle,[id^="div-gpt-ad"],amp-ad';

function textOf(node: Node): string {
  return (node.textContent ?? '').trim();
}

function isSlotLabel(label: Element, container: Element): boolean {
  for (let a = label.parentElement, i = 0; a && a !== container && i < 2; a = a.parentElement, i++) {
    if (a.querySelector(SLOT_SELECTOR)) return true;
  }
  return false;
}

/** The text a person sees in a short wrapper: pieces hidden by style (decoys) are left out. */
export function visibleText(wrapper: Element): string {
  const view = wrapper.ownerDocument.defaultView;
  const hidden = new Map<Element, boolean>();
  const isHiddenEl = (el: Element): boolean => {
    let h = hidden.get(el);
    if (h === undefined) {
      const s = view?.getComputedStyle(el);
      h =
        (el as HTMLElement).hidden ||
        !s ||
        s.display === 'none' ||
        s.visibility === 'hidden' ||
        s.opacity === '0' ||
        parseFloat(s.fontSize) === 0 ||
        (s.position === 'absolute' && (s.width === '0px' || s.height === '0px' || s.clip === 'rect(0px, 0px, 0px, 0px)'));
      hidden.set(el, h);
    }
    return h;
  };
  let out = '';
  const walker = wrapper.ownerDocument.createTreeWalker(wrapper, 4 /* NodeFilter.SHOW_TEXT */);
  let seen = 0;
  for (let n = walker.nextNode(); n && seen < MAX_WRAPPER_ELEMENTS; n = walker.nextNode(), seen++) {
    let visible = true;
    for (let el = n.parentElement; el && visible; el = el === wrapper ? null : el.parentElement) if (isHiddenEl(el)) visible = false;
    if (visible) out += n.nodeValue ?? '';
  }
  return out;
}

/**
 * Decoy letters hidden by a class rule of the site's stylesheet (Facebook's markup puts each
 * decoy in an element with one extra class). When the stylesheet is not there to tell us, the
 * pieces still tell: leaving out the pieces that carry a class the others lack reveals the label.
 */
export function textWithoutOddClass(wrapper: Element): string[] {
  const walker = wrapper.ownerDocument.createTreeWalker(wrapper, 4 /* NodeFilter.SHOW_TEXT */);
  const pieces: { text: string; classes: string[] }[] = [];
  for (let n = walker.nextNode(); n && pieces.length < MAX_WRAPPER_ELEMENTS; n = walker.nextNode()) {
    pieces.push({ text: n.nodeValue ?? '', classes: Array.from(n.parentElement?.classList ?? []) });
  }
  const tokens = new Set(pieces.flatMap((p) => p.classes));
  const candidates: string[] = [];
  for (const token of Array.from(tokens).slice(0, 12)) {
    const without = pieces.filter((p) => !p.classes.includes(token));
    if (without.length && without.length < pieces.length) candidates.push(without.map((p) => p.text).join(''));
  }
  return candidates;
}

/** The smallest ancestor of a short piece of text that holds a whole (split) label. */
function wrapperOf(piece: Element, container: Element): Element {
  let wrapper = piece;
  for (let a = piece.parentElement, i = 0; a && a !== container && i < 4; a = a.parentElement, i++) {
    if (textOf(a).length > MAX_LABEL_LENGTH * 4) break;
    wrapper = a;
  }
  return wrapper;
}

function labelIn(container: Element): { label: FoundLabel; at: Element } | null {
  const walker = container.ownerDocument.createTreeWalker(container, 4 /* NodeFilter.SHOW_TEXT */);
  let runs = 0;
  let walked = 0;
  // Wrappers of split text already looked at: their pieces count as one run between them.
  const evaluated = new Set<Element>();
  for (let n = walker.nextNode(); n && runs < HEADER_RUNS && walked < MAX_NODES_WALKED; n = walker.nextNode(), walked++) {
    const text = (n.nodeValue ?? '').trim();
    // White space between tags is skipped before asking for its parent (a wrapper more to make).
    if (!text) continue;
    const parent = n.parentElement;
    if (!parent || parent.localName === 'script' || parent.localName === 'style') continue;
    let lang = text.length <= MAX_LABEL_LENGTH ? labelLanguage(text) : null;
    let at: Element = parent;
    let found = text;
    if (!lang && text.length <= PIECE_LENGTH && PIECE.test(text)) {
      at = wrapperOf(parent, container);
      if (evaluated.has(at)) continue;
      evaluated.add(at);
      const raw = textOf(at);
      lang = labelLanguage(raw);
      found = raw;
      if (!lang && mayHideLabel(raw)) {
        found = visibleText(at);
        lang = labelLanguage(found);
        for (const candidate of lang ? [] : textWithoutOddClass(at)) {
          lang = labelLanguage(candidate);
          if (lang) {
            found = candidate;
            break;
          }
        }
      }
    }
    runs++;
    if (lang && !isSlotLabel(at, container)) return { label: { text: cleanLabel(found).slice(0, 40), lang }, at };
  }
  return null;
}

const MAX_INVALIDATIONS = 200;

/**
 * Finds labelled posts, remembering what it found in each post until something inside that post
 * changes: a feed that grows by infinite scroll costs only its new posts on each rescan.
 */
export class LabelFinder {
  private known = new WeakMap<Element, { label: FoundLabel; at: Element } | null>();

  /** Forget what is known about the posts around changed nodes; says whether anything was known there. */
  invalidate(nodes: Iterable<Node>): boolean {
    let count = 0;
    let forgot = false;
    for (const node of nodes) {
      if (++count > MAX_INVALIDATIONS) {
        this.known = new WeakMap();
        return true;
      }
      const start = node.nodeType === 1 ? (node as Element) : node.parentElement;
      for (let c = start?.closest(LABEL_CONTAINER_SELECTOR); c; c = c.parentElement?.closest(LABEL_CONTAINER_SELECTOR) ?? null) {
        if (this.known.delete(c)) forgot = true;
      }
    }
    return forgot;
  }

  /** The posts not looked at yet (or changed since), so that a caller can look at them in slices. */
  unknown(containers: readonly Element[]): Element[] {
    return containers.slice(0, MAX_CONTAINERS).filter((c) => !this.known.has(c));
  }

  /** Looks at one post and remembers the answer. */
  learn(container: Element): void {
    const long = container.localName === 'article' && (container.textContent?.length ?? 0) > MAX_ARTICLE_TEXT;
    this.known.set(container, long ? null : labelIn(container));
  }

  find(containers: readonly Element[], namedLabels: readonly Element[]): Map<Element, FoundLabel> {
    const found = new Map<Element, FoundLabel>();
    for (const container of containers.slice(0, MAX_CONTAINERS)) {
      if (!this.known.has(container)) this.learn(container);
      const hit = this.known.get(container);
      // A label belongs to its closest post: a comment inside a post is looked at on its own.
      if (hit && hit.at.closest(LABEL_CONTAINER_SELECTOR) === container) found.set(container, hit.label);
    }
    // An accessible name is a label too (newer Facebook markup names the link "Sponsored").
    for (const el of namedLabels.slice(0, MAX_CONTAINERS)) {
      const name = el.getAttribute('aria-label') ?? '';
      const lang = labelLanguage(name);
      const container = lang ? el.closest(LABEL_CONTAINER_SELECTOR) : null;
      if (lang && container && !found.has(container)) found.set(container, { text: cleanLabel(name), lang });
    }
    return found;
  }
}


