/**
 * Turns the DOM into element records (core/element-record.ts) without forcing layout: only
 * querySelectorAll, attributes and inline style are read, never sizes or computed style.
 */
import { RECORDED_ATTRIBUTES, type ElementRecord } from '../core/element-record';
import type { FoundLabel } from './labels';

const MAX_VALUE = 2_048;
const MAX_CLASSES = 16;

const refs = new WeakMap<Element, number>();
const elements = new Map<number, WeakRef<Element>>();
let nextRef = 1;

export function refOf(el: Element): number {
  let ref = refs.get(el);
  if (ref === undefined) {
    ref = nextRef++;
    refs.set(el, ref);
    elements.set(ref, new WeakRef(el));
  }
  return ref;
}

export function elementOf(ref: number): Element | undefined {
  const el = elements.get(ref)?.deref();
  if (!el) elements.delete(ref);
  return el;
}

function inlineStyle(el: Element): ElementRecord['style'] {
  const style = (el as HTMLElement).style as CSSStyleDeclaration | undefined;
  if (!style) return {};
  const out: ElementRecord['style'] = {};
  if (style.display) out.display = style.display;
  if (style.visibility) out.visibility = style.visibility;
  if (style.width) out.width = style.width;
  if (style.height) out.height = style.height;
  return out;
}

/** Class tokens as classList has them (split on ASCII white space, no repeats), without making a DOMTokenList. */
function classesOf(value: string): string[] {
  const out: string[] = [];
  for (const token of value.split(/[ \t\n\f\r]+/)) if (token && !out.includes(token)) out.push(token);
  return out;
}

/**
 * The nearest candidate ancestor of each candidate. With the candidates in document order, a stack
 * of the open ones and contains() finds it without walking up through the page's other elements
 * (each of which would cost a wrapper in the isolated world).
 */
export function candidateParents(candidates: readonly Element[]): Map<Element, Element | null> {
  const parents = new Map<Element, Element | null>();
  const open: Element[] = [];
  for (const el of candidates) {
    while (open.length && !(open[open.length - 1] as Element).contains(el)) open.pop();
    parents.set(el, open.length ? (open[open.length - 1] as Element) : null);
    open.push(el);
  }
  return parents;
}

/** What else is known of an element besides its markup. */
export interface RecordMarks {
  label?: FoundLabel | undefined;
  easylist?: boolean;
  prebid?: boolean;
}

/** `parent` is the element's nearest candidate ancestor (candidateParents), or null. */
export function toRecord(el: Element, parent: Element | null, marks: RecordMarks = {}): ElementRecord {
  // Only the attributes the element has are read: most candidates carry a few of the twenty.
  const present = el.getAttributeNames();
  const attrs: ElementRecord['attrs'] = {};
  if (present.length) {
    for (const name of RECORDED_ATTRIBUTES) if (present.includes(name)) attrs[name] = (el.getAttribute(name) ?? '').slice(0, MAX_VALUE);
  }
  return {
    ref: refOf(el),
    parentRef: parent ? refOf(parent) : null,
    tag: el.localName,
    id: el.id.slice(0, 200),
    classes: present.includes('class') ? classesOf(el.getAttribute('class') ?? '').slice(0, MAX_CLASSES) : [],
    attrs,
    // Reading el.style on an element without a style attribute would make the browser create one.
    style: present.includes('style') ? inlineStyle(el) : {},
    children: el.childElementCount,
    ...(marks.label ? { label: marks.label } : {}),
    ...(marks.easylist ? { easylist: true } : {}),
    ...(marks.prebid ? { prebid: true } : {}),
  };
}

/** `candidates` in document order. */
export function toRecords(candidates: readonly Element[], labels: ReadonlyMap<Element, FoundLabel> = new Map()): ElementRecord[] {
  const parents = candidateParents(candidates);
  return candidates.map((el) => toRecord(el, parents.get(el) ?? null, { label: labels.get(el) }));
}

const selectors = new WeakMap<Element, string>();

/**
 * A short CSS selector for the element, built from ids and positions (no layout needed).
 * `siblings` may be shared by the calls of one scan: the children of one tag of each wide parent,
 * asked for once for all the ads under it.
 */
export function selectorFor(el: Element, siblings: Map<Element, Element[]> = new Map()): string {
  let known = selectors.get(el);
  if (known === undefined) {
    known = buildSelector(el, siblings);
    selectors.set(el, known);
  }
  return known;
}

/** Siblings past which counting them one by one costs more than asking the browser for those of one tag. */
const WIDE = 32;

/** The element's position among its siblings of the same tag, from 1, as :nth-of-type counts. */
function positionOfType(node: Element, siblings: Map<Element, Element[]>): number {
  const parent = node.parentElement;
  // Stepping through the previous siblings makes a wrapper of each: a feed or a long page has
  // thousands. The browser lists the ones of this tag alone without touching the others.
  if (parent && parent.childElementCount > WIDE && typeof CSS !== 'undefined') {
    let same = siblings.get(parent);
    if (!same || same[0]?.localName !== node.localName) {
      same = Array.from(parent.querySelectorAll(`:scope > ${CSS.escape(node.localName)}`));
      siblings.set(parent, same);
    }
    const at = same.indexOf(node);
    if (at >= 0) return at + 1;
  }
  let index = 1;
  for (let s = node.previousElementSibling; s; s = s.previousElementSibling) if (s.localName === node.localName) index++;
  return index;
}

function buildSelector(el: Element, siblings: Map<Element, Element[]>): string {
  const parts: string[] = [];
  for (let node: Element | null = el; node && parts.length < 4; node = node.parentElement) {
    if (node.id && /^[A-Za-z][\w-]*$/.test(node.id)) {
      parts.unshift(`#${node.id}`);
      break;
    }
    parts.unshift(`${node.localName}:nth-of-type(${positionOfType(node, siblings)})`);
  }
  return parts.join(' > ').slice(0, 300);
}
