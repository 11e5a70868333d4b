import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { companyForBidder } from '../../src/core/bidders';
import { COMPANIES, companyById } from '../../src/core/companies';
import { companyForDomain } from '../../src/core/company-domains';
import { companyForEidSource } from '../../src/core/company-eids';

describe('company registry', () => {
  it('has unique lower-case slug ids and plain domains', () => {
    expect(new Set(COMPANIES.map((c) => c.id)).size).toBe(COMPANIES.length);
    for (const c of COMPANIES) {
      expect(c.id).toMatch(/^[a-z0-9]+$/);
      expect(c.domain).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
      expect(c.name.trim()).not.toBe('');
    }
    expect(companyById('google')?.name).toBe('Google');
    expect(companyById('__proto__')).toBeNull();
  });

  it('takes TCF vendor ids only from the vendor list, where the vendor name matches', () => {
    const path = join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'tcf', 'vendor-list-v2.2.json');
    let vendors: Record<string, { name: string }>;
    try {
      vendors = (JSON.parse(readFileSync(path, 'utf8')) as { vendors: Record<string, { name: string }> }).vendors;
    } catch {
      return; // the shared data folder sits outside the repository; nothing to compare without it
    }
    const expectedName: Record<string, RegExp> = {
      google: /^Google Advertising Products$/,
      xandr: /^Xandr/,
      outbrain: /^Outbrain/,
      teads: /^Teads/,
      thetradedesk: /Trade Desk/,
      magnite: /^Magnite/,
      equativ: /^Smart Adserver$/,
      improvedigital: /^Improve Digital$/,
      gumgum: /^GumGum/,
      onetag: /^OneTag/,
      richaudience: /^Rich Audience/,
      id5: /^ID5/,
      zeotap: /^zeotap/,
      novatiq: /^Novatiq/,
    };
    for (const c of COMPANIES) {
      if (c.gvlVendorId === null) continue;
      const name = vendors[String(c.gvlVendorId)]?.name;
      expect(name, c.id).toBeDefined();
      // The companies that had vendor ids before the directory keep their checked names; the
      // others are checked against their source in directory.test.ts.
      const expected = expectedName[c.id];
      if (expected) expect(name, c.id).toMatch(expected);
    }
    for (const id of Object.keys(expectedName)) expect(companyById(id)?.gvlVendorId, id).not.toBeNull();
  });
});

describe('companyForBidder', () => {
  it.each([
    ['appnexus', 'xandr'],
    ['msft', 'xandr'],
    ['rubicon', 'magnite'],
    ['magnite', 'magnite'],
    ['ix', 'indexexchange'],
    ['pubmatic', 'pubmatic'],
    ['openx', 'openx'],
    ['criteo', 'criteo'],
    ['triplelift', 'triplelift'],
    ['sovrn', 'sovrn'],
    ['sharethrough', 'sharethrough'],
    ['smartadserver', 'equativ'],
    ['equativ', 'equativ'],
    ['teads', 'teads'],
    ['improvedigital', 'improvedigital'],
    ['yahooAds', 'yahoo'],
    ['yahoossp', 'yahoo'],
    ['medianet', 'medianet'],
    ['gumgum', 'gumgum'],
    ['onetag', 'onetag'],
    ['33across', '33across'],
    ['taboola', 'taboola'],
    ['aps', 'amazon'],
    ['amazon', 'amazon'],
    ['ttd', 'thetradedesk'],
    ['thetradedesk', 'thetradedesk'],
    ['adform', 'adform'],
    ['adf', 'adform'],
    ['richaudience', 'richaudience'],
    ['seedtag', 'seedtag'],
    ['conversant', 'epsilon'],
    ['epsilon', 'epsilon'],
    ['outbrain', 'outbrain'],
    ['kargo', 'kargo'],
    ['nativo', 'nativo'],
    ['unruly', 'unruly'],
    ['billow_rtb25', 'billowlink'],
    ['YAHOOADS', 'yahoo'],
  ])('%s → %s', (code, id) => expect(companyForBidder(code)?.id).toBe(id));

  it.each([['beintoo'], ['trustedstack'], ['unknownBidder'], [''], ['__proto__'], ['constructor']])('%s → null', (code) => {
    expect(companyForBidder(code)).toBeNull();
  });

  it('returns the registry entry', () => {
    expect(companyForBidder('appnexus')).toBe(companyById('xandr'));
    expect(companyForBidder('appnexus')).toMatchObject({ id: 'xandr', name: 'Xandr (Microsoft)', domain: 'xandr.com', gvlVendorId: 32 });
  });
});

describe('companyForDomain', () => {
  it.each([
    ['adnxs.com', 'xandr'],
    ['ib.adnxs.com', 'xandr'],
    ['criteo.com', 'criteo'],
    ['static.criteo.net', 'criteo'],
    ['rubiconproject.com', 'magnite'],
    ['casalemedia.com', 'indexexchange'],
    ['pubmatic.com', 'pubmatic'],
    ['openx.net', 'openx'],
    ['3lift.com', 'triplelift'],
    ['lijit.com', 'sovrn'],
    ['sharethrough.com', 'sharethrough'],
    ['smartadserver.com', 'equativ'],
    ['teads.tv', 'teads'],
    ['360yield.com', 'improvedigital'],
    ['yahoo.com', 'yahoo'],
    ['media.net', 'medianet'],
    ['gumgum.com', 'gumgum'],
    ['onetag-sys.com', 'onetag'],
    ['33across.com', '33across'],
    ['taboola.com', 'taboola'],
    ['outbrain.com', 'outbrain'],
    ['amazon-adsystem.com', 'amazon'],
    ['adsrvr.org', 'thetradedesk'],
    ['bidswitch.net', 'bidswitch'],
    ['rlcdn.com', 'liveramp'],
    ['liadm.com', 'liveintent'],
    ['doubleclick.net', 'google'],
    ['tpc.googlesyndication.com', 'google'],
    ['google.com', 'google'],
    ['facebook.com', 'meta'],
    ['connect.facebook.net', 'meta'],
    ['bat.bing.com', 'microsoft'],
    ['CM.G.DOUBLECLICK.NET.', 'google'],
  ])('%s → %s', (domain, id) => expect(companyForDomain(domain)?.id).toBe(id));

  it.each([['adnxs.com.evil.example'], ['evil-adnxs.com'], ['example.com'], [''], ['127.0.0.1'], ['__proto__']])('%s → null', (domain) => {
    expect(companyForDomain(domain)).toBeNull();
  });
});

describe('companyForEidSource', () => {
  it.each([
    ['pubcid.org', 'prebid'],
    ['adserver.org', 'thetradedesk'],
    ['uidapi.com', 'thetradedesk'],
    ['euid.eu', 'thetradedesk'],
    ['id5-sync.com', 'id5'],
    ['liveramp.com', 'liveramp'],
    ['criteo.com', 'criteo'],
    ['crwdcntrl.net', 'lotame'],
    ['google.com', 'google'],
    ['33across.com', '33across'],
    ['liveintent.com', 'liveintent'],
    ['fpid.liveintent.com', 'liveintent'],
    ['netid.de', 'netid'],
    ['utiq.com', 'utiq'],
    ['yahoo.com', 'yahoo'],
    ['zeotap.com', 'zeotap'],
    ['intentiq.com', 'intentiq'],
    ['teads.com', 'teads'],
    ['taboola.com', 'taboola'],
    ['tapad.com', 'tapad'],
    ['novatiq.com', 'novatiq'],
    ['ssp.merkleinc.com', 'merkle'],
  ])('%s → %s', (source, id) => expect(companyForEidSource(source)?.id).toBe(id));

  it.each([['esp.pubmatic.com'], ['unknown.example'], ['']])('%s → null', (source) => {
    expect(companyForEidSource(source)).toBeNull();
  });
});
