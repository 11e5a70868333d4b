/**
 * Reads a request body as an OpenRTB bid request (ad-signals.md §6.1): what the page sent about
 * the person (identifiers, audience segments, location), the consent fields in `regs`, and the
 * supply chain. Bodies are page data of any size and shape: they are refused, with the reason,
 * when too large, too deeply nested or not JSON, before anything is parsed.
 */
import { at, bool, domain, int, list, obj, text } from '../signals/read';
import { ortbFacts, type OrtbFacts } from '../signals/ortb';

/** The largest body we read; larger ones are counted as unreadable (Prebid bid requests are a few KB). */
export const MAX_BODY_BYTES = 256 * 1024;
/** OpenRTB is a few levels deep; anything much deeper is not a bid request, and deep parsing is where a hostile body could hurt. */
export const MAX_BODY_DEPTH = 32;

export type Unreadable = 'too-large' | 'too-deep' | 'not-json' | 'not-openrtb';

export interface BidRequestFacts extends OrtbFacts {
  /** TCF: `regs.gdpr` (or the 2.5 `regs.ext.gdpr`) and whether a consent string was sent. */
  consentString: boolean;
  usPrivacy: string | null;
  gpp: boolean;
  gpc: boolean | null;
  /** `source.schain` nodes (2.6 or the 2.5 `source.ext.schain`): who sold the impression, in order. */
  schain: { asi: string; sid: string | null; hp: boolean | null }[];
  impressions: number;
}

export type BodyResult = { ok: true; facts: BidRequestFacts } | { ok: false; reason: Unreadable };

/** Nesting depth of a JSON text, by counting brackets outside strings: linear, no recursion, stops early. */
export function jsonDepth(textBody: string, limit: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < textBody.length; i++) {
    const c = textBody.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) max = depth;
      if (max > limit) return max;
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

export function readBidBody(body: string | null, bytes: number): BodyResult {
  if (bytes > MAX_BODY_BYTES || body === null || body.length > MAX_BODY_BYTES) return { ok: false, reason: 'too-large' };
  if (jsonDepth(body, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) return { ok: false, reason: 'too-deep' };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'not-json' };
  }
  const request = obj(value);
  // An OpenRTB request has impressions; Prebid Server's /openrtb2/auction too.
  if (!request || !Array.isArray(request.imp)) return { ok: false, reason: 'not-openrtb' };
  const regs = obj(request.regs);
  const consent = text(at(request, 'user', 'consent'), 10_000) ?? text(at(request, 'user', 'ext', 'consent'), 10_000);
  const schain = obj(at(request, 'source', 'schain')) ?? obj(at(request, 'source', 'ext', 'schain'));
  return {
    ok: true,
    facts: {
      ...ortbFacts(request),
      consentString: !!consent,
      usPrivacy: text(regs?.us_privacy, 10) ?? text(at(regs, 'ext', 'us_privacy'), 10),
      gpp: !!text(regs?.gpp, 10_000),
      gpc: bool(at(regs, 'ext', 'gpc')),
      schain: list(schain?.nodes, 10)
        .map((n) => ({ asi: domain(obj(n)?.asi) ?? '', sid: text(obj(n)?.sid, 100), hp: bool(obj(n)?.hp) }))
        .filter((n) => n.asi),
      impressions: Math.min(list(request.imp, 1_000).length, int(request.imp.length, 0, 1e9) ?? 0),
    },
  };
}
