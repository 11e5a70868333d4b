/**
 * Registrable domain → the company whose requests go there, from the directory's `domains`.
 * Built once; a Map so that a page-supplied "__proto__" finds nothing.
 */
import { COMPANIES, type Company } from './registry';

const BY_DOMAIN = new Map<string, Company>(COMPANIES.flatMap((c) => c.domains.map((d) => [d, c] as const)));

/** Exact look-up: the argument must already be a lower-case registrable domain ("adnxs.com"). */
export function companyForRegistrableDomain(domain: string): Company | null {
  return BY_DOMAIN.get(domain) ?? null;
}
