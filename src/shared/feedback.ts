/**
 * "Not an ad" and "missed an ad": what a person tells us about our detection, kept on the device
 * so that they can send it to us, and so that researchers can measure precision and recall.
 */
import { array, int, literal, object, optional, str, type Validator } from './validate';

export const FEEDBACK_KINDS = ['not-an-ad', 'missed-ad'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

/** A plain description of the element, never its content: the page's text stays in the page. */
export interface ElementDescription {
  tag?: string;
  id?: string;
  classes?: string[];
  selector?: string;
  width?: number;
  height?: number;
  src?: string;
  ariaLabel?: string;
  detectedBy?: string[];
}

export interface Feedback {
  id: string;
  kind: FeedbackKind;
  at: string;
  pageUrl: string;
  frameUrl?: string;
  element: ElementDescription;
}

export const MAX_FEEDBACK = 1_000;

export const elementDescriptionValidator: Validator<ElementDescription> = object({
  tag: optional(str(64)),
  id: optional(str(200)),
  classes: optional(array(str(100), 16)),
  selector: optional(str(300)),
  width: optional(int(0, 100_000)),
  height: optional(int(0, 100_000)),
  src: optional(str(2048)),
  ariaLabel: optional(str(100)),
  detectedBy: optional(array(str(32), 16)),
}) as Validator<ElementDescription>;

export const feedbackValidator: Validator<Feedback> = object({
  id: str(64),
  kind: literal(...FEEDBACK_KINDS),
  at: str(40),
  pageUrl: str(2048),
  frameUrl: optional(str(2048)),
  element: elementDescriptionValidator,
}) as Validator<Feedback>;
