/**
 * The company registry built from the directory table: typed ids and the look-ups by id that
 * bidder codes, network domains, user-ID sources and the opt-out directory point to.
 */
import { COMPANY_DATA } from './companies-data';
import type { CompanyFacts } from './types';

export type CompanyId = keyof typeof COMPANY_DATA;

export interface Company extends CompanyFacts {
  readonly id: CompanyId;
}

export const COMPANIES: readonly Company[] = Object.entries(COMPANY_DATA).map(([id, facts]): Company => ({ id: id as CompanyId, ...facts }));

// A Map, not the table, for look-ups: ids come from stored reports and pages, and "__proto__" must find nothing.
const BY_ID = new Map<string, Company>(COMPANIES.map((c) => [c.id, c]));

/** The company with this id, or null for an id we do not know (ids can come from old stored reports). */
export function companyById(id: string): Company | null {
  return BY_ID.get(id) ?? null;
}

/** For the mapping tables: their values are typed ids, so the company is always there. */
export function companyOf(id: CompanyId): Company {
  const found = BY_ID.get(id);
  if (!found) throw new Error(`unknown company id ${id}`);
  return found;
}
