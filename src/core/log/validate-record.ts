/**
 * Checks that an unknown value (an imported line, a stored row) is a LogRecord we can keep and
 * show (docs/log-record.schema.json). An import file is hostile like any page data: every string,
 * list and nesting level is capped, every field the log, the dashboard and the exports read is
 * checked for its type, and enumerations must hold values this version knows.
 *
 * The value is returned as it came, not copied: fields added within version 1 by a newer version
 * of the extension (the schema allows that) must survive an export and re-import through an older
 * one. Unknown fields are still held to the generic caps.
 */
import { AD_FORMATS, AD_STATUSES } from '../../shared/frame-ad';
import { PAGE_REPORT_SCHEMA, type Basis, type ReasonKind, type Severity } from '../../shared/page-report';
import { isRecord } from '../../shared/validate';
import { ID_PATTERN, LOG_RECORD_SCHEMA, URL_REDACTIONS, type LogRecord } from './record';

export const RECORD_LIMITS = {
  /** Characters of any one string (a TCF string, a signal's text, a URL). */
  string: 64 * 1024,
  /** Items of any one list, and keys of any one object, anywhere in the record. */
  items: 10_000,
  /** Nesting of the whole record (signals are capped at 16 levels of their own). */
  depth: 48,
  ads: 500,
  reasons: 64,
  evidence: 256,
  /** Sellers, opt-outs, flags, creative links, detectors and the like of one ad or page. */
  small: 64,
  companies: 2_000,
  identifiers: 2_000,
  dataFlows: 5_000,
  /** Frames in the signals (the tab snapshot keeps at most 200). */
  frames: 500,
} as const;

export type CheckResult = { ok: true; value: LogRecord } | { ok: false; error: string };

/** A problem at `path`, or null. */
type Check = (value: unknown, path: string) => string | null;

const fail = (path: string, what: string): string => `${path || 'record'}: ${what}`;
const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

const REASON_KINDS = Object.keys({
  profiling: 1,
  'audience-segment': 1,
  demographic: 1,
  contextual: 1,
  location: 1,
  'precise-location': 1,
  retargeting: 1,
  'cross-site-id': 1,
  'direct-deal': 1,
  auction: 1,
  unknown: 1,
} satisfies Record<ReasonKind, 1>);
const BASES = Object.keys({ declared: 1, observed: 1, inferred: 1 } satisfies Record<Basis, 1>);
const SEVERITIES = Object.keys({ info: 1, warn: 1, alert: 1 } satisfies Record<Severity, 1>);

const str: Check = (v, p) => (typeof v === 'string' ? null : fail(p, 'expected a string'));
const bool: Check = (v, p) => (typeof v === 'boolean' ? null : fail(p, 'expected true or false'));
const count: Check = (v, p) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? null : fail(p, 'expected a whole number of 0 or more'));
const int: Check = (v, p) => (typeof v === 'number' && Number.isInteger(v) ? null : fail(p, 'expected an integer'));
const oneOf =
  (values: readonly string[]): Check =>
  (v, p) =>
    typeof v === 'string' && values.includes(v) ? null : fail(p, `expected one of ${values.join(', ')}`);
const nullable =
  (inner: Check): Check =>
  (v, p) =>
    v === null ? null : inner(v, p);
const optional =
  (inner: Check): Check =>
  (v, p) =>
    v === undefined ? null : inner(v, p);
const date: Check = (v, p) => (typeof v === 'string' && Number.isFinite(Date.parse(v)) ? null : fail(p, 'expected a date and time (ISO 8601)'));

const list =
  (item: Check, max: number): Check =>
  (v, p) => {
    if (!Array.isArray(v)) return fail(p, 'expected a list');
    if (v.length > max) return fail(p, `more than ${max} items`);
    for (let i = 0; i < v.length; i++) {
      const problem = item(v[i], `${p}[${i}]`);
      if (problem) return problem;
    }
    return null;
  };

/** An object whose listed fields pass their checks; other fields are left to the generic caps. */
const shape =
  (fields: Record<string, Check>): Check =>
  (v, p) => {
    if (!isRecord(v)) return fail(p, 'expected an object');
    for (const key of Object.keys(fields)) {
      const problem = (fields[key] as Check)(v[key], join(p, key));
      if (problem) return problem;
    }
    return null;
  };

const strings = (max: number): Check => list(str, max);
const flag = shape({ code: str, severity: oneOf(SEVERITIES) });
const flags = list(flag, RECORD_LIMITS.small);

const reason = shape({
  kind: oneOf(REASON_KINDS),
  basis: oneOf(BASES),
  detail: optional(str),
  evidence: list(shape({ source: str, value: str }), RECORD_LIMITS.evidence),
});

const ad = shape({
  id: str,
  status: oneOf(AD_STATUSES),
  format: oneOf(AD_FORMATS),
  slot: shape({ width: count, height: count, frameUrl: optional(str), elementId: optional(str), selector: optional(str) }),
  detectedBy: strings(RECORD_LIMITS.small),
  label: optional(str),
  advertiser: nullable(shape({ name: optional(str), domain: optional(str) })),
  paidBy: nullable(str),
  sellers: list(shape({ company: optional(str), domain: optional(str), role: optional(str) }), RECORD_LIMITS.small),
  reasons: list(reason, RECORD_LIMITS.reasons),
  dsa: nullable(
    shape({
      behalf: optional(str),
      paid: optional(str),
      params: list(int, RECORD_LIMITS.small),
      transparency: list(shape({ domain: str, params: list(int, RECORD_LIMITS.small) }), RECORD_LIMITS.small),
    }),
  ),
  optOuts: list(shape({ label: str, url: str, id: optional(str) }), RECORD_LIMITS.small),
  flags,
  creativeLinks: optional(list(shape({ kind: oneOf(['why-this-ad', 'adchoices', 'disclosure']), text: str, url: optional(str) }), RECORD_LIMITS.small)),
});

const tcf = shape({
  tcString: str,
  gdprApplies: nullable(bool),
  cmpId: nullable(int),
  purposes: shape({ consented: list(int, RECORD_LIMITS.small), refused: list(int, RECORD_LIMITS.small) }),
  specialFeatures: list(int, RECORD_LIMITS.small),
  vendorsConsented: count,
  status: oneOf(['ok', 'no-response', 'error']),
});

const gpp = shape({
  gppString: str,
  applicableSections: list(int, RECORD_LIMITS.small),
  sections: (v, p) => {
    if (!isRecord(v)) return fail(p, 'expected an object');
    for (const key of Object.keys(v)) if (!isRecord(v[key])) return fail(join(p, key), 'expected an object');
    return null;
  },
});

const schemaOf =
  (expected: string): Check =>
  (v, p) => {
    if (v === expected) return null;
    const family = expected.slice(0, expected.lastIndexOf('/') + 1);
    if (typeof v === 'string' && v.startsWith(family)) return fail(p, `${v} is a version this one cannot read (it reads ${expected})`);
    return fail(p, `expected ${expected}`);
  };

const report = shape({
  schema: schemaOf(PAGE_REPORT_SCHEMA),
  url: str,
  observedAt: date,
  ads: list(ad, RECORD_LIMITS.ads),
  consent: shape({ tcf: nullable(tcf), gpp: nullable(gpp), usp: nullable(str), gpc: nullable(bool) }),
  companies: list(
    shape({ name: str, domain: str, category: str, requests: count, id: optional(str), roles: optional(strings(RECORD_LIMITS.small)), receives: optional(strings(RECORD_LIMITS.small)) }),
    RECORD_LIMITS.companies,
  ),
  identifiers: list(shape({ source: str, via: str, atype: optional(int) }), RECORD_LIMITS.identifiers),
  dataFlows: list(shape({ from: str, to: str, kind: oneOf(['bid-request', 'id-sync', 'pixel']), carries: strings(RECORD_LIMITS.small) }), RECORD_LIMITS.dataFlows),
  flags,
  network: optional(
    shape({
      requests: count,
      adTechRequests: count,
      bidRequests: count,
      unreadableBodies: count,
      dropped: shape({ companies: count, flows: count, identifiers: count }),
    }),
  ),
  adTech: optional(shape({ prebid: list(shape({ global: str, version: nullable(str) }), RECORD_LIMITS.small), gpt: bool, apstag: bool })),
  error: optional(shape({ code: str, message: str })),
});

const record = shape({
  schema: schemaOf(LOG_RECORD_SCHEMA),
  id: (v, p) => (typeof v === 'string' && ID_PATTERN.test(v) ? null : fail(p, 'expected 1 to 128 characters of A-Z, a-z, 0-9, ":", "_", "." or "-"')),
  site: (v, p) => (typeof v === 'string' && v.length <= 253 ? null : fail(p, 'expected a domain name')),
  loggedAt: date,
  redaction: oneOf(URL_REDACTIONS),
  where: oneOf(['browser', 'crawl']),
  report,
  signals: nullable(shape({ frames: list(shape({}), RECORD_LIMITS.frames) })),
  signalsDropped: optional(bool),
  crawl: optional(shape({ consent: oneOf(['accept', 'reject', 'none']), banner: oneOf(['handled', 'found', 'not-found', 'failed']), cmp: optional(str), durationMs: count })),
});

/**
 * Plain JSON within the caps, everywhere (also where the shape check does not look): strings,
 * finite numbers, booleans, null, lists and plain objects. `undefined` is accepted as an object's
 * field (JSON leaves it out). Iterative, so that nesting cannot overflow the stack before the depth
 * cap is seen.
 */
function checkJson(value: unknown): string | null {
  const stack: { v: unknown; p: string; d: number }[] = [{ v: value, p: '', d: 0 }];
  while (stack.length) {
    const { v, p, d } = stack.pop() as { v: unknown; p: string; d: number };
    switch (typeof v) {
      case 'string':
        if (v.length > RECORD_LIMITS.string) return fail(p, `a string longer than ${RECORD_LIMITS.string} characters`);
        continue;
      case 'number':
        if (!Number.isFinite(v)) return fail(p, 'a number that is not finite');
        continue;
      case 'boolean':
        continue;
      case 'object':
        break;
      default:
        return fail(p, `a value JSON cannot hold (${typeof v})`);
    }
    if (v === null) continue;
    if (d >= RECORD_LIMITS.depth) return fail(p, `nested deeper than ${RECORD_LIMITS.depth} levels`);
    if (Array.isArray(v)) {
      if (v.length > RECORD_LIMITS.items) return fail(p, `more than ${RECORD_LIMITS.items} items`);
      for (let i = 0; i < v.length; i++) stack.push({ v: v[i], p: `${p}[${i}]`, d: d + 1 });
      continue;
    }
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) return fail(p, 'an object that is not plain data');
    const keys = Object.keys(v);
    if (keys.length > RECORD_LIMITS.items) return fail(p, `more than ${RECORD_LIMITS.items} fields`);
    for (const key of keys) {
      if (key.length > RECORD_LIMITS.string) return fail(p, 'a field name that is too long');
      const child = (v as Record<string, unknown>)[key];
      if (child !== undefined) stack.push({ v: child, p: join(p, key), d: d + 1 });
    }
  }
  return null;
}

export function checkLogRecord(value: unknown): CheckResult {
  // The shape first: its messages name the field a person would look for.
  const problem = record(value, '') ?? checkJson(value);
  return problem ? { ok: false, error: problem } : { ok: true, value: value as LogRecord };
}
