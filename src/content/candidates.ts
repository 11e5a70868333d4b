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

/** What else is known of an element besides its markup. */
export interface RecordMarks {
  label?: FoundLabel | undefined;
  easylist?: boolean;
  prebid?: boolean;
}

export function toRecord(el: Element, candidates: ReadonlySet<Element>, marks: RecordMarks = {}): ElementRecord {
  let parentRef: number | null = null;
  for (let p = el.parentElement; p; p = p.parentElement) {
    if (candidates.has(p)) {
      parentRef = refOf(p);
      break;
    }
  }
  const attrs: ElementRecord['attrs'] = {};
  for (const name of RECORDED_ATTRIBUTES) {
    const value = el.getAttribute(name);
    if (value !== null) attrs[name] = value.slice(0, MAX_VALUE);
  }
  return {
    ref: refOf(el),
    parentRef,
    tag: el.localName,
    id: el.id.slice(0, 200),
    classes: Array.from(el.classList).slice(0, MAX_CLASSES),
    attrs,
    style: inlineStyle(el),
    children: el.childElementCount,
    ...(marks.label ? { label: marks.label } : {}),
    ...(marks.easylist ? { easylist: true } : {}),
    ...(marks.prebid ? { prebid: true } : {}),
  };
}

export function toRecords(candidates: readonly Element[], labels: ReadonlyMap<Element, FoundLabel> = new Map()): ElementRecord[] {
  const set = new Set(candidates);
  return candidates.map((el) => toRecord(el, set, { label: labels.get(el) }));
}

const selectors = new WeakMap<Element, string>();

/** A short CSS selector for the element, built from ids and positions (no layout needed). */
export function selectorFor(el: Element): string {
  let known = selectors.get(el);
  if (known === undefined) {
    known = buildSelector(el);
    selectors.set(el, known);
  }
  return known;
}

function buildSelector(el: Element): string {
  const parts: string[] = [];
  for (let node: Element | null = el; node && parts.length < 4; node = node.parentElement) {
    if (node.id && /^[A-Za-z][\w-]*$/.test(node.id)) {
      parts.unshift(`#${node.id}`);
      break;
    }
    let index = 1;
    for (let s = node.previousElementSibling; s; s = s.previousElementSibling) if (s.localName === node.localName) index++;
    parts.unshift(`${node.localName}:nth-of-type(${index})`);
  }
  return parts.join(' > ').slice(0, 300);
}
