/**
 * IAB GPP strings (ad-signals §4.3), decoded with @iabgpp/cmpapi's GppModel into plain JSON per
 * section. The string is page data: the decoder never throws, and it reads the header itself before
 * the library does, because the header's Fibonacci-coded section range can name billions of ids
 * in a dozen characters and the library would try to list them all.
 *
 * Sections are decoded one at a time through GppModel.decodeSection, so that a section we will not
 * decode does not stop the others: ids the library does not know, and tcfcav1 (Canada), whose
 * vendor lists are Fibonacci ranges with no bound we check, are listed in `notDecoded`. tcfeuv2 has
 * the TC string layout and is measured like one (src/core/tcf.ts).
 */
import { GppModel, Sections } from '@iabgpp/cmpapi';
import { Base64UrlBits, isBase64Url } from './consent-bits';
import { MAX_TC_EXPANDED_IDS, measureTcString } from './tcf';

export const MAX_GPP_STRING_LENGTH = 65_536;
/** Sections listed in one header; 27 ids exist. */
export const MAX_GPP_SECTIONS = 32;
/** Section ids above this are refused (the highest assigned is 27). */
export const MAX_GPP_SECTION_ID = 255;
/** Items kept per array field (tcfeuv2 vendor lists are the long ones). */
export const MAX_GPP_ARRAY_ITEMS = 5_000;
/** Characters kept per string field. */
export const MAX_GPP_TEXT_LENGTH = 256;

export type JsonPrimitive = string | number | boolean | null;
export type GppFields = Record<string, JsonPrimitive | JsonPrimitive[]>;

export interface DecodedGpp {
  gppString: string;
  /** As the header lists them, including sections that were not decoded. */
  sectionIds: number[];
  /** By section name ("tcfeuv2", "usnat", "usca", …). */
  sections: Record<string, GppFields>;
  /** Listed in the header but not decoded (unknown to the library, or tcfcav1). */
  notDecoded: number[];
  /** True when an array or string field was cut to the caps above. */
  truncated: boolean;
}

export type GppErrorCode = 'not-a-string' | 'too-long' | 'malformed';
export type GppDecodeResult = { ok: true; value: DecodedGpp } | { ok: false; error: { code: GppErrorCode; message: string } };

type Failure = { ok: false; error: { code: GppErrorCode; message: string } };
const fail = (code: GppErrorCode, message: string): Failure => ({ ok: false, error: { code, message } });

const HEADER_TYPE = 3;
const HEADER_VERSION = 1;
// Fibonacci codes for ids up to MAX_GPP_SECTION_ID need at most 12 bits; longer codes mean larger values.
const MAX_FIBONACCI_BITS = 16;

/** Header: Type(6) = 3, Version(6) = 1, SectionIds as a Fibonacci integer range (GPP v1 "Consent String Specification"). */
function readHeader(header: string): number[] | Failure {
  if (!isBase64Url(header)) return fail('malformed', 'the header is not base64url');
  const bits = new Base64UrlBits(header);
  if (bits.read(6) !== HEADER_TYPE || bits.read(6) !== HEADER_VERSION) return fail('malformed', 'not a GPP version 1 header');
  const groups = bits.read(12);
  if (groups === null) return fail('malformed', 'the header ends early');
  if (groups > MAX_GPP_SECTIONS) return fail('too-long', `the header lists more than ${MAX_GPP_SECTIONS} section groups`);
  const ids: number[] = [];
  let offset = 0;
  const next = (): number | null => {
    const delta = bits.readFibonacci(MAX_FIBONACCI_BITS);
    return delta === null ? null : (offset += delta);
  };
  // Every id is the previous one plus a Fibonacci code (≥ 1), so the list ascends and has no repeats.
  for (let g = 0; g < groups; g++) {
    const isRange = bits.read(1);
    const first = isRange === null ? null : next();
    const last = isRange === 1 && first !== null ? next() : first;
    if (first === null || last === null) return fail('malformed', 'the header section list is cut short or holds ids that are too large');
    if (last > MAX_GPP_SECTION_ID) return fail('malformed', `section id ${last} is above ${MAX_GPP_SECTION_ID}`);
    if (ids.length + Math.max(0, last - first + 1) > MAX_GPP_SECTIONS) return fail('too-long', `the header lists more than ${MAX_GPP_SECTIONS} sections`);
    for (let id = first; id <= last; id++) ids.push(id);
  }
  return ids;
}

class Capper {
  truncated = false;

  text(value: string): string {
    if (value.length <= MAX_GPP_TEXT_LENGTH) return value;
    this.truncated = true;
    return value.slice(0, MAX_GPP_TEXT_LENGTH);
  }

  primitive(value: unknown): JsonPrimitive | undefined {
    if (value === null || typeof value === 'boolean') return value;
    if (typeof value === 'number') return Number.isFinite(value) ? value : null;
    if (typeof value === 'string') return this.text(value);
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
    return undefined;
  }

  /** Undefined for values that are not JSON primitives or lists of them: the field is then left out. */
  field(value: unknown): JsonPrimitive | JsonPrimitive[] | undefined {
    if (!Array.isArray(value)) return this.primitive(value);
    if (value.length > MAX_GPP_ARRAY_ITEMS) this.truncated = true;
    const items = value.slice(0, MAX_GPP_ARRAY_ITEMS).map((item) => this.primitive(item));
    return items.every((item): item is JsonPrimitive => item !== undefined) ? items : undefined;
  }
}

// tcfeuv2's restrictions are objects (purpose, type, vendor ids); people read them from the TC decoder.
const SKIPPED_FIELDS = new Set(['PublisherRestrictions']);

function sectionFields(model: GppModel, name: string, capper: Capper): GppFields {
  const raw: unknown = model.getSection(name);
  const out: GppFields = {};
  if (typeof raw !== 'object' || raw === null) return out;
  for (const [field, value] of Object.entries(raw)) {
    if (SKIPPED_FIELDS.has(field)) continue;
    const converted = capper.field(value);
    if (converted !== undefined) out[field] = converted;
  }
  const included = gpcSegmentIncluded(model, name);
  if (included !== null) out.GpcSegmentIncluded = included;
  return out;
}

/**
 * The section object always has a Gpc value; only this flag says whether the string carried the GPC
 * subsection. toObj() leaves it out and hasField() denies it (3.2.0 lists it under no segment's field
 * names), but getFieldValue() answers, and throws for sections that have no such subsection.
 */
function gpcSegmentIncluded(model: GppModel, name: string): boolean | null {
  try {
    const value: unknown = model.getFieldValue(name, 'GpcSegmentIncluded');
    return typeof value === 'boolean' ? value : null;
  } catch {
    return null;
  }
}

function shortMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

function decode(input: unknown): GppDecodeResult {
  if (typeof input !== 'string') return fail('not-a-string', `expected a GPP string, got ${input === null ? 'null' : typeof input}`);
  if (input.length > MAX_GPP_STRING_LENGTH) return fail('too-long', `GPP string longer than ${MAX_GPP_STRING_LENGTH} characters`);
  const text = input.trim();
  // The library would read a bare TC string ("C…") as a tcfeuv2 section; here that is a different signal.
  if (text.startsWith('C')) return fail('malformed', 'this is a TCF string, not a GPP string');
  const [header = '', ...encoded] = text.split('~');
  const ids = readHeader(header);
  if (!Array.isArray(ids)) return ids;
  if (ids.length !== encoded.length) return fail('malformed', `the header lists ${ids.length} sections but the string has ${encoded.length}`);

  const model = new GppModel();
  const capper = new Capper();
  const value: DecodedGpp = { gppString: text, sectionIds: ids, sections: {}, notDecoded: [], truncated: false };
  for (const [i, id] of ids.entries()) {
    const section = encoded[i] ?? '';
    const name = Sections.SECTION_ID_NAME_MAP.get(id);
    if (section.trim() === '') return fail('malformed', `section ${id} is empty`);
    if (name === undefined || name === 'tcfcav1') {
      value.notDecoded.push(id);
      continue;
    }
    if (name === 'tcfeuv2') {
      const shape = measureTcString(section);
      if (!shape) return fail('malformed', 'section tcfeuv2 is not base64url');
      if (shape.expandedIds > MAX_TC_EXPANDED_IDS) return fail('too-long', `section tcfeuv2 vendor ranges expand to more than ${MAX_TC_EXPANDED_IDS} ids`);
    }
    try {
      model.decodeSection(name, section);
      value.sections[name] = sectionFields(model, name, capper);
    } catch (err) {
      return fail('malformed', `section ${name}: ${shortMessage(err)}`);
    }
  }
  value.truncated = capper.truncated;
  return { ok: true, value };
}

/** Never throws, whatever `input` is. */
export function decodeGppString(input: unknown): GppDecodeResult {
  try {
    return decode(input);
  } catch (err) {
    return fail('malformed', shortMessage(err));
  }
}

/**
 * The field that says whether the person opted out of ads chosen from their activity elsewhere, per
 * section. usca has no TargetedAdvertisingOptOut: California's law calls cross-context behavioural
 * advertising "sharing", so its SharingOptOut is the equivalent. usnat and every other state section
 * have TargetedAdvertisingOptOut. Values: 0 not applicable, 1 opted out, 2 did not opt out.
 */
export const US_AD_OPT_OUT_FIELD: Readonly<Record<string, string>> = {
  usnat: 'TargetedAdvertisingOptOut',
  usca: 'SharingOptOut',
  ...Object.fromEntries(
    ['usva', 'usco', 'usut', 'usct', 'usfl', 'usmt', 'usor', 'ustx', 'usde', 'usia', 'usne', 'usnh', 'usnj', 'ustn', 'usmn', 'usmd', 'usin', 'usky', 'usri'].map((s) => [s, 'TargetedAdvertisingOptOut']),
  ),
};

export type UsAdOptOut = 'opted-out' | 'not-opted-out' | 'not-applicable' | 'unknown';

/**
 * One answer across the US sections present: an opt-out in any of them wins (a person protected by
 * one law is protected), then a recorded "did not opt out", then "not applicable"; "unknown" when
 * no US section carries the field.
 */
export function usTargetedAdvertisingOptOut(decoded: DecodedGpp): UsAdOptOut {
  const values = Object.entries(US_AD_OPT_OUT_FIELD).map(([section, field]) =>
    Object.hasOwn(decoded.sections, section) ? decoded.sections[section]?.[field] : undefined,
  );
  if (values.includes(1)) return 'opted-out';
  if (values.includes(2)) return 'not-opted-out';
  if (values.includes(0)) return 'not-applicable';
  return 'unknown';
}

/**
 * The Gpc flag of the GPC subsections the string carries (usnat and the state sections that define
 * one): true if any says GPC was on, false if they all say off, null when the string carries none.
 */
export function usGpcSubsection(decoded: DecodedGpp): boolean | null {
  let seen: boolean | null = null;
  for (const [name, fields] of Object.entries(decoded.sections)) {
    if (!name.startsWith('us') || fields.GpcSegmentIncluded !== true || typeof fields.Gpc !== 'boolean') continue;
    if (fields.Gpc) return true;
    seen = false;
  }
  return seen;
}
