/**
 * Maintainers: `npx tsx scripts/build-taxonomies.ts [dir]` regenerates src/core/data/taxonomies.json
 * from the IAB Tech Lab TSV tables in ../shared/data/iab-taxonomies (or the folder given).
 *
 * Kept: for each id its own name and the id of the entry one tier up, so a path is a walk up the
 * table and no tier name is stored twice; and, per taxonomy, which ids are about a special
 * category of data (src/core/sensitive.ts decides; stored so the worker does not re-derive it).
 * Dropped: condensed names, extension notes, everything else.
 *
 * Only Content Taxonomy 3.1 is bundled of the 3.x tables: 3.0 (segtax/cattax 7) shares its ids,
 * so 7 is read with 3.1's names, and ids that 3.1 removed are reported as unknown.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifySensitive, SENSITIVE_CATEGORIES, type SensitiveCategory } from '../src/core/sensitive';
import { PROJECT_ROOT } from './lib/build';

export const TAXONOMY_SOURCE_DIR = join(PROJECT_ROOT, '..', 'shared', 'data', 'iab-taxonomies');
export const TAXONOMY_DATA = join(PROJECT_ROOT, 'src', 'core', 'data', 'taxonomies.json');

type BundledTax = 4 | 6 | 9;

export const TAXONOMY_SOURCES: readonly { tax: BundledTax; name: string; file: string; tiers: number }[] = [
  { tax: 4, name: 'Audience Taxonomy 1.1', file: 'Audience-Taxonomy-1.1.tsv', tiers: 6 },
  { tax: 6, name: 'Content Taxonomy 2.2', file: 'Content-Taxonomy-2.2.tsv', tiers: 4 },
  { tax: 9, name: 'Content Taxonomy 3.1', file: 'Content-Taxonomy-3.1.tsv', tiers: 4 },
];

export interface TaxonomyRow {
  id: string;
  path: string[];
}

/**
 * IAB marks footnotes with asterisks inside names ("Purchase Intent*", "*Country Extension"), pointing
 * at the extension-notes column; a person should read the name without them.
 */
function cleanName(cell: string): string {
  return cell.trim().replace(/^\*+|\*+$/g, '').trim();
}

/** The header is located by its "Unique ID" cell: Audience 1.1 starts with a blank column, Content 2.x/3.x with a title row. */
function readTable(text: string, file: string): { rows: string[][]; column: (name: string) => number } {
  const lines = text.split(/\r?\n/).map((line) => line.split('\t').map((cell) => cell.trim()));
  const headerAt = lines.findIndex((cells) => cells.includes('Unique ID'));
  const header = lines[headerAt];
  if (!header) throw new Error(`${file}: no header row with "Unique ID"`);
  const column = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${file}: no "${name}" column in the header (${header.join(' | ')})`);
    return i;
  };
  return { rows: lines.slice(headerAt + 1).filter((cells) => (cells[column('Unique ID')] ?? '') !== ''), column };
}

function tierCells(cells: readonly string[], column: (name: string) => number, tiers: number): string[] {
  const out: string[] = [];
  for (let t = 1; t <= tiers; t++) {
    const name = cleanName(cells[column(`Tier ${t}`)] ?? '');
    if (name) out.push(name);
  }
  return out;
}

/** Audience 1.1 has no separate name column: the tiers are the path (its "Parent ID" disagrees with them in 17 rows). */
export function parseAudienceTable(text: string, file: string, tiers: number): TaxonomyRow[] {
  const { rows, column } = readTable(text, file);
  return rows.map((cells) => ({ id: cells[column('Unique ID')] ?? '', path: tierCells(cells, column, tiers) }));
}

/**
 * Content 2.2 / 3.1 rows carry a Name and a Parent besides the tiers. The tier columns lag behind in
 * a few rows (2.2's "Sensitive Topics" children list only tier 1; id 328 keeps an old tier name), so
 * the Name column is the entry's own name: appended when the tiers stop at the parent, swapped in
 * for the last tier otherwise.
 */
export function parseContentTable(text: string, file: string, tiers: number): TaxonomyRow[] {
  const { rows, column } = readTable(text, file);
  const nameOf = new Map(rows.map((cells) => [cells[column('Unique ID')] ?? '', cleanName(cells[column('Name')] ?? '')]));
  return rows.map((cells) => {
    const id = cells[column('Unique ID')] ?? '';
    const name = cleanName(cells[column('Name')] ?? '');
    const path = tierCells(cells, column, tiers);
    const parentName = nameOf.get(cells[column('Parent')] ?? '');
    if (path.at(-1) === name) return { id, path };
    if (path.length === 0 || path.at(-1) === parentName) path.push(name);
    else path[path.length - 1] = name;
    return { id, path };
  });
}

/** `[name]` for tier 1, else `[name, ancestorId, ...tiers between]`: the ancestor is the nearest entry whose path is a prefix. */
type Entry = [name: string, ...ancestorAndTiers: string[]];

/**
 * Usually the ancestor is the entry one tier up and nothing lies between. Audience 1.1 has a few rows
 * under a tier that has no row of its own ("… > Refrigerated > Refrigerated Meats > Ham"): that tier's
 * name is then stored with the row, so every path stays exactly as published.
 */
function compactEntries(rows: readonly TaxonomyRow[], file: string): Record<string, Entry> {
  const key = (path: readonly string[]) => path.join('\u0000');
  const idByPath = new Map<string, string>();
  for (const row of rows) if (!idByPath.has(key(row.path))) idByPath.set(key(row.path), row.id);
  const entries: Record<string, Entry> = {};
  for (const row of rows) {
    const name = row.path.at(-1);
    if (!name) throw new Error(`${file}: id ${row.id} has no name`);
    if (Object.hasOwn(entries, row.id)) throw new Error(`${file}: id ${row.id} appears twice`);
    if (row.path.some((segment) => segment.includes(' > '))) throw new Error(`${file}: id ${row.id} has " > " in a name`);
    let depth = row.path.length - 1;
    while (depth > 0 && !idByPath.has(key(row.path.slice(0, depth)))) depth--;
    const ancestor = depth > 0 ? idByPath.get(key(row.path.slice(0, depth))) : undefined;
    if (ancestor === undefined && row.path.length > 1) throw new Error(`${file}: id ${row.id} has no tier-1 entry (${row.path.join(' > ')})`);
    entries[row.id] = ancestor === undefined ? [name] : [name, ancestor, ...row.path.slice(depth, -1)];
  }
  return entries;
}

function sensitiveIds(tax: BundledTax, rows: readonly TaxonomyRow[]): Partial<Record<SensitiveCategory, string[]>> {
  const out: Partial<Record<SensitiveCategory, string[]>> = {};
  for (const category of SENSITIVE_CATEGORIES) {
    const ids = rows.filter((row) => classifySensitive(tax, row.id, row.path) === category).map((row) => row.id);
    if (ids.length > 0) out[category] = ids;
  }
  return out;
}

/** The snapshot date the shared data README gives for the taxonomy repository, if it gives one. */
export function sourceDate(readme: string | null): string | null {
  const line = readme?.split('\n').find((l) => l.includes('InteractiveAdvertisingBureau/Taxonomies'));
  return line?.match(/\((\d{4}-\d{2}-\d{2})\)/)?.[1] ?? null;
}

/** `files` maps each source file name to its text. Same input, same output: no clock, no file order. */
export function buildTaxonomyData(files: Readonly<Record<string, string>>, readme: string | null): string {
  const taxonomies: Record<string, unknown> = {};
  for (const source of TAXONOMY_SOURCES) {
    const text = files[source.file];
    if (text === undefined) throw new Error(`missing ${source.file}`);
    const rows = source.tax === 4 ? parseAudienceTable(text, source.file, source.tiers) : parseContentTable(text, source.file, source.tiers);
    taxonomies[source.tax] = {
      name: source.name,
      file: source.file,
      ...(source.tax === 9 ? { alsoServes: [7], note: 'Content Taxonomy 3.0 (segtax/cattax 7) is read with this 3.1 table: 3.1 keeps the 3.0 ids.' } : {}),
      entries: compactEntries(rows, source.file),
      sensitive: sensitiveIds(source.tax, rows),
    };
  }
  return `${JSON.stringify({
    source: 'IAB Tech Lab taxonomies, https://github.com/InteractiveAdvertisingBureau/Taxonomies',
    licence: 'CC BY 3.0',
    credit:
      'IAB Tech Lab (https://iabtechlab.com): Audience Taxonomy 1.1, Content Taxonomy 2.2 and Content Taxonomy 3.1, licensed under CC BY 3.0. Condensed by Why This Ad to ids, names and tier paths, with marks for special categories of data added.',
    date: sourceDate(readme),
    format: 'taxonomies[tax].entries[id] = [name] for a tier-1 entry, else [name, ancestor id, ...tier names between the ancestor and this entry]; the path is the walk up from the ancestor.',
    taxonomies,
  })}\n`;
}

/** Reads the tables in `dir` and the data README next to it (which dates them; optional). */
export function buildTaxonomyDataFrom(dir: string): string {
  const files = Object.fromEntries(TAXONOMY_SOURCES.map((s) => [s.file, readFileSync(join(dir, s.file), 'utf8')]));
  let readme: string | null = null;
  try {
    readme = readFileSync(join(dir, '..', 'README.md'), 'utf8');
  } catch {
    // A folder of tables without the README is fine: the date is then unknown.
  }
  return buildTaxonomyData(files, readme);
}

if (process.argv[1]?.endsWith('build-taxonomies.ts')) {
  const dir = process.argv[2] ?? TAXONOMY_SOURCE_DIR;
  const data = buildTaxonomyDataFrom(dir);
  writeFileSync(TAXONOMY_DATA, data);
  process.stdout.write(`wrote ${TAXONOMY_DATA} (${(Buffer.byteLength(data) / 1024).toFixed(0)} KB) from ${dir}\n`);
}
