/**
 * Names for the category ids pages and bid requests carry (`segtax` in `user.data` / `site.content.data`,
 * `cattax` with `site.cat`, `primaryCatId`). The IAB tables are bundled (scripts/build-taxonomies.ts);
 * Content 1.0 ids ("IAB19", "IAB7-3"), still the most common in the wild, are named from a small table
 * here. Vendor taxonomies (segtax ≥ 500) cannot be read without the vendor's own table: their ids stay ids.
 */
import data from './data/taxonomies.json';
import { classifySensitive, type SensitiveCategory } from './sensitive';

export interface TaxonomyEntry {
  /** The taxonomy number as the page gave it. */
  tax: number;
  /** The table the name was read from: for tax 7 (Content 3.0) that is Content Taxonomy 3.1, which keeps 3.0's ids. */
  taxonomyName: string;
  id: string;
  name: string;
  /** Tier names from tier 1 down to this entry. A Content 1.0 tier-2 id we have no name for gets its tier 1 only. */
  path: string[];
  sensitive: SensitiveCategory | null;
}

interface TaxonomyTable {
  name: string;
  /** `[name]`, or `[name, ancestor id, ...tier names between]` (see the data file's `format`). */
  entries: Record<string, string[]>;
  sensitive: Partial<Record<SensitiveCategory, string[]>>;
}

interface TaxonomyFile {
  source: string;
  licence: string;
  credit: string;
  date: string | null;
  taxonomies: Record<string, TaxonomyTable>;
}

const DATA: TaxonomyFile = data;

/** For the settings page: where the bundled tables come from and how old they are. */
export const TAXONOMY_DATA_INFO: { readonly source: string; readonly licence: string; readonly credit: string; readonly date: string | null } = {
  source: DATA.source,
  licence: DATA.licence,
  credit: DATA.credit,
  date: DATA.date,
};

/** AdCOM 1.0 "Category Taxonomies", plus the Chromium Topics values from the segtax registry. */
const TAXONOMY_NAMES: Readonly<Record<number, string>> = {
  1: 'Content Category Taxonomy 1.0',
  2: 'Content Category Taxonomy 2.0',
  3: 'Ad Product Taxonomy 1.0',
  4: 'Audience Taxonomy 1.1',
  5: 'Content Taxonomy 2.1',
  6: 'Content Taxonomy 2.2',
  7: 'Content Taxonomy 3.0',
  8: 'Ad Product Taxonomy 2.0',
  9: 'Content Taxonomy 3.1',
  600: 'Chromium Topics taxonomy',
  601: 'Chromium Topics taxonomy v2',
};

export function taxonomyName(tax: number): string | null {
  return Number.isInteger(tax) && Object.hasOwn(TAXONOMY_NAMES, tax) ? (TAXONOMY_NAMES[tax] ?? null) : null;
}

/** Values from 500 up are the vendors' own (600/601 are Chromium's Topics); we hold none of their tables. */
export function isVendorTaxonomy(tax: number): boolean {
  return Number.isInteger(tax) && tax >= 500;
}

/**
 * Content Category Taxonomy 1.0 tier 1 (OpenRTB 2.5 list 5.1), complete, and the few tier-2 names the
 * sensitivity rules single out, so that a marked id shows the name it was marked for.
 */
const IAB1_NAMES: Readonly<Record<string, string>> = {
  IAB1: 'Arts & Entertainment',
  IAB2: 'Automotive',
  IAB3: 'Business',
  IAB4: 'Careers',
  IAB5: 'Education',
  IAB6: 'Family & Parenting',
  IAB7: 'Health & Fitness',
  IAB8: 'Food & Drink',
  IAB9: 'Hobbies & Interests',
  IAB10: 'Home & Garden',
  IAB11: "Law, Gov't & Politics",
  IAB12: 'News',
  IAB13: 'Personal Finance',
  IAB14: 'Society',
  IAB15: 'Science',
  IAB16: 'Pets',
  IAB17: 'Sports',
  IAB18: 'Style & Fashion',
  IAB19: 'Technology & Computing',
  IAB20: 'Travel',
  IAB21: 'Real Estate',
  IAB22: 'Shopping',
  IAB23: 'Religion & Spirituality',
  IAB24: 'Uncategorized',
  IAB25: 'Non-Standard Content',
  IAB26: 'Illegal Content',
  'IAB6-7': 'Pregnancy',
  'IAB6-8': 'Special Needs Kids',
  'IAB7-1': 'Exercise',
  'IAB7-32': 'Nutrition',
  'IAB7-39': 'Sexuality',
  'IAB8-10': 'Food Allergies',
  'IAB11-4': 'Politics',
  'IAB14-3': 'Gay Life',
  'IAB14-8': 'Ethnic Specific',
  'IAB25-3': 'Pornography',
};

const IAB1_ID = /^IAB([1-9]|1\d|2[0-6])(?:-([1-9]\d{0,2}))?$/i;

function lookupIab1(tax: number, id: string): TaxonomyEntry | null {
  const m = IAB1_ID.exec(id);
  if (!m) return null;
  const tier1 = `IAB${m[1]}`;
  const full = m[2] ? `${tier1}-${m[2]}` : tier1;
  const tier1Name = IAB1_NAMES[tier1];
  if (tier1Name === undefined) return null;
  const own = full !== tier1 && Object.hasOwn(IAB1_NAMES, full) ? IAB1_NAMES[full] : undefined;
  const path = own === undefined ? [tier1Name] : [tier1Name, own];
  return { tax, taxonomyName: TAXONOMY_NAMES[1] ?? '', id: full, name: path.at(-1) ?? tier1Name, path, sensitive: classifySensitive(1, full, path) };
}

/** Which bundled table serves a taxonomy number. */
function tableFor(tax: number): TaxonomyTable | null {
  const key = tax === 7 ? '9' : String(tax);
  return Object.hasOwn(DATA.taxonomies, key) ? (DATA.taxonomies[key] ?? null) : null;
}

// The data's paths are at most six tiers deep; the bound only guards against a corrupted file.
const MAX_DEPTH = 12;

function pathOf(table: TaxonomyTable, id: string): string[] | null {
  const path: string[] = [];
  let current: string | undefined = id;
  for (let depth = 0; current !== undefined && depth < MAX_DEPTH; depth++) {
    if (!Object.hasOwn(table.entries, current)) return null;
    const entry: readonly string[] = table.entries[current] ?? [];
    const [name, ancestor, ...between] = entry;
    if (name === undefined) return null;
    path.unshift(...between, name);
    current = ancestor;
  }
  return current === undefined ? path : null;
}

const sensitiveByTable = new Map<TaxonomyTable, Map<string, SensitiveCategory>>();

function sensitiveOf(table: TaxonomyTable, id: string): SensitiveCategory | null {
  let byId = sensitiveByTable.get(table);
  if (!byId) {
    byId = new Map();
    for (const [category, ids] of Object.entries(table.sensitive) as [SensitiveCategory, string[]][]) for (const i of ids) byId.set(i, category);
    sensitiveByTable.set(table, byId);
  }
  return byId.get(id) ?? null;
}

// Real ids are short ("1677", "v9i3On", "IAB13-12"); anything longer is not worth a look-up.
const MAX_ID_LENGTH = 32;

/** The named category for an id in a taxonomy, or null when we cannot name it (unknown id, vendor or unbundled taxonomy). */
export function lookupCategory(tax: number, id: string): TaxonomyEntry | null {
  if (!Number.isInteger(tax) || typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH) return null;
  if (tax === 1) return lookupIab1(tax, id);
  const table = tableFor(tax);
  if (!table) return null;
  const path = pathOf(table, id);
  const name = path?.at(-1);
  if (!path || name === undefined) return null;
  return { tax, taxonomyName: table.name, id, name, path, sensitive: sensitiveOf(table, id) };
}

/** Every entry we can name in a taxonomy, in the table's order (for settings pages and tests). */
export function listCategories(tax: number): TaxonomyEntry[] {
  const ids = tax === 1 ? Object.keys(IAB1_NAMES) : Object.keys(tableFor(tax)?.entries ?? {});
  return ids.map((id) => lookupCategory(tax, id)).filter((entry): entry is TaxonomyEntry => entry !== null);
}
