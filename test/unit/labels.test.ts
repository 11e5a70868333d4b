import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanLabel, isRegionLabel, labelLanguage, longestLabel, MAX_LABEL_LENGTH, mayHideLabel, normaliseLabel } from '../../src/core/labels';

describe('ad labels', () => {
  it.each([
    ['Sponsored', 'en'],
    [' Promoted ', 'en'],
    ['Ad', 'en'],
    ['Gesponsord', 'nl'],
    ['Advertentie', 'nl'],
    ['Anzeige', 'de'],
    ['Gesponsert', 'de'],
    ['Sponsorisé', 'fr'],
    ['Publicité', 'fr'],
    ['Patrocinado', 'es'],
    ['Publicidad', 'es'],
    ['Sponsored ·', 'en'],
    ['· Gesponsord', 'nl'],
    ['Spon\u200bsored', 'en'],
    ['SPONSORED', 'en'],
  ])('%j is a label (%s)', (text, lang) => expect(labelLanguage(text)).toBe(lang));

  it.each(['Sponsored by the city council', 'Add to cart', 'Adverts', 'Suggested Post', '', 'ad hoc', 'Advertising policy'])('%j is not a label', (text) => {
    expect(labelLanguage(text)).toBeNull();
  });

  it('knows the length of its longest label', () => {
    expect(MAX_LABEL_LENGTH).toBe(longestLabel());
  });

  it('cleans labels without changing their case', () => {
    expect(cleanLabel('  Sponsorisé · ')).toBe('Sponsorisé');
    expect(normaliseLabel('\u00a0Ad:')).toBe('ad');
  });

  it('names ad regions, not controls', () => {
    expect(isRegionLabel('Advertisement')).toBe(true);
    expect(isRegionLabel('Advertentie')).toBe(true);
    expect(isRegionLabel('Close ad')).toBe(false);
  });

  it('spots labels that may be hidden among decoys, and not ordinary words', () => {
    expect(mayHideLabel('SpSonSsoSredS')).toBe(true);
    expect(mayHideLabel('Gxesxponxsord')).toBe(true);
    expect(mayHideLabel('Nationwide')).toBe(false);
    expect(mayHideLabel('x'.repeat(500))).toBe(false);
  });

  it('never throws on any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        labelLanguage(text);
        mayHideLabel(text);
        cleanLabel(text);
      }),
    );
  });
});
