/**
 * What the content script read inside an ad's creative (ad-signals.md §5): the raw links, the hosts
 * its images, frames and scripts come from, and a "Sponsored by" name. Raw page data, capped here
 * and again where it is received; core/creative-links.ts and core/explain/creative.ts give it
 * meaning in the background.
 */
import { array, literal, object, optional, str, type Validator } from './validate';

export const CREATIVE_LIMITS = {
  links: 24,
  /** Google's click URLs (aclk?…&adurl=…) often run past 2 KB; longer ones are skipped, never cut. */
  hrefLength: 4_096,
  hosts: 24,
  hostLength: 253,
  sponsorLength: 100,
  nameLength: 200,
} as const;

/**
 * Why the content script thought a link matters beyond its URL: `abgl` is Google's "why this ad"
 * anchor (a#abgl), `adchoices` an anchor around an AdChoices icon (img[alt="AdChoices"]), `privacy`
 * a notice URL the creative's own ad markup declared (AdCOM `display.priv`, ORTB native `privacy`).
 */
export const CREATIVE_LINK_MARKS = ['abgl', 'adchoices', 'privacy'] as const;
export type CreativeLinkMark = (typeof CREATIVE_LINK_MARKS)[number];

export interface CreativeLink {
  /** An absolute URL as the creative wrote it (resolved against the frame's base URL). */
  href: string;
  mark?: CreativeLinkMark;
}

export interface CreativeFacts {
  links: CreativeLink[];
  /** Host names of the creative's images, frames and scripts (lower case, no port). */
  hosts: string[];
  /** The name after "Sponsored by" in a native ad, as the creative wrote it. */
  sponsor?: string;
  /**
   * The frame's own name when GPT gave it one (google_ads_iframe_<ad unit path>_<n>): it ties a
   * creative without a src (about:blank, written by script) to its slot.
   */
  name?: string;
}

export const creativeLinkValidator: Validator<CreativeLink> = object({
  href: str(CREATIVE_LIMITS.hrefLength),
  mark: optional(literal(...CREATIVE_LINK_MARKS)),
}) as Validator<CreativeLink>;

export const creativeFactsValidator: Validator<CreativeFacts> = object({
  links: array(creativeLinkValidator, CREATIVE_LIMITS.links),
  hosts: array(str(CREATIVE_LIMITS.hostLength), CREATIVE_LIMITS.hosts),
  sponsor: optional(str(CREATIVE_LIMITS.sponsorLength)),
  name: optional(str(CREATIVE_LIMITS.nameLength)),
}) as Validator<CreativeFacts>;
