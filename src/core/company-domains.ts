/**
 * Registrable domains seen in ad requests, syncs and pixels → the company behind them, from the
 * company directory (src/core/directory/companies-data.ts, every domain with its source). For the
 * role of a single request, see classifyRequest in ./directory/classify.ts.
 */
import { getDomain } from 'tldts';
import type { Company } from './companies';
import { companyForRegistrableDomain } from './directory/domains';

/**
 * Accepts a registrable domain or any host under it ("ib.adnxs.com"): tldts reduces it with the
 * public-suffix list, so "adnxs.com" and "acdn.adnxs.com" give the same answer and
 * "adnxs.com.evil.example" does not.
 */
export function companyForDomain(registrableDomain: string): Company | null {
  const host = registrableDomain.trim().toLowerCase().replace(/\.$/, '');
  return companyForRegistrableDomain(getDomain(host) ?? host);
}
