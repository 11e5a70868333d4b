/**
 * TCF v2 TC strings (ad-signals §4.1), decoded with @iabtechlabtcf/core into plain, capped data.
 * The string comes from the page (a CMP's `tcData.tcString`, a cookie) and is hostile until decoded:
 * the decoder never throws, refuses what is too long or asks for too much work, and returns a
 * typed error instead.
 */
import { TCString, type TCModel, type Vector } from '@iabtechlabtcf/core';
import { Base64UrlBits, isBase64Url } from './consent-bits';

/** Real TC strings are a few hundred bytes to a few kilobytes. */
export const MAX_TC_STRING_LENGTH = 65_536;
/** Ids kept per vendor list; the GVL has far fewer vendors, so only a hostile string is cut. */
export const MAX_TC_VENDOR_IDS = 5_000;
/**
 * The most vendor ids all ranges of a string may expand to. The library sets one id at a time for
 * every id in a range, so a 2 KB string of ranges over 1–65535 costs it a second of CPU; a real
 * string (every vendor in three lists, publisher restrictions for each purpose) stays far below.
 */
export const MAX_TC_EXPANDED_IDS = 300_000;
/** Core, disclosed vendors, allowed vendors, publisher TC. */
const MAX_SEGMENTS = 4;

export interface DecodedTc {
  version: number;
  cmpId: number;
  cmpVersion: number;
  policyVersion: number;
  vendorListVersion: number;
  created: string | null;
  lastUpdated: string | null;
  publisherCountryCode: string;
  isServiceSpecific: boolean;
  /** True when purpose 1 was not disclosed because the publisher's country does not require it. */
  purposeOneTreatment: boolean;
  purposeConsents: number[];
  purposeLegitimateInterests: number[];
  specialFeatureOptins: number[];
  /** Ascending; at most MAX_TC_VENDOR_IDS of them. */
  vendorConsents: number[];
  vendorConsentCount: number;
  vendorLegitimateInterests: number[];
  vendorLegitimateInterestCount: number;
  /** True when either vendor list was cut to MAX_TC_VENDOR_IDS. */
  truncated: boolean;
  /** Vendors the CMP disclosed (TCF 2.3 makes that segment mandatory); null when the string has no such segment. */
  disclosedVendorCount: number | null;
}

export type TcfErrorCode = 'not-a-string' | 'too-long' | 'malformed' | 'unsupported-version';
export type TcfDecodeResult = { ok: true; value: DecodedTc } | { ok: false; error: { code: TcfErrorCode; message: string } };

const fail = (code: TcfErrorCode, message: string): TcfDecodeResult => ({ ok: false, error: { code, message } });

// Segment types: the first 3 bits of a segment (of the core's 6-bit version, for the core).
const SEGMENT_CORE = 0;
const SEGMENT_VENDORS_DISCLOSED = 1;
const SEGMENT_VENDORS_ALLOWED = 2;
// Version(6) Created(36) LastUpdated(36) CmpId(12) CmpVersion(12) ConsentScreen(6) ConsentLanguage(12)
// VendorListVersion(12) TcfPolicyVersion(6) IsServiceSpecific(1) UseNonStandardTexts(1)
// SpecialFeatureOptIns(12) PurposesConsent(24) PurposesLITransparency(24) PurposeOneTreatment(1) PublisherCC(12).
const CORE_FIELDS_AFTER_VERSION = 213 - 6;

/** Ids a range list (NumEntries, then single ids or start–end pairs) makes the library set. */
function rangeWork(bits: Base64UrlBits): number {
  const entries = bits.read(12);
  let work = 0;
  for (let i = 0; entries !== null && i < entries; i++) {
    const isRange = bits.read(1);
    const first = bits.read(16);
    if (isRange === null || first === null) break;
    if (isRange === 0) {
      work += 1;
      continue;
    }
    const last = bits.read(16);
    if (last === null) break;
    work += 1 + Math.max(0, last - first + 1);
  }
  return work;
}

/** A vendor vector: MaxVendorId(16), IsRangeEncoding(1), then a bit field or a range list. */
function vendorVectorWork(bits: Base64UrlBits): number {
  const maxId = bits.read(16);
  const isRange = bits.read(1);
  if (maxId === null || isRange === null) return 0;
  if (isRange === 1) return rangeWork(bits);
  bits.skip(maxId);
  return maxId;
}

export interface TcStringShape {
  /** The version of the first segment if that is a core segment, else null. */
  version: number | null;
  /** Per segment, its type from the first 3 bits: 0 core, 1 disclosed vendors, 2 allowed vendors, 3 publisher TC. */
  segmentTypes: number[];
  /** How many vendor ids decoding will set, counting every id of every range. */
  expandedIds: number;
}

/**
 * Measures a TC string without decoding it; also used for the tcfeuv2 section of GPP strings, which
 * has the same layout. Both libraries type every segment by its first 3 bits, in any order, and read
 * a core segment with the version 2 layout, so that is what is measured, whatever the position or
 * version (the TC decoder refuses other versions before decoding). Null when a segment is not
 * base64url. Reading stops quietly where the text ends: the decoder will reject such a string,
 * having done no more work than counted.
 */
export function measureTcString(text: string): TcStringShape | null {
  const segments = text.split('.');
  if (!segments.every(isBase64Url)) return null;
  const shape: TcStringShape = { version: null, segmentTypes: [], expandedIds: 0 };
  segments.forEach((segment, index) => {
    const bits = new Base64UrlBits(segment);
    const type = bits.read(3) ?? -1;
    shape.segmentTypes.push(type);
    if (type === SEGMENT_CORE) {
      // A core segment has no type field: its first 6 bits are the version, which is below 8.
      const version = bits.read(3) ?? 0;
      if (index === 0) shape.version = version;
      if (!bits.skip(CORE_FIELDS_AFTER_VERSION)) return;
      shape.expandedIds += vendorVectorWork(bits) + vendorVectorWork(bits);
      const restrictions = bits.read(12) ?? 0;
      for (let r = 0; r < restrictions && bits.skip(8); r++) shape.expandedIds += 1 + rangeWork(bits);
    } else if (type === SEGMENT_VENDORS_DISCLOSED || type === SEGMENT_VENDORS_ALLOWED) {
      shape.expandedIds += vendorVectorWork(bits);
    }
  });
  return shape;
}

function ids(vector: Vector, max: number): { ids: number[]; count: number } {
  const out: number[] = [];
  let count = 0;
  // maxId is at most 65535 (16 bits), so walking it is cheap and gives ascending ids.
  for (let id = 1; id <= vector.maxId; id++) {
    if (!vector.has(id)) continue;
    count++;
    if (out.length < max) out.push(id);
  }
  return { ids: out, count };
}

function isoDate(date: unknown): string | null {
  return date instanceof Date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}

function toDecoded(model: TCModel, hasDisclosedSegment: boolean): DecodedTc {
  const consents = ids(model.vendorConsents, MAX_TC_VENDOR_IDS);
  const legInt = ids(model.vendorLegitimateInterests, MAX_TC_VENDOR_IDS);
  return {
    version: Number(model.version),
    cmpId: Number(model.cmpId),
    cmpVersion: Number(model.cmpVersion),
    policyVersion: Number(model.policyVersion),
    vendorListVersion: Number(model.vendorListVersion),
    created: isoDate(model.created),
    lastUpdated: isoDate(model.lastUpdated),
    publisherCountryCode: String(model.publisherCountryCode),
    isServiceSpecific: model.isServiceSpecific === true,
    purposeOneTreatment: model.purposeOneTreatment === true,
    purposeConsents: ids(model.purposeConsents, 24).ids,
    purposeLegitimateInterests: ids(model.purposeLegitimateInterests, 24).ids,
    specialFeatureOptins: ids(model.specialFeatureOptins, 12).ids,
    vendorConsents: consents.ids,
    vendorConsentCount: consents.count,
    vendorLegitimateInterests: legInt.ids,
    vendorLegitimateInterestCount: legInt.count,
    truncated: consents.count > consents.ids.length || legInt.count > legInt.ids.length,
    disclosedVendorCount: hasDisclosedSegment ? model.vendorsDisclosed.size : null,
  };
}

/** Library messages quote the whole input; ours must stay short whatever the page sent. */
function shortMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

function decode(input: unknown): TcfDecodeResult {
  if (typeof input !== 'string') return fail('not-a-string', `expected a TC string, got ${input === null ? 'null' : typeof input}`);
  if (input.length > MAX_TC_STRING_LENGTH) return fail('too-long', `TC string longer than ${MAX_TC_STRING_LENGTH} characters`);
  const text = input.trim();
  if (text === '') return fail('malformed', 'empty TC string');
  // A GPP header is type 3 version 1, so every GPP string starts "DB"; as a TC string it would read as version 3.
  if (text.startsWith('DB')) return fail('unsupported-version', 'this is a GPP string, not a TC string');
  if (text.split('.').length > MAX_SEGMENTS) return fail('malformed', `more than ${MAX_SEGMENTS} segments`);
  const shape = measureTcString(text);
  if (!shape) return fail('malformed', 'not base64url segments joined by "."');
  if (shape.version === null) return fail('malformed', 'does not start with a core segment');
  if (shape.version !== 2) {
    const hint = shape.version === 1 ? ' (TCF v1 strings are no longer valid)' : '';
    return fail('unsupported-version', `TC string version ${shape.version}${hint}; only version 2 is decoded`);
  }
  if (shape.expandedIds > MAX_TC_EXPANDED_IDS) return fail('too-long', `vendor ranges expand to ${shape.expandedIds} ids, more than ${MAX_TC_EXPANDED_IDS}`);
  let model: TCModel;
  try {
    model = TCString.decode(text);
  } catch (err) {
    return fail('malformed', shortMessage(err));
  }
  return { ok: true, value: toDecoded(model, shape.segmentTypes.includes(SEGMENT_VENDORS_DISCLOSED)) };
}

/** Never throws, whatever `input` is. */
export function decodeTcString(input: unknown): TcfDecodeResult {
  try {
    return decode(input);
  } catch (err) {
    // Only reached if the library misbehaves in a way the checks above did not foresee.
    return fail('malformed', shortMessage(err));
  }
}

const TCF_PURPOSES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;

/** Purposes 1–11 split by consent. "Refused" means no consent signal: the person said no or was never asked. */
export function consentSummary(decoded: DecodedTc): { consented: number[]; refused: number[] } {
  const given = new Set(decoded.purposeConsents);
  return { consented: TCF_PURPOSES.filter((p) => given.has(p)), refused: TCF_PURPOSES.filter((p) => !given.has(p)) };
}

/** Whether the string records consent for a vendor; null when the list was truncated before that id. */
export function hasVendorConsent(decoded: DecodedTc, vendorId: number): boolean | null {
  if (!Number.isSafeInteger(vendorId) || vendorId <= 0) return false;
  if (decoded.vendorConsents.includes(vendorId)) return true;
  const cut = decoded.vendorConsentCount > decoded.vendorConsents.length;
  return cut && vendorId > (decoded.vendorConsents.at(-1) ?? 0) ? null : false;
}
