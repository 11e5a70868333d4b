import { FibonacciIntegerEncoder, GppModel } from '@iabgpp/cmpapi';
import { build } from 'esbuild';
import fc from 'fast-check';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  decodeGppString,
  MAX_GPP_ARRAY_ITEMS,
  MAX_GPP_SECTION_ID,
  MAX_GPP_SECTIONS,
  MAX_GPP_STRING_LENGTH,
  usGpcSubsection,
  usTargetedAdvertisingOptOut,
  type DecodedGpp,
  type GppDecodeResult,
  type GppErrorCode,
} from '../../src/core/gpp';
import { decodeTcString, MAX_TC_EXPANDED_IDS, measureTcString } from '../../src/core/tcf';
import { bitsToBase64Url, rangeVector, tcCoreSegment, uint } from './consent-strings';

type FieldValue = string | number | boolean | number[] | boolean[];

/** A GPP string made by the library itself, from `{ section: { field: value } }`. */
function encodeGpp(sections: Record<string, Record<string, FieldValue>>): string {
  const model = new GppModel();
  for (const [section, fields] of Object.entries(sections)) for (const [field, value] of Object.entries(fields)) model.setFieldValue(section, field, value);
  return model.encode();
}

function decoded(text: string): DecodedGpp {
  const result = decodeGppString(text);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

const errorCode = (result: GppDecodeResult): GppErrorCode | 'ok' => (result.ok ? 'ok' : result.error.code);

/** A GPP header listing `groups` (single ids or inclusive ranges), written as the spec's Fibonacci range. */
function header(groups: readonly (readonly [number] | readonly [number, number])[]): string {
  let offset = 0;
  const fib = (id: number): string => {
    const code = FibonacciIntegerEncoder.encode(id - offset);
    offset = id;
    return code;
  };
  const body = groups.map((g) => (g.length === 1 ? `0${fib(g[0])}` : `1${fib(g[0])}${fib(g[1])}`)).join('');
  return bitsToBase64Url(uint(3, 6) + uint(1, 6) + uint(groups.length, 12) + body);
}

describe('decodeGppString on strings made by @iabgpp/cmpapi', () => {
  it('reads usnat with a GPC subsection: opted out of targeted advertising, GPC on', () => {
    const value = decoded(encodeGpp({ usnat: { TargetedAdvertisingOptOutNotice: 1, TargetedAdvertisingOptOut: 1, MspaCoveredTransaction: 2, GpcSegmentIncluded: true, Gpc: true } }));
    expect(value.sectionIds).toEqual([7]);
    expect(value.sections.usnat).toMatchObject({ Version: 2, TargetedAdvertisingOptOutNotice: 1, TargetedAdvertisingOptOut: 1, MspaCoveredTransaction: 2, GpcSegmentIncluded: true, Gpc: true });
    expect(value.sections.usnat?.SensitiveDataProcessing).toHaveLength(16);
    expect(usTargetedAdvertisingOptOut(value)).toBe('opted-out');
    expect(usGpcSubsection(value)).toBe(true);
  });

  it('reads usnat without a GPC subsection: not opted out, no GPC signal', () => {
    const value = decoded(encodeGpp({ usnat: { TargetedAdvertisingOptOut: 2, GpcSegmentIncluded: false } }));
    expect(value.sections.usnat).toMatchObject({ TargetedAdvertisingOptOut: 2, GpcSegmentIncluded: false });
    expect(usTargetedAdvertisingOptOut(value)).toBe('not-opted-out');
    expect(usGpcSubsection(value)).toBeNull();
  });

  it('reads a GPC subsection that says GPC was off', () => {
    expect(usGpcSubsection(decoded(encodeGpp({ usnat: { GpcSegmentIncluded: true, Gpc: false } })))).toBe(false);
  });

  it('says "not applicable" for 0 and "unknown" when no US section is there', () => {
    expect(usTargetedAdvertisingOptOut(decoded(encodeGpp({ usnat: { TargetedAdvertisingOptOut: 0 } })))).toBe('not-applicable');
    expect(usTargetedAdvertisingOptOut(decoded(encodeGpp({ tcfeuv2: { CmpId: 31 } })))).toBe('unknown');
  });

  it('reads California from SharingOptOut and lets an opt-out in any section win', () => {
    expect(usTargetedAdvertisingOptOut(decoded(encodeGpp({ usca: { SharingOptOut: 1 } })))).toBe('opted-out');
    expect(usTargetedAdvertisingOptOut(decoded(encodeGpp({ usca: { SharingOptOut: 2 } })))).toBe('not-opted-out');
    const both = decoded(encodeGpp({ usnat: { TargetedAdvertisingOptOut: 2 }, usva: { TargetedAdvertisingOptOut: 1 } }));
    expect(both.sectionIds).toEqual([7, 9]);
    expect(usTargetedAdvertisingOptOut(both)).toBe('opted-out');
  });

  it('reads tcfeuv2 with dates as ISO strings, and agrees with the TC string decoder on it', () => {
    const text = encodeGpp({
      tcfeuv2: { CmpId: 31, CmpVersion: 3, PurposeConsents: [true, false, true, true], VendorConsents: [1, 2, 755], VendorLegitimateInterests: [755] },
      usnat: { TargetedAdvertisingOptOut: 1 },
    });
    const value = decoded(text);
    expect(value.sectionIds).toEqual([2, 7]);
    const tcf = value.sections.tcfeuv2;
    expect(tcf).toMatchObject({ CmpId: 31, CmpVersion: 3, VendorConsents: [1, 2, 755], VendorLegitimateInterests: [755] });
    expect(tcf?.Created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(tcf && 'PublisherRestrictions' in tcf).toBe(false);
    const tcString = text.split('~')[1];
    const viaTcf = decodeTcString(tcString);
    expect(viaTcf.ok && viaTcf.value.vendorConsents).toEqual([1, 2, 755]);
    expect(viaTcf.ok && viaTcf.value.purposeConsents).toEqual([1, 3, 4]);
  });

  it('round-trips: the library re-encodes what we decoded to the same string', () => {
    const text = encodeGpp({ usnat: { SaleOptOut: 1, SharingOptOut: 2, TargetedAdvertisingOptOut: 1, GpcSegmentIncluded: true, Gpc: true }, usco: { TargetedAdvertisingOptOut: 2 } });
    const value = decoded(text);
    const again = new GppModel();
    for (const [name, fields] of Object.entries(value.sections)) {
      for (const [field, v] of Object.entries(fields)) if (field !== 'GpcSegmentType' && field !== 'Version') again.setFieldValue(name, field, v);
    }
    expect(again.encode()).toBe(text);
  });

  it('lists tcfcav1 and unknown sections without decoding them', () => {
    const ca = decoded(encodeGpp({ tcfcav1: { CmpId: 31 }, usnat: { TargetedAdvertisingOptOut: 2 } }));
    expect(ca.sectionIds).toEqual([5, 7]);
    expect(ca.notDecoded).toEqual([5]);
    expect(Object.keys(ca.sections)).toEqual(['usnat']);
    const unknown = decoded(`${header([[7], [99]])}~${encodeGpp({ usnat: { TargetedAdvertisingOptOut: 1 } }).split('~')[1]}~AAAA`);
    expect(unknown.notDecoded).toEqual([99]);
    expect(usTargetedAdvertisingOptOut(unknown)).toBe('opted-out');
  });

  it('reads the illustrative string from ad-signals §4.3 (usnat version 1)', () => {
    const value = decoded('DBABLA~BVQqAAAAAgA.QA');
    expect(value.sections.usnat).toMatchObject({ Version: 1, TargetedAdvertisingOptOut: 2, MspaCoveredTransaction: 2, GpcSegmentIncluded: true, Gpc: false });
  });
});

describe('decodeGppString errors', () => {
  it.each([undefined, null, 7, {}, ['DBABLA~BVQqAAAAAgA.QA']])('%s is not a string', (input) => {
    expect(errorCode(decodeGppString(input))).toBe('not-a-string');
  });

  it.each([
    '',
    'D',
    'DB',
    'xyz',
    'DBABLA',
    'DBABLA~',
    'DBABLA~ ',
    'DBABLA~garbage!',
    'DBABLA~BVQqAAAAAgA.QA~BVQqAAAAAgA',
    'CPXxRfAPXxRfAAfKABENB-CgAAAAAAAAAAYgAAAAAAAA',
    // Header type 3 version 2.
    bitsToBase64Url(uint(3, 6) + uint(2, 6) + uint(0, 12)),
  ])('%j is malformed', (input) => {
    expect(errorCode(decodeGppString(input))).toBe('malformed');
  });

  it('refuses section ids above MAX_GPP_SECTION_ID', () => {
    expect(errorCode(decodeGppString(`${header([[MAX_GPP_SECTION_ID + 1]])}~AAAA`))).toBe('malformed');
    expect(decoded(`${header([[MAX_GPP_SECTION_ID]])}~AAAA`).notDecoded).toEqual([MAX_GPP_SECTION_ID]);
  });
});

describe('decodeGppString caps', () => {
  it('refuses input longer than MAX_GPP_STRING_LENGTH', () => {
    expect(errorCode(decodeGppString(`DB${'A'.repeat(MAX_GPP_STRING_LENGTH)}`))).toBe('too-long');
  });

  it('reads the header itself, so a range of a million section ids costs nothing', () => {
    // The library would list all of them before checking anything: 3M ids took it 136 ms here.
    expect(errorCode(decodeGppString(`${header([[1, 1_000_000]])}~AA`))).toBe('malformed');
    expect(errorCode(decodeGppString(`${header([[100, 1_000_000_000]])}~AA`))).toBe('malformed');
  });

  it(`accepts ${MAX_GPP_SECTIONS} sections in a header and refuses one more`, () => {
    const sections = (n: number) => Array.from({ length: n }, () => 'AAAA').join('~');
    const atCap = decoded(`${header([[100, 100 + MAX_GPP_SECTIONS - 1]])}~${sections(MAX_GPP_SECTIONS)}`);
    expect(atCap.notDecoded).toHaveLength(MAX_GPP_SECTIONS);
    expect(errorCode(decodeGppString(`${header([[100, 100 + MAX_GPP_SECTIONS]])}~${sections(MAX_GPP_SECTIONS + 1)}`))).toBe('too-long');
  });

  it('measures a tcfeuv2 section like a TC string and refuses one that expands too far', () => {
    const ranges = Array.from({ length: 6 }, () => [1, 65_535] as const);
    const hostile = tcCoreSegment({ consents: rangeVector(65_535, ranges) });
    expect(6 * 65_536).toBeGreaterThan(MAX_TC_EXPANDED_IDS);
    expect(errorCode(decodeGppString(`${header([[2]])}~${hostile}`))).toBe('too-long');
    // The library types segments by their first bits, in any order, and reads any core version with the v2 layout.
    expect(errorCode(decodeGppString(`${header([[2]])}~IAAA.${hostile}`))).toBe('too-long');
    const version3 = tcCoreSegment({ version: 3, consents: rangeVector(65_535, ranges) });
    expect(errorCode(decodeGppString(`${header([[2]])}~${version3}`))).toBe('too-long');
  });

  it('measures tcfeuv2 sections at the offsets the library writes them', () => {
    const vendors = Array.from({ length: 3_000 }, (_, i) => i + 1);
    const section = encodeGpp({ tcfeuv2: { CmpId: 31, VendorConsents: vendors, VendorLegitimateInterests: [5, 6] } }).split('~')[1] ?? '';
    // One range entry over 3,000 ids (1 + 3,000), a 6-bit field for the legitimate interests.
    expect(measureTcString(section)?.expandedIds).toBe(3_001 + 6);
  });

  it(`keeps ${MAX_GPP_ARRAY_ITEMS} items of a long list and says so`, () => {
    const vendors = Array.from({ length: 6_000 }, (_, i) => i + 1);
    const value = decoded(encodeGpp({ tcfeuv2: { CmpId: 31, VendorConsents: vendors } }));
    expect(value.sections.tcfeuv2?.VendorConsents).toHaveLength(MAX_GPP_ARRAY_ITEMS);
    expect(value.truncated).toBe(true);
  });
});

const BASE64URL = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'];
const base64url = (maxLength: number) => fc.string({ unit: fc.constantFrom(...BASE64URL), maxLength });

function expectTyped(result: GppDecodeResult): void {
  if (result.ok) {
    expect(JSON.parse(JSON.stringify(result.value))).toEqual(result.value);
    for (const fields of Object.values(result.value.sections)) {
      for (const v of Object.values(fields)) if (Array.isArray(v)) expect(v.length).toBeLessThanOrEqual(MAX_GPP_ARRAY_ITEMS);
    }
  } else {
    expect(['not-a-string', 'too-long', 'malformed']).toContain(result.error.code);
    expect(result.error.message.length).toBeLessThanOrEqual(220);
  }
}

describe('decodeGppString on anything (property tests)', () => {
  const valid = encodeGpp({ tcfeuv2: { CmpId: 31, VendorConsents: [1, 2, 755] }, uspv1: { Notice: 'Y', OptOutSale: 'N' }, usnat: { TargetedAdvertisingOptOut: 1, GpcSegmentIncluded: true, Gpc: true }, usca: { SharingOptOut: 2 } });

  it('returns a value or a typed error for any value at all', () => {
    fc.assert(fc.property(fc.anything(), (input) => expectTyped(decodeGppString(input))));
  });

  it('does so for random and unicode strings', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })), (input) => expectTyped(decodeGppString(input))));
  });

  it('does so for "DB" headers followed by random sections', () => {
    fc.assert(fc.property(base64url(12), fc.array(base64url(60), { maxLength: 6 }), (h, sections) => expectTyped(decodeGppString([`DB${h}`, ...sections].join('~')))), {
      numRuns: 500,
    });
  });

  it('does so for every cut of a valid string', () => {
    fc.assert(fc.property(fc.nat(valid.length), (n) => expectTyped(decodeGppString(valid.slice(0, n)))));
  });

  it('does so for valid strings with one character changed', () => {
    fc.assert(
      fc.property(fc.nat(valid.length - 1), fc.constantFrom(...BASE64URL, '.', '~'), (i, c) => expectTyped(decodeGppString(valid.slice(0, i) + c + valid.slice(i + 1)))),
      { numRuns: 500 },
    );
  });

  it('does so for very long strings', () => {
    fc.assert(
      fc.property(fc.integer({ min: MAX_GPP_STRING_LENGTH - 10, max: MAX_GPP_STRING_LENGTH + 10 }), (length) => {
        const result = decodeGppString(`${valid}~${'A'.repeat(Math.max(0, length - valid.length - 1))}`);
        expectTyped(result);
        if (length > MAX_GPP_STRING_LENGTH) expect(errorCode(result)).toBe('too-long');
      }),
      { numRuns: 20 },
    );
  });
});

describe('the decoders in a browser bundle', () => {
  it('bundle for the browser without Node built-ins and decode in a bare context', async () => {
    const root = join(import.meta.dirname, '..', '..');
    const result = await build({
      stdin: { contents: "export { decodeGppString } from './src/core/gpp'; export { decodeTcString } from './src/core/tcf';", resolveDir: root, loader: 'ts' },
      bundle: true,
      platform: 'browser',
      format: 'iife',
      globalName: 'decoders',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.text ?? '';
    expect(code).not.toMatch(/\brequire\(|from ["']node:/);
    // No window, document, process or require: what a service worker has, minus its web APIs.
    const answer: unknown = runInNewContext(`${code}; JSON.stringify(decoders.decodeGppString(${JSON.stringify('DBABLA~BVQqAAAAAgA.QA')}))`, {});
    expect(JSON.parse(String(answer))).toEqual(JSON.parse(JSON.stringify(decodeGppString('DBABLA~BVQqAAAAAgA.QA'))));
  });
});
