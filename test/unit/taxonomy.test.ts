import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildTaxonomyDataFrom, TAXONOMY_DATA, TAXONOMY_SOURCE_DIR } from '../../scripts/build-taxonomies';
import { classifySensitive, SENSITIVE_PATH_RULES } from '../../src/core/sensitive';
import { isVendorTaxonomy, listCategories, lookupCategory, TAXONOMY_DATA_INFO, taxonomyName } from '../../src/core/taxonomy';

describe('lookupCategory in the bundled IAB tables', () => {
  it.each([
    [4, '3', ['Demographic', 'Age Range', '18-20']],
    [4, '49', ['Demographic', 'Gender', 'Female']],
    [4, '50', ['Demographic', 'Gender', 'Male']],
    [4, '61', ['Demographic', 'Household Data', 'Household Income (USD)', 'Less than $10,000']],
    // "Purchase Intent*" and "*Country Extension" lose their footnote asterisks.
    [4, '1677', ['Purchase Intent', 'Web Services', 'Domain Services']],
    [4, '55', ['Demographic', 'Household Data', 'Home Location', 'Country Extension']],
    // Published under a tier that has no row of its own.
    [4, '1175', ['Purchase Intent', 'Consumer Packaged Goods', 'Edible', 'Refrigerated', 'Refrigerated Meats', 'Ham']],
    [6, '1', ['Automotive']],
    [6, '2', ['Automotive', 'Auto Body Styles']],
    // 2.2's tier columns stop at "Sensitive Topics" for these; the Name column completes them.
    [6, 'Rm3SiT', ['Sensitive Topics', 'Adult & Explicit Sexual Content']],
    [6, 'v9i3On', ['Sensitive Topics']],
    [6, '328', ['Movies', 'Special Interest Movies']],
    [9, '150', ['Attractions']],
    [9, '483', ['Sports']],
    [9, 'JLBCU7', ['Entertainment']],
    [9, '8YPBBL', ['Politics', 'Civic affairs']],
  ])('taxonomy %i id %s', (tax, id, path) => {
    const entry = lookupCategory(tax, id);
    expect(entry).toMatchObject({ tax, id, path, name: path.at(-1) });
  });

  it('names the table an entry came from', () => {
    expect(lookupCategory(4, '3')?.taxonomyName).toBe('Audience Taxonomy 1.1');
    expect(lookupCategory(6, '1')?.taxonomyName).toBe('Content Taxonomy 2.2');
    expect(lookupCategory(9, '1')?.taxonomyName).toBe('Content Taxonomy 3.1');
  });

  it('reads Content 3.0 (7) with the 3.1 table and says so', () => {
    expect(lookupCategory(7, '596')).toMatchObject({ tax: 7, taxonomyName: 'Content Taxonomy 3.1', name: 'Technology & Computing' });
    // Removed in 3.1 (2.2's "Political Event"): unknown rather than guessed.
    expect(lookupCategory(7, '174')).toBeNull();
  });

  it.each([
    [4, '99999'],
    [4, ''],
    [4, '__proto__'],
    [4, 'constructor'],
    [6, 'toString'],
    [4, ' 3'],
    [4, '3'.repeat(100)],
    [5, '1'],
    [8, '1000'],
    [540, '1'],
    [600, '1'],
    [Number.NaN, '1'],
    [4.5, '3'],
  ])('taxonomy %s id %j is unknown', (tax, id) => {
    expect(lookupCategory(tax, id)).toBeNull();
  });

  it('is null for an id that is not a string (page data is unchecked)', () => {
    expect(lookupCategory(4, 3 as unknown as string)).toBeNull();
  });
});

describe('lookupCategory for Content 1.0 ids', () => {
  it.each([
    ['IAB1', ['Arts & Entertainment'], null],
    ['IAB19', ['Technology & Computing'], null],
    ['IAB26', ['Illegal Content'], null],
    ['IAB7', ['Health & Fitness'], 'health'],
    // Tier-2 ids without a name of their own fall back to their tier 1, and say so with a one-tier path.
    ['IAB7-3', ['Health & Fitness'], 'health'],
    ['IAB19-20', ['Technology & Computing'], null],
    ['IAB7-1', ['Health & Fitness', 'Exercise'], null],
    ['iab23-5', ['Religion & Spirituality'], 'religion'],
    ['IAB11', ["Law, Gov't & Politics"], null],
    ['IAB11-4', ["Law, Gov't & Politics", 'Politics'], 'politics'],
    ['IAB14-3', ['Society', 'Gay Life'], 'sexual-orientation'],
    ['IAB14-8', ['Society', 'Ethnic Specific'], 'ethnicity'],
    ['IAB25', ['Non-Standard Content'], null],
    ['IAB25-3', ['Non-Standard Content', 'Pornography'], 'sex-life'],
  ])('%s', (id, path, sensitive) => {
    expect(lookupCategory(1, id)).toMatchObject({ tax: 1, taxonomyName: 'Content Category Taxonomy 1.0', id: id.toUpperCase(), path, name: path.at(-1), sensitive });
  });

  it.each(['IAB0', 'IAB27', 'IAB7-', 'IAB7-0', 'IAB-7', 'IAB14-ws1', '7', 'IAB7-3-1'])('%s is unknown', (id) => {
    expect(lookupCategory(1, id)).toBeNull();
  });

  it('holds all 26 tier-1 categories', () => {
    const tier1 = listCategories(1).filter((e) => !e.id.includes('-'));
    expect(tier1.map((e) => e.id)).toEqual(Array.from({ length: 26 }, (_, i) => `IAB${i + 1}`));
  });
});

describe('taxonomy names', () => {
  it.each([
    [1, 'Content Category Taxonomy 1.0'],
    [3, 'Ad Product Taxonomy 1.0'],
    [4, 'Audience Taxonomy 1.1'],
    [6, 'Content Taxonomy 2.2'],
    [7, 'Content Taxonomy 3.0'],
    [9, 'Content Taxonomy 3.1'],
    [600, 'Chromium Topics taxonomy'],
    [0, null],
    [10, null],
    [540, null],
    [2.5, null],
  ])('%i is %s', (tax, name) => {
    expect(taxonomyName(tax)).toBe(name);
  });

  it.each([
    [4, false],
    [9, false],
    [499, false],
    [500, true],
    [540, true],
    [600, true],
    [601, true],
    [103_000, true],
    [500.5, false],
  ])('%s is a vendor taxonomy: %s', (tax, vendor) => {
    expect(isVendorTaxonomy(tax)).toBe(vendor);
  });

  it('carries source, licence, credit and date for the settings page', () => {
    expect(TAXONOMY_DATA_INFO.licence).toBe('CC BY 3.0');
    expect(TAXONOMY_DATA_INFO.credit).toMatch(/^IAB Tech Lab/);
    expect(TAXONOMY_DATA_INFO.source).toMatch(/InteractiveAdvertisingBureau\/Taxonomies/);
    expect(TAXONOMY_DATA_INFO.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('sensitivity marks in the bundled data', () => {
  it.each([4, 6, 9])('taxonomy %i: every mark is what src/core/sensitive.ts says', (tax) => {
    const entries = listCategories(tax);
    expect(entries.length).toBeGreaterThan(500);
    for (const e of entries) expect([e.id, e.sensitive]).toEqual([e.id, classifySensitive(tax, e.id, e.path)]);
  });

  it.each([4, 6, 9] as const)('taxonomy %i: every rule names a path that exists', (tax) => {
    const paths = new Set(listCategories(tax).map((e) => e.path.join(' > ')));
    for (const [path] of SENSITIVE_PATH_RULES[tax]) expect([path, paths.has(path)]).toEqual([path, true]);
  });
});

const shared = existsSync(TAXONOMY_SOURCE_DIR);
if (!shared) process.stderr.write(`Taxonomy data check skipped: ${TAXONOMY_SOURCE_DIR} is absent.\n`);

describe.skipIf(!shared)('bundled taxonomy data (skipped when ../shared/data/iab-taxonomies is absent)', () => {
  it('is what the script makes from ../shared/data/iab-taxonomies', () => {
    expect(readFileSync(TAXONOMY_DATA, 'utf8')).toBe(buildTaxonomyDataFrom(TAXONOMY_SOURCE_DIR));
  });
});
