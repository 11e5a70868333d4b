import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { getDomain } from 'tldts';
import { describe, expect, it } from 'vitest';
import vendorList from '../../src/core/data/vendor-list.json';
import { COMPANIES, ROLES, companyById, type Company, type SourcedFact } from '../../src/core/companies';
import { companyForDomain } from '../../src/core/company-domains';
import { classifyHost, classifyRequest } from '../../src/core/directory/classify';
import { HOST_RULES } from '../../src/core/directory/host-rules';
import { safeLink } from '../../src/core/safe-link';

const ROOT = join(import.meta.dirname, '..', '..');
const PREBID = join(ROOT, 'node_modules', 'prebid.js');
const vendors: Record<string, { name: string }> = vendorList.vendors;

/** Files outside the repository (../shared): checked when present, as companies.test.ts does. */
function shared(...path: string[]): string | null {
  const file = join(ROOT, '..', 'shared', ...path);
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

/** `sources.domains` is "<domain>: <source>; <domain>: <source>…" in the order of `domains`. */
function domainSources(c: Company): Map<string, string> {
  const text = c.sources.domains ?? '';
  const out = new Map<string, string>();
  c.domains.forEach((d, i) => {
    const start = text.indexOf(`${d}: `);
    const next = c.domains[i + 1];
    const end = next === undefined ? text.length : text.indexOf(`; ${next}: `, start);
    out.set(d, start === -1 || end === -1 ? '' : text.slice(start + d.length + 2, end));
  });
  return out;
}

const FACTS: readonly SourcedFact[] = ['name', 'legalName', 'country', 'gvlVendorId', 'roles', 'domains', 'privacyUrl', 'optOutUrl'];

describe('company directory', () => {
  it('has at least 150 companies with unique slug ids, names and roles', () => {
    expect(COMPANIES.length).toBeGreaterThanOrEqual(150);
    expect(new Set(COMPANIES.map((c) => c.id)).size).toBe(COMPANIES.length);
    for (const c of COMPANIES) {
      expect(c.id).toMatch(/^[a-z0-9]+$/);
      expect(c.name.trim(), c.id).not.toBe('');
      expect(c.roles.length, c.id).toBeGreaterThan(0);
      expect(new Set(c.roles).size, c.id).toBe(c.roles.length);
      for (const r of c.roles) expect(ROLES, c.id).toContain(r);
      if (c.country !== null) expect(c.country, c.id).toMatch(/^[A-Z]{2}$/);
    }
  });

  it('has a source for every fact that is not null, and none for a fact that is', () => {
    for (const c of COMPANIES) {
      for (const fact of FACTS) {
        const source = c.sources[fact];
        if (c[fact] === null) expect(source, `${c.id}.${fact}`).toBeUndefined();
        else expect(source?.trim(), `${c.id}.${fact}`).toBeTruthy();
      }
    }
  });

  it('gives every company lower-case registrable domains, its own site among them', () => {
    for (const c of COMPANIES) {
      expect(c.domains.length, c.id).toBeGreaterThan(0);
      expect(c.domains, c.id).toContain(c.domain);
      for (const d of c.domains) {
        expect(d, c.id).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
        expect(getDomain(d), `${c.id} ${d}`).toBe(d);
      }
      expect(new Set(c.domains).size, c.id).toBe(c.domains.length);
    }
  });

  it('names a source for each domain', () => {
    for (const c of COMPANIES) {
      for (const [d, source] of domainSources(c)) expect(source.trim(), `${c.id} ${d}`).not.toBe('');
    }
  });

  it('puts every domain and every host rule under exactly one company', () => {
    const owner = new Map<string, string>();
    for (const c of COMPANIES) {
      for (const d of c.domains) {
        expect(owner.get(d), `${d} in ${owner.get(d)} and ${c.id}`).toBeUndefined();
        owner.set(d, c.id);
        expect(classifyHost(d)?.company.id, d).toBe(c.id);
        expect(companyForDomain(d)?.id, d).toBe(c.id);
      }
    }
    expect(new Set(HOST_RULES.map((r) => r.host)).size).toBe(HOST_RULES.length);
    for (const rule of HOST_RULES) {
      // A rule either refines its own company's domain or carves one host out of a domain that
      // belongs to nobody here (ssp.disqus.com): it never moves a host to a second company.
      const domainOwner = owner.get(getDomain(rule.host) ?? '');
      if (domainOwner !== undefined) expect(domainOwner, rule.host).toBe(rule.company);
      expect(classifyHost(rule.host)?.company.id, rule.host).toBe(rule.company);
      expect(rule.source.trim(), rule.host).not.toBe('');
      const company = companyById(rule.company);
      expect(company, rule.host).not.toBeNull();
      for (const role of [rule.role, ...(rule.paths ?? []).map((p) => p.role)]) expect(company?.roles, `${rule.host} ${role}`).toContain(role);
      for (const p of rule.paths ?? []) {
        expect(p.source.trim(), rule.host).not.toBe('');
        expect(p.prefix ?? p.includes ?? p.query, rule.host).toBeDefined();
      }
    }
  });

  it('links only https pages that pass safeLink unchanged', () => {
    for (const c of COMPANIES) {
      for (const url of [c.privacyUrl, c.optOutUrl]) {
        if (url === null) continue;
        expect(url.startsWith('https://'), `${c.id} ${url}`).toBe(true);
        expect(safeLink(url), `${c.id} ${url}`).toBe(url);
      }
    }
  });

  it('takes vendor ids, and legal names said to come from it, from the bundled vendor list', () => {
    const ids = COMPANIES.map((c) => c.gvlVendorId).filter((id): id is number => id !== null);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of COMPANIES) {
      if (c.gvlVendorId === null) continue;
      const vendor = vendors[String(c.gvlVendorId)];
      expect(vendor, c.id).toBeDefined();
      expect(c.sources.gvlVendorId, c.id).toBe(`GVL v7 vendor ${c.gvlVendorId} ("${vendor?.name}")`);
    }
    for (const c of COMPANIES) {
      const from = /^GVL v7 vendor (\d+) name$/.exec(c.sources.legalName ?? '');
      if (!from) continue;
      expect(Number(from[1]), c.id).toBe(c.gvlVendorId);
      expect(c.legalName, c.id).toBe(vendors[String(from[1])]?.name);
    }
    for (const c of COMPANIES) {
      const from = /^GVL v7 vendor (\d+) \("(.*)"\)$/.exec(c.sources.name ?? '');
      if (from) expect(from[2], c.id).toBe(vendors[String(from[1])]?.name);
    }
  });

  it('cites Prebid files that hold what they are cited for', () => {
    const version = (JSON.parse(readFileSync(join(PREBID, 'package.json'), 'utf8')) as { version: string }).version;
    expect(version.startsWith('11.36.')).toBe(true);
    let checked = 0;
    for (const c of COMPANIES) {
      for (const [d, source] of domainSources(c)) {
        const cited = /^prebid\.js 11\.36 ((?:modules|libraries)\/[\w./-]+|README\.md) \((?:maintainer address @)?([^)]+)\)$/.exec(source);
        if (!cited) continue;
        const [, file = '', host = ''] = cited;
        expect(readFileSync(join(PREBID, file), 'utf8').toLowerCase(), `${c.id} ${d} ${file}`).toContain(host);
        expect(host.endsWith(d), `${c.id} ${d}`).toBe(true);
        checked++;
      }
      for (const file of (c.sources.roles ?? '').match(/(?<=prebid\.js 11\.36 )modules\/[\w.-]+\.(?:js|ts|md)/g) ?? []) {
        expect(existsSync(join(PREBID, file)), `${c.id} ${file}`).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('agrees with the vendor ids the cited Prebid modules declare', () => {
    type Metadata = { components: { componentName: string; aliasOf: string | null; gvlid: number | string | null }[] };
    for (const c of COMPANIES) {
      for (const file of (c.sources.roles ?? '').match(/(?<=prebid\.js 11\.36 modules\/)\w+(?=\.(?:js|ts))/g) ?? []) {
        const path = join(PREBID, 'metadata', 'modules', `${file}.json`);
        if (!existsSync(path)) continue;
        const declared = (JSON.parse(readFileSync(path, 'utf8')) as Metadata).components.map((m) => Number(m.gvlid)).filter((id) => id > 0);
        // A module may declare an id for one of its aliases too; the company's id must be among them.
        if (c.gvlVendorId !== null && declared.length) expect(declared, `${c.id} ${file}`).toContain(c.gvlVendorId);
        // And an id the module declares that the bundled list knows is never left out.
        if (c.gvlVendorId === null) expect(declared.filter((id) => vendors[String(id)] !== undefined), `${c.id} ${file}`).toEqual([]);
      }
    }
  });

  it('cites the vendor list snapshot and ad-signals.md for what they hold, where ../shared is present', () => {
    const gvlText = shared('data', 'tcf', 'vendor-list-v2.2.json');
    const adSignals = shared('reference', 'ad-signals.md');
    if (gvlText === null || adSignals === null) return;
    type Vendor = { name: string; urls?: { privacy?: string }[]; deviceStorageDisclosureUrl?: string };
    const gvl = (JSON.parse(gvlText) as { vendors: Record<string, Vendor> }).vendors;
    for (const c of COMPANIES) {
      if (c.sources.privacyUrl?.startsWith('GVL v7 vendor ')) {
        const listed = gvl[String(c.gvlVendorId)]?.urls?.[0]?.privacy?.trim().split('#')[0];
        expect(c.privacyUrl === listed || c.privacyUrl === `${listed}/`, c.id).toBe(true);
      }
      for (const [d, source] of domainSources(c)) {
        const fromGvl = /^GVL v7 vendor (\d+) (privacy URL|device-storage disclosure URL) \(([^)]+)\)$/.exec(source);
        if (fromGvl) {
          const vendor = gvl[fromGvl[1] ?? ''];
          const url = fromGvl[2] === 'privacy URL' ? vendor?.urls?.[0]?.privacy : vendor?.deviceStorageDisclosureUrl;
          expect(url, `${c.id} ${d}`).toContain(fromGvl[3]);
          expect(getDomain(fromGvl[3] ?? ''), `${c.id} ${d}`).toBe(d);
        }
        if (source.startsWith('ad-signals.md §6.2')) expect(adSignals, `${c.id} ${d}`).toContain(d);
      }
    }
  });
});

describe('classifyRequest', () => {
  it.each([
    // Google: one company, several jobs.
    ['https://securepubads.g.doubleclick.net/tag/js/gpt.js', 'google', 'ad-server'],
    ['https://securepubads.g.doubleclick.net/gampad/ads?iu=/21871422770/DC_Rright1&sz=300x250&correlator=1', 'google', 'ad-server'],
    ['https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-1234567890', 'google', 'network'],
    ['https://tpc.googlesyndication.com/simgad/1234567890123456789', 'google', 'ad-server'],
    ['https://4f2c9a1b7d.safeframe.googlesyndication.com/safeframe/1-0-40/html/container.html', 'google', 'ad-server'],
    ['https://googleads.g.doubleclick.net/pagead/viewthroughconversion/123456789/?random=1&cv=11&fst=1', 'google', 'pixel'],
    ['https://googleads.g.doubleclick.net/aclk?sa=L&ai=Cabc&adurl=https://shop.example/', 'google', 'network'],
    ['https://www.googleadservices.com/pagead/conversion/123456789/?label=AbC&guid=ON', 'google', 'pixel'],
    ['https://www.googleadservices.com/pagead/aclk?sa=L&ai=Cxyz', 'google', 'network'],
    ['https://cm.g.doubleclick.net/pixel?google_nid=rubicon&google_cm&google_sc', 'google', 'identity'],
    ['https://ad.doubleclick.net/ddm/trackclk/N1234.5678/B9012;dc_trk_aid=1;dc_trk_cid=2', 'google', 'ad-server'],
    ['https://s0.2mdn.net/ads/richmedia/studio/12345678/index.html', 'google', 'ad-server'],
    ['https://www.googletagmanager.com/gtag/js?id=AW-123456789', 'google', 'pixel'],
    ['https://www.googletagmanager.com/gtag/js?id=G-ABC123DEF4', 'google', 'measurement'],
    ['https://region1.google-analytics.com/g/collect?v=2&tid=G-ABC123DEF4&en=page_view', 'google', 'measurement'],
    ['https://www.google.com/search?q=running+shoes', 'google', 'platform'],
    // Platforms and their pixels.
    ['https://www.facebook.com/tr?id=1234567890&ev=PageView&noscript=1', 'meta', 'pixel'],
    ['https://www.facebook.com/tr/?id=1234567890&ev=Purchase&cd[value]=9.99', 'meta', 'pixel'],
    ['https://connect.facebook.net/en_US/fbevents.js', 'meta', 'pixel'],
    ['https://connect.facebook.net/en_US/sdk.js#xfbml=1&version=v19.0', 'meta', 'platform'],
    ['https://www.facebook.com/trending', 'meta', 'platform'],
    ['https://bat.bing.com/action/0?ti=12345678&evt=pageLoad', 'microsoft', 'pixel'],
    ['https://px.ads.linkedin.com/collect?pid=123456&fmt=gif', 'linkedin', 'pixel'],
    ['https://px.ads.linkedin.com/setuid?partner=appNexus&dbredirect=true', 'linkedin', 'identity'],
    ['https://snap.licdn.com/li.lms-analytics/insight.min.js', 'linkedin', 'pixel'],
    ['https://ct.pinterest.com/v3/?tid=2612345678901&event=init', 'pinterest', 'pixel'],
    ['https://s.pinimg.com/ct/core.js', 'pinterest', 'pixel'],
    ['https://analytics.tiktok.com/i18n/pixel/events.js?sdkid=C1ABCDEF&lib=ttq', 'tiktok', 'pixel'],
    ['https://static.ads-twitter.com/uwt.js', 'x', 'pixel'],
    ['https://www.redditstatic.com/ads/pixel.js', 'reddit', 'pixel'],
    ['https://s.amazon-adsystem.com/iu3?cm3ppd=1&d=dtb-pub&csif=t', 'amazon', 'pixel'],
    ['https://web.ads.aps.amazon-adsystem.com/e/pb/bid', 'amazon', 'exchange'],
    // Header bidding, syncs and retargeting.
    ['https://ib.adnxs.com/ut/v3/prebid', 'xandr', 'ssp'],
    ['https://fastlane.rubiconproject.com/a/api/fastlane.json?account_id=1001&site_id=2002', 'magnite', 'ssp'],
    ['https://eus.rubiconproject.com/usync.html?p=prebid', 'magnite', 'identity'],
    ['https://htlb.casalemedia.com/openrtb/pbjs?s=123456&v=8.1', 'indexexchange', 'exchange'],
    ['https://dsum.casalemedia.com/pbusermatch?origin=prebid&gdpr=1', 'indexexchange', 'identity'],
    ['https://hbopenbid.pubmatic.com/translator?source=prebid-client', 'pubmatic', 'ssp'],
    ['https://ads.pubmatic.com/AdServer/js/user_sync.html?kdntuid=1&p=156209', 'pubmatic', 'identity'],
    ['https://image8.pubmatic.com/AdServer/ImgSync?p=156209', 'pubmatic', 'identity'],
    ['https://rtb.openx.net/openrtbb/prebidjs', 'openx', 'exchange'],
    ['https://u.openx.net/w/1.0/pd?gdpr=1&gdpr_consent=CQabc', 'openx', 'identity'],
    ['https://grid-bidder.criteo.com/openrtb_2_5/pbjs/auction/request?profileId=207', 'criteo', 'dsp'],
    ['https://dynamic.criteo.com/js/ld/ld.js?a=12345', 'criteo', 'pixel'],
    ['https://gum.criteo.com/syncframe?origin=criteoPrebidAdapter&topUrl=news.example', 'criteo', 'identity'],
    ['https://static.criteo.net/flash/icon/nai_small.png', 'criteo', 'retargeting'],
    ['https://tlx.3lift.com/header/auction?lib=prebid&v=11.36.0', 'triplelift', 'ssp'],
    ['https://x.bidswitch.net/sync?ssp=magnite&redir=https%3A%2F%2Fpixel.rubiconproject.com%2Ftap.php%3Fv%3D1%26nid%3D2', 'bidswitch', 'identity'],
    ['https://a.teads.tv/hb/bid-request', 'teads', 'ssp'],
    ['https://trc.taboola.com/publisher/trc/json?tim=12%3A00&data=abc', 'taboola', 'network'],
    ['https://insight.adsrvr.org/track/up?adv=abc123&ref=https%3A%2F%2Fshop.example', 'thetradedesk', 'pixel'],
    ['https://match.adsrvr.org/track/cmf/generic?ttd_pid=rubicon&ttd_tpi=1', 'thetradedesk', 'identity'],
    ['https://direct.adsrvr.org/bid/bidder/prebid', 'thetradedesk', 'dsp'],
    ['https://prod.uidapi.com/v2/token/refresh', 'thetradedesk', 'identity'],
    ['https://s.adroll.com/j/ABCDEFGHIJ/roundtrip.js', 'adroll', 'pixel'],
    ['https://dpm.demdex.net/id?d_visid_ver=5.4.0&d_fieldgroup=MC', 'adobe', 'pixel'],
    ['https://bcp.crwdcntrl.net/5/c=12345/pe=y', 'lotame', 'pixel'],
    ['https://id5-sync.com/g/v2/1234.json?gdpr_consent=CQabc', 'id5', 'identity'],
    ['https://rp.liadm.com/j?dtstmp=1700000000000&aid=a-0abc', 'liveintent', 'identity'],
    ['https://api.rlcdn.com/api/identity/envelope?pid=123', 'liveramp', 'identity'],
    ['https://c2shb.pubgw.yahoo.com/admax/bid/partners/PBJS', 'yahoo', 'ssp'],
    ['https://ups.analytics.yahoo.com/ups/58784/fed', 'yahoo', 'identity'],
    ['https://sb.scorecardresearch.com/b?c1=2&c2=1234567&ns__t=1', 'comscore', 'measurement'],
    ['https://pixel.adsafeprotected.com/services/pub?anId=12345', 'ias', 'measurement'],
    ['https://ssp.disqus.com/bid/prebid', 'zeta', 'ssp'],
    ['https://prebid.a-mo.net/a/c', 'amx', 'ssp'],
    ['wss://ib.adnxs.com/ut/v3/prebid', 'xandr', 'ssp'],
    ['HTTPS://IB.ADNXS.COM:443/ut/v3/prebid', 'xandr', 'ssp'],
  ])('%s → %s %s', (url, company, role) => {
    expect(classifyRequest(url)).toMatchObject({ company: { id: company }, role });
    expect(classifyRequest(new URL(url))).toMatchObject({ company: { id: company }, role });
  });

  it.each([
    // The site itself, CDNs and everything we do not list.
    ['https://www.nytimes.com/2026/05/01/world/europe/story.html'],
    ['https://static01.nyt.com/images/2026/05/01/photo.jpg?quality=75&auto=webp'],
    ['https://cdn.jsdelivr.net/npm/prebid.js@11/dist/not-for-prod/prebid.js'],
    ['https://cdnjs.cloudflare.com/ajax/libs/jquery/3.7.1/jquery.min.js'],
    ['https://fonts.gstatic.com/s/roboto/v30/KFOmCnqEu92Fr1Mu4mxK.woff2'],
    ['https://d2abcdefghij.cloudfront.net/assets/app.js'],
    ['https://disqus.com/embed/comments/?base=default'],
    ['https://www.example.com/'],
    // Look-alikes and hosts that are not what they seem.
    ['https://adnxs.com.evil.example/ut/v3/prebid'],
    ['https://evil-adnxs.com/ut/v3/prebid'],
    ['https://www.facebook.com@evil.example/tr?id=1'],
    ['https://evil.example\\@www.facebook.com/tr?id=1'],
    ['http://192.168.1.1/tr'],
    ['https://[::1]/tr'],
    // Not http(s).
    ['data:image/png;base64,iVBORw0KGgo='],
    ['about:blank'],
    ['chrome-extension://abcdefghijklmnop/popup.html'],
    ['javascript:alert(1)'],
    [''],
  ])('%s → null', (url) => {
    expect(classifyRequest(url)).toBeNull();
  });

  it('reads a string as the URL parser does', () => {
    const hosts = [...COMPANIES.flatMap((c) => c.domains), ...HOST_RULES.map((r) => r.host), 'example.com', 'cdn.example.net'];
    const url = fc.tuple(
      fc.constantFrom('https://', 'http://', 'HTTPS://'),
      fc.constantFrom('', 'www.', 'ads.', 'a.b.'),
      fc.constantFrom(...hosts),
      fc.constantFrom('', ':8443', '.'),
      fc.webPath(),
      fc.option(fc.webQueryParameters(), { nil: undefined }),
      fc.option(fc.webFragments(), { nil: undefined }),
    );
    fc.assert(
      fc.property(url, ([scheme, sub, host, port, path, query, fragment]) => {
        const text = `${scheme}${sub}${host}${port}${path}${query === undefined ? '' : `?${query}`}${fragment === undefined ? '' : `#${fragment}`}`;
        let parsed: URL;
        try {
          parsed = new URL(text);
        } catch {
          return;
        }
        expect(classifyRequest(text)).toEqual(classifyRequest(parsed));
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('classifyHost', () => {
  it('gives a host rule\'s roles, or the company\'s', () => {
    expect(classifyHost('bat.bing.com')).toMatchObject({ company: { id: 'microsoft' }, roles: ['pixel'] });
    expect(classifyHost('www.facebook.com')?.roles).toEqual(['platform', 'pixel']);
    expect(classifyHost('fastlane.rubiconproject.com')).toMatchObject({ company: { id: 'magnite' }, roles: ['ssp', 'identity'] });
    expect(classifyHost('A.Safeframe.GoogleSyndication.com.')?.roles).toEqual(['ad-server']);
    expect(classifyHost('googlesyndication.com')?.company.id).toBe('google');
    expect(classifyHost('disqus.com')).toBeNull();
    expect(classifyHost('ssp.disqus.com')?.company.id).toBe('zeta');
  });

  it.each([['example.com'], ['localhost'], ['127.0.0.1'], [''], ['.'], ['__proto__'], ['constructor'], ['adnxs.com.evil.example'], ['ünïcode.example']])('%s → null', (host) => {
    expect(classifyHost(host)).toBeNull();
  });
});

describe('classifier properties', () => {
  const known = new Set(COMPANIES);
  const anyText = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
    fc.tuple(fc.constantFrom('https://', 'http://', 'wss://', 'https://user:pw@', ''), fc.constantFrom(...HOST_RULES.map((r) => r.host), 'adnxs.com', 'evil.example'), fc.string({ maxLength: 60 })).map((parts) => parts.join('')),
  );

  it('never throws, and answers null or a company of the directory in a known role', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const request = classifyRequest(text);
        if (request !== null) {
          expect(known.has(request.company)).toBe(true);
          // A sync path makes any ad-tech company's request an identity one; every other role is
          // one the company is listed with.
          expect(request.role === 'identity' || request.company.roles.includes(request.role)).toBe(true);
        }
        const host = classifyHost(text);
        if (host !== null) {
          expect(known.has(host.company)).toBe(true);
          for (const r of host.roles) expect(host.company.roles).toContain(r);
        }
      }),
      { numRuns: 5_000 },
    );
  });

  it('answers the same for a host however often it is asked (the memo is bounded, not wrong)', () => {
    for (let i = 0; i < 5_000; i++) classifyHost(`h${i}.example.com`);
    expect(classifyHost('ib.adnxs.com')?.company.id).toBe('xandr');
    expect(classifyRequest('https://ib.adnxs.com/ut/v3/prebid')?.role).toBe('ssp');
  });
});
