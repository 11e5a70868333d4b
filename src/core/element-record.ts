/**
 * A plain description of one DOM element that might be (part of) an ad. The content script builds
 * these from the DOM without forcing layout (attributes and inline style only); core/detect.ts
 * classifies them. Keeping the DOM out of the classifier lets it run in Node on fixtures.
 */
import type { LabelLanguage } from './labels';

export interface ElementRecord {
  /** Frame-local number, stable for the element's lifetime. */
  ref: number;
  /** The nearest ancestor that is itself a record, or null. */
  parentRef: number | null;
  tag: string;
  id: string;
  classes: string[];
  attrs: Partial<Record<RecordedAttribute, string>>;
  /** Width, height and display as the inline style states them; never computed. */
  style: { display?: string; visibility?: string; width?: string; height?: string };
  /** How many child elements it has (0 for an empty slot). */
  children: number;
  /** Set on the element of an ad unit Prebid.js says it rendered a winning bid into. */
  prebid?: boolean;
  /** Set when one of EasyList's generic rules matches it (only with EasyList switched on). */
  easylist?: boolean;
  /** Set on a post or result that carries an ad label of its own (found by the content script). */
  label?: { text: string; lang: LabelLanguage };
}

/** The only attributes we copy; anything else on the element stays in the page. */
export const RECORDED_ATTRIBUTES = [
  'src',
  'name',
  'width',
  'height',
  'hidden',
  'data-ad-status',
  'data-adsbygoogle-status',
  'data-ad-client',
  'data-ad-slot',
  'data-is-safeframe',
  'data-google-query-id',
  'data-text-ad',
  'data-ad-unit',
  'data-adunit',
  'data-ad-unit-path',
  'data-ad-placement',
  'data-widget-id',
  'aria-label',
  'role',
  'type',
] as const;
export type RecordedAttribute = (typeof RECORDED_ATTRIBUTES)[number];
