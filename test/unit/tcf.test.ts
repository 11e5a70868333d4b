import { Segment, TCModel, TCString } from '@iabtechlabtcf/core';
import { bundledGvl } from './gvl';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import vendorList from '../../src/core/data/vendor-list.json';
import {
  consentSummary,
  decodeTcString,
  hasVendorConsent,
  MAX_TC_EXPANDED_IDS,
  MAX_TC_STRING_LENGTH,
  MAX_TC_VENDOR_IDS,
  measureTcString,
  type TcfDecodeResult,
  type TcfErrorCode,
} from '../../src/core/tcf';
import { bitFieldVector, disclosedVendorsSegment, rangeVector, tcCoreSegment, type RangeEntry } from './consent-strings';

function encodedModel(): TCModel {
  const model = new TCModel(bundledGvl());
  model.cmpId = 31;
  model.cmpVersion = 5;
  model.consentScreen = 2;
  model.publisherCountryCode = 'NL';
  model.isServiceSpecific = false;
  model.created = new Date('2026-03-01T10:00:00Z');
  model.lastUpdated = new Date('2026-03-02T11:30:00Z');
  model.purposeConsents.set([1, 3, 4]);
  model.purposeLegitimateInterests.set([2, 7]);
  model.specialFeatureOptins.set(1);
  model.vendorConsents.set([1, 2, 755]);
  model.vendorLegitimateInterests.set([755]);
  model.vendorsDisclosed.set([1, 2, 6, 755]);
  return model;
}

const ALL_CODES: readonly TcfErrorCode[] = ['not-a-string', 'too-long', 'malformed', 'unsupported-version'];

function expectTyped(result: TcfDecodeResult): void {
  if (result.ok) {
    expect(result.value.vendorConsents.length).toBeLessThanOrEqual(MAX_TC_VENDOR_IDS);
    expect(JSON.parse(JSON.stringify(result.value))).toEqual(result.value);
  } else {
    expect(ALL_CODES).toContain(result.error.code);
    expect(result.error.message.length).toBeLessThanOrEqual(200);
  }
}

function errorCode(result: TcfDecodeResult): TcfErrorCode | 'ok' {
  return result.ok ? 'ok' : result.error.code;
}

describe('decodeTcString on strings made by @iabtechlabtcf/core', () => {
  it('reads back what was encoded', () => {
    const result = decodeTcString(TCString.encode(encodedModel()));
    expect(result).toEqual({
      ok: true,
      value: {
        version: 2,
        cmpId: 31,
        cmpVersion: 5,
        policyVersion: vendorList.tcfPolicyVersion,
        vendorListVersion: vendorList.vendorListVersion,
        created: '2026-03-01T10:00:00.000Z',
        lastUpdated: '2026-03-02T11:30:00.000Z',
        publisherCountryCode: 'NL',
        isServiceSpecific: false,
        purposeOneTreatment: false,
        purposeConsents: [1, 3, 4],
        purposeLegitimateInterests: [2, 7],
        specialFeatureOptins: [1],
        vendorConsents: [1, 2, 755],
        vendorConsentCount: 3,
        vendorLegitimateInterests: [755],
        vendorLegitimateInterestCount: 1,
        truncated: false,
        disclosedVendorCount: 4,
      },
    });
  });

  it('says when the string has no disclosed-vendors segment', () => {
    const result = decodeTcString(TCString.encode(encodedModel(), { segments: [Segment.CORE] }));
    expect(result.ok && result.value.disclosedVendorCount).toBeNull();
  });

  it('summarises purposes 1–11 and answers per vendor', () => {
    const result = decodeTcString(TCString.encode(encodedModel()));
    if (!result.ok) throw new Error(result.error.message);
    expect(consentSummary(result.value)).toEqual({ consented: [1, 3, 4], refused: [2, 5, 6, 7, 8, 9, 10, 11] });
    expect(hasVendorConsent(result.value, 755)).toBe(true);
    expect(hasVendorConsent(result.value, 6)).toBe(false);
    expect(hasVendorConsent(result.value, -1)).toBe(false);
  });

  it('ignores white space around the string', () => {
    expect(decodeTcString(`  ${TCString.encode(encodedModel())}\n`).ok).toBe(true);
  });
});

describe('decodeTcString errors', () => {
  it.each([undefined, null, 42, {}, [], true, 10n])('%s is not a string', (input) => {
    expect(errorCode(decodeTcString(input))).toBe('not-a-string');
  });

  it.each([
    ['', 'malformed'],
    ['   ', 'malformed'],
    ['C', 'malformed'],
    ['not a tc string!', 'malformed'],
    ['CPXxRfAPXxRfAAfKABENB-CgAAAAAAAAAAYgAAAAAAAA..', 'malformed'],
    ['CA.IA.IA.IA.IA', 'malformed'],
    // Starts with a disclosed-vendors segment instead of the core.
    ['IAAA', 'malformed'],
    // TCF v1 and GPP strings.
    ['BOEFEAyOEFEAyAHABDENAI4AAAB9vABAASA', 'unsupported-version'],
    ['DBABLA~BVQqAAAAAgA.QA', 'unsupported-version'],
  ] as const)('%j is %s', (input, code) => {
    expect(errorCode(decodeTcString(input))).toBe(code);
  });

  it('names a GPP string for what it is', () => {
    const result = decodeTcString('DBABLA~BVQqAAAAAgA.QA');
    expect(!result.ok && result.error.message).toMatch(/GPP/);
  });
});

describe('decodeTcString caps', () => {
  it('refuses input longer than MAX_TC_STRING_LENGTH before looking at it', () => {
    expect(errorCode(decodeTcString(`C${'A'.repeat(MAX_TC_STRING_LENGTH)}`))).toBe('too-long');
    expect(errorCode(decodeTcString('C'.padEnd(MAX_TC_STRING_LENGTH, 'A')))).not.toBe('too-long');
  });

  it('keeps MAX_TC_VENDOR_IDS ids, counts them all, and says the list was cut', () => {
    const text = tcCoreSegment({ consents: rangeVector(6000, [[1, 6000]]), legitimateInterests: bitFieldVector([3, 4]) });
    const result = decodeTcString(text);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.vendorConsentCount).toBe(6000);
    expect(result.value.vendorConsents).toHaveLength(MAX_TC_VENDOR_IDS);
    expect(result.value.vendorConsents.at(-1)).toBe(MAX_TC_VENDOR_IDS);
    expect(result.value.vendorLegitimateInterests).toEqual([3, 4]);
    expect(result.value.truncated).toBe(true);
    expect(hasVendorConsent(result.value, 10)).toBe(true);
    expect(hasVendorConsent(result.value, 5999)).toBeNull();
  });

  // Every range entry costs 1 plus its span: 5 × (1 + 59,999) is exactly the budget.
  const ranges = (last: number): RangeEntry[] => Array.from({ length: 5 }, () => [1, last] as const);

  it('counts every id that vendor ranges and publisher restrictions expand to', () => {
    const text = tcCoreSegment({
      consents: rangeVector(100, [[1, 100], [7]]),
      legitimateInterests: rangeVector(50, [[10, 19], [30, 20]]),
      restrictions: [{ purpose: 2, type: 1, entries: [[1, 1000]] }],
    });
    // (1 + 100) + 1, then (1 + 10) + (1 + 0), then 1 + (1 + 1000).
    expect(measureTcString(text)?.expandedIds).toBe(102 + 12 + 1002);
    expect(measureTcString(`${text}.${disclosedVendorsSegment(bitFieldVector([1, 2, 3]))}`)?.expandedIds).toBe(102 + 12 + 1002 + 3);
  });

  it('decodes a string whose ranges expand to exactly MAX_TC_EXPANDED_IDS', () => {
    const text = tcCoreSegment({ consents: rangeVector(59_999, ranges(59_999)) });
    expect(measureTcString(text)?.expandedIds).toBe(MAX_TC_EXPANDED_IDS);
    expect(errorCode(decodeTcString(text))).toBe('ok');
  });

  it('refuses a string whose ranges expand to more, without decoding it', () => {
    const text = tcCoreSegment({ consents: rangeVector(60_000, ranges(60_000)) });
    expect(measureTcString(text)?.expandedIds).toBe(MAX_TC_EXPANDED_IDS + 5);
    expect(errorCode(decodeTcString(text))).toBe('too-long');
  });

  it('counts ranges hidden in publisher restrictions and disclosed vendors too', () => {
    const restricted = tcCoreSegment({ restrictions: Array.from({ length: 6 }, (_, i) => ({ purpose: i + 2, type: 1, entries: [[1, 65_535]] as const })) });
    expect(errorCode(decodeTcString(restricted))).toBe('too-long');
    const disclosed = `${tcCoreSegment()}.${disclosedVendorsSegment(rangeVector(65_535, ranges(65_535)))}`;
    expect(errorCode(decodeTcString(disclosed))).toBe('too-long');
  });

  it('measures a second core segment too (the library decodes every segment by its type bits)', () => {
    const hostile = tcCoreSegment({ consents: rangeVector(65_535, ranges(65_535)) });
    expect(measureTcString(`${tcCoreSegment()}.${hostile}`)?.segmentTypes).toEqual([0, 0]);
    expect(errorCode(decodeTcString(`${tcCoreSegment()}.${hostile}`))).toBe('too-long');
  });
});

const BASE64URL = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'];
const base64url = (maxLength: number) => fc.string({ unit: fc.constantFrom(...BASE64URL), maxLength });

describe('decodeTcString on anything (property tests)', () => {
  const valid = TCString.encode(encodedModel());

  it('returns a value or a typed error for any value at all', () => {
    fc.assert(fc.property(fc.anything(), (input) => expectTyped(decodeTcString(input))));
  });

  it('does so for random and unicode strings', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })), (input) => expectTyped(decodeTcString(input))));
  });

  it('does so for random base64url strings that look like version 2', () => {
    fc.assert(fc.property(base64url(2_000), base64url(200), (core, rest) => expectTyped(decodeTcString(`C${core}.${rest}`))), { numRuns: 300 });
  });

  it('does so for every cut of a valid string', () => {
    fc.assert(fc.property(fc.nat(valid.length), (n) => expectTyped(decodeTcString(valid.slice(0, n)))));
  });

  it('does so for valid strings with one character changed', () => {
    fc.assert(
      fc.property(fc.nat(valid.length - 1), fc.constantFrom(...BASE64URL, '.', '~', ' '), (i, c) => expectTyped(decodeTcString(valid.slice(0, i) + c + valid.slice(i + 1)))),
      { numRuns: 300 },
    );
  });

  it('does so for very long strings', () => {
    fc.assert(
      fc.property(fc.integer({ min: MAX_TC_STRING_LENGTH - 10, max: MAX_TC_STRING_LENGTH + 10 }), fc.constantFrom(...BASE64URL), (length, c) => {
        const result = decodeTcString(`C${c.repeat(length - 1)}`);
        expectTyped(result);
        if (length > MAX_TC_STRING_LENGTH) expect(errorCode(result)).toBe('too-long');
      }),
      { numRuns: 20 },
    );
  });
});
