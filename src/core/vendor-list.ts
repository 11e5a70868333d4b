/**
 * Names from the bundled TCF Global Vendor List (scripts/build-vendor-list.ts). A TC string carries
 * only numbers; this turns vendor 91 and purpose 4 into words. Display names of purposes come from
 * the list itself, never from hard-coded strings, because their wording changes between policy versions.
 */
import data from './data/vendor-list.json';

export interface VendorDeclaration {
  id: number;
  name: string;
  /** Purposes the vendor asks consent for. */
  purposes: number[];
  /** Purposes the vendor claims legitimate interest for. */
  legIntPurposes: number[];
  specialPurposes: number[];
  features: number[];
  /** Opt-in features such as precise geolocation (1). */
  specialFeatures: number[];
  /** Set when the vendor has left the list; its id can still appear in older TC strings. */
  deletedDate: string | null;
}

interface VendorRecord {
  name: string;
  purposes: number[];
  legIntPurposes: number[];
  specialPurposes: number[];
  features: number[];
  specialFeatures: number[];
  deletedDate?: string;
}

interface VendorListFile {
  source: string;
  terms: string;
  gvlSpecificationVersion: number;
  vendorListVersion: number;
  tcfPolicyVersion: number;
  lastUpdated: string;
  purposes: Record<string, string>;
  specialPurposes: Record<string, string>;
  features: Record<string, string>;
  specialFeatures: Record<string, string>;
  vendors: Record<string, VendorRecord>;
}

const DATA: VendorListFile = data;

/** For the settings page: which list we name vendors from and how old it is. */
export const VENDOR_LIST_INFO: {
  readonly version: number;
  readonly lastUpdated: string;
  readonly policyVersion: number;
  readonly source: string;
  readonly terms: string;
} = {
  version: DATA.vendorListVersion,
  lastUpdated: DATA.lastUpdated,
  policyVersion: DATA.tcfPolicyVersion,
  source: DATA.source,
  terms: DATA.terms,
};

// Ids arrive from pages as numbers of any kind; only positive integers can name anything, and the
// own-property check keeps "constructor" and friends out of the look-up.
function lookup<T>(table: Record<string, T>, id: number): T | null {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const key = String(id);
  return Object.hasOwn(table, key) ? (table[key] ?? null) : null;
}

export function vendorName(id: number): string | null {
  return lookup(DATA.vendors, id)?.name ?? null;
}

export function vendorDeclaration(id: number): VendorDeclaration | null {
  const v = lookup(DATA.vendors, id);
  if (!v) return null;
  return {
    id,
    name: v.name,
    purposes: [...v.purposes],
    legIntPurposes: [...v.legIntPurposes],
    specialPurposes: [...v.specialPurposes],
    features: [...v.features],
    specialFeatures: [...v.specialFeatures],
    deletedDate: v.deletedDate ?? null,
  };
}

export function purposeName(id: number): string | null {
  return lookup(DATA.purposes, id);
}

export function specialPurposeName(id: number): string | null {
  return lookup(DATA.specialPurposes, id);
}

export function featureName(id: number): string | null {
  return lookup(DATA.features, id);
}

export function specialFeatureName(id: number): string | null {
  return lookup(DATA.specialFeatures, id);
}
