/**
 * `source` of an OpenRTB / Prebid EID → the company whose identifier it is ("a cross-site identifier
 * from <company> was attached to the bid request", ad-signals §2.6, sources verified there from the
 * Prebid ID modules). Sources are domains, sometimes with a subdomain ("fpid.liveintent.com",
 * "<ssp>.merkleinc.com"), so the look-up goes by registrable domain.
 */
import { getDomain } from 'tldts';
import { companyOf, type Company, type CompanyId } from './companies';

const SOURCES: Readonly<Record<string, CompanyId>> = {
  'pubcid.org': 'prebid', // SharedID, first-party, set by the publisher's Prebid
  'adserver.org': 'thetradedesk', // Unified ID 1.0 (TDID)
  'uidapi.com': 'thetradedesk', // UID2, operated by The Trade Desk
  // EUID is UID2's European counterpart; Prebid's euidIdSystem.md points to the UID2 docs
  // (unifiedid.com). That The Trade Desk runs it too is from memory, not from ad-signals.
  'euid.eu': 'thetradedesk',
  'id5-sync.com': 'id5',
  'true-link-id5-sync.com': 'id5', // id5IdSystem.js TRUE_LINK_SOURCE
  'liveramp.com': 'liveramp', // RampID / IdentityLink
  'criteo.com': 'criteo',
  'crwdcntrl.net': 'lotame', // Panorama ID
  'google.com': 'google', // PAIR
  '33across.com': '33across',
  'liveintent.com': 'liveintent',
  'netid.de': 'netid',
  'utiq.com': 'utiq',
  'utiq-mtp.com': 'utiq', // utiqMtpIdSystem.js
  'yahoo.com': 'yahoo', // Yahoo ConnectID
  'zeotap.com': 'zeotap',
  'intentiq.com': 'intentiq',
  'teads.com': 'teads',
  'taboola.com': 'taboola',
  'tapad.com': 'tapad',
  'novatiq.com': 'novatiq',
  'merkleinc.com': 'merkle',
  'epsilon.com': 'epsilon', // publinkIdSystem.js
  'quantcast.com': 'quantcast', // removed in Prebid 11, still in older pages
};

const BY_SOURCE = new Map<string, CompanyId>(Object.entries(SOURCES));

export function companyForEidSource(source: string): Company | null {
  const host = source.trim().toLowerCase().replace(/\.$/, '');
  const id = BY_SOURCE.get(host) ?? BY_SOURCE.get(getDomain(host) ?? host);
  return id ? companyOf(id) : null;
}
