/**
 * The one registry of ad-tech companies that bidder codes, network domains, user-ID sources and the
 * opt-out directory point to. The table and its sources live in ./directory/companies-data.ts; this
 * module is the public entry, so callers keep importing from here.
 */
export { COMPANIES, companyById, companyOf, type Company, type CompanyId } from './directory/registry';
export { ROLES, type CompanyFacts, type Role, type SourcedFact, type Sources } from './directory/types';
