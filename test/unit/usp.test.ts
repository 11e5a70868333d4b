import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_USP_STRING_LENGTH, parseUspString } from '../../src/core/usp';

describe('parseUspString', () => {
  it.each([
    ['1YNN', { version: 1, noticeGiven: true, optedOutOfSale: false, lspaCovered: false }],
    ['1NYY', { version: 1, noticeGiven: false, optedOutOfSale: true, lspaCovered: true }],
    ['1-Y-', { version: 1, noticeGiven: null, optedOutOfSale: true, lspaCovered: null }],
    ['1---', { version: 1, noticeGiven: null, optedOutOfSale: null, lspaCovered: null }],
    [' 1yyn ', { version: 1, noticeGiven: true, optedOutOfSale: true, lspaCovered: false }],
  ])('%j', (input, value) => {
    expect(parseUspString(input)).toEqual({ ok: true, value });
  });

  it.each([undefined, null, 1, {}, ['1YNN']])('%s is not a string', (input) => {
    expect(parseUspString(input)).toMatchObject({ ok: false, error: { code: 'not-a-string' } });
  });

  it.each(['', '1', '1YN', '1YNNN', '2YNN', '1YXN', 'YNN1', '1 Y N N'])('%j is malformed', (input) => {
    expect(parseUspString(input)).toMatchObject({ ok: false, error: { code: 'malformed' } });
  });

  it('refuses long input before looking at it', () => {
    expect(parseUspString(`1YNN${' '.repeat(MAX_USP_STRING_LENGTH)}`)).toMatchObject({ ok: false, error: { code: 'too-long' } });
  });

  it('returns a value or a typed error for anything (property test)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string(), fc.string({ unit: 'grapheme' }), fc.stringMatching(/^\s*1[YN-]{3}\s*$/)), (input) => {
        const result = parseUspString(input);
        if (!result.ok) expect(['not-a-string', 'too-long', 'malformed']).toContain(result.error.code);
        else expect(result.value.version).toBe(1);
      }),
    );
  });
});
