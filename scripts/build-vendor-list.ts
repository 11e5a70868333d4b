/**
 * Maintainers: `npx tsx scripts/build-vendor-list.ts [path/to/vendor-list.json]` regenerates
 * src/core/data/vendor-list.json from the TCF Global Vendor List copy in ../shared/data/tcf (or the
 * file given). The IAB asks clients not to fetch the live list, and the extension makes no requests
 * of its own, so a snapshot ships with it and the UI says how old it is.
 *
 * Kept: the list's versions and date; the names of purposes and features; per vendor its name and
 * the purposes, special purposes, features and special features it declares (what a person asks:
 * "what may this company do, and on what basis?"). Dropped: descriptions, illustrations, stacks,
 * flexible purposes, URLs, retention and cookie details.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './lib/build';

export const VENDOR_LIST_SOURCE = join(PROJECT_ROOT, '..', 'shared', 'data', 'tcf', 'vendor-list-v2.2.json');
export const VENDOR_LIST_DATA = join(PROJECT_ROOT, 'src', 'core', 'data', 'vendor-list.json');

type Json = Record<string, unknown>;

function record(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`vendor list: ${what} is not an object`);
  return value as Json;
}

function integer(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new Error(`vendor list: ${what} is not an integer`);
  return value;
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new Error(`vendor list: ${what} is not a string`);
  // Some names carry stray white space (special purpose 1 ends in a newline).
  return value.replace(/\s+/g, ' ').trim();
}

function ids(value: unknown, what: string): number[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Error(`vendor list: ${what} is not a list`);
  return value.map((v, i) => integer(v, `${what}[${i}]`)).sort((a, b) => a - b);
}

/** `{ "1": { name, … } }` → `{ "1": name }`, in id order. */
function names(value: unknown, what: string): Record<string, string> {
  const entries = Object.entries(record(value, what)).map(([id, item]) => [Number(id), text(record(item, `${what}.${id}`).name, `${what}.${id}.name`)] as const);
  return Object.fromEntries(entries.sort(([a], [b]) => a - b).map(([id, name]) => [String(id), name]));
}

export function buildVendorListData(json: string): string {
  const gvl = record(JSON.parse(json), 'the file');
  const vendors: Record<string, unknown> = {};
  const byId = Object.values(record(gvl.vendors, 'vendors')).map((v, i) => record(v, `vendors[${i}]`));
  for (const v of byId.sort((a, b) => integer(a.id, 'vendor id') - integer(b.id, 'vendor id'))) {
    const id = integer(v.id, 'vendor id');
    vendors[id] = {
      name: text(v.name, `vendor ${id} name`),
      purposes: ids(v.purposes, `vendor ${id} purposes`),
      legIntPurposes: ids(v.legIntPurposes, `vendor ${id} legIntPurposes`),
      specialPurposes: ids(v.specialPurposes, `vendor ${id} specialPurposes`),
      features: ids(v.features, `vendor ${id} features`),
      specialFeatures: ids(v.specialFeatures, `vendor ${id} specialFeatures`),
      ...(typeof v.deletedDate === 'string' ? { deletedDate: v.deletedDate } : {}),
    };
  }
  return `${JSON.stringify({
    source:
      'TCF v2.2 Global Vendor List (IAB Europe), as published at https://vendor-list.consensu.org/v3/vendor-list.json; this snapshot from the iabtcf-es repository, modules/testing/src/vendorlist/v2.2/vendor-list.json',
    terms:
      "The Global Vendor List is IAB Europe's, published for the Transparency & Consent Framework; the copy it was taken from is in a repository under Apache-2.0. Condensed by Why This Ad to names and declared purposes.",
    gvlSpecificationVersion: integer(gvl.gvlSpecificationVersion, 'gvlSpecificationVersion'),
    vendorListVersion: integer(gvl.vendorListVersion, 'vendorListVersion'),
    tcfPolicyVersion: integer(gvl.tcfPolicyVersion, 'tcfPolicyVersion'),
    lastUpdated: text(gvl.lastUpdated, 'lastUpdated'),
    purposes: names(gvl.purposes, 'purposes'),
    specialPurposes: names(gvl.specialPurposes, 'specialPurposes'),
    features: names(gvl.features, 'features'),
    specialFeatures: names(gvl.specialFeatures, 'specialFeatures'),
    vendors,
  })}\n`;
}

if (process.argv[1]?.endsWith('build-vendor-list.ts')) {
  const source = process.argv[2] ?? VENDOR_LIST_SOURCE;
  const data = buildVendorListData(readFileSync(source, 'utf8'));
  writeFileSync(VENDOR_LIST_DATA, data);
  process.stdout.write(`wrote ${VENDOR_LIST_DATA} (${(Buffer.byteLength(data) / 1024).toFixed(0)} KB) from ${source}\n`);
}
