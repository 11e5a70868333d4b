/** Links read inside ad creatives: each kind from ad-signals.md §1.2 and §5, hostile input, and a property. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_CREATIVE_LINK_LENGTH, readCreativeLink, readDsaParams } from '../../src/core/creative-links';

const NOTHING = { kind: null, company: null, landingDomain: null, dsa: null, safeUrl: null };

describe('readCreativeLink: notices', () => {
  it("reads Google's why-this-ad link (§5.1) and lets it be a link", () => {
    const href = 'https://adssettings.google.com/whythisad?source=display&reasons=AbCd-123_x';
    expect(readCreativeLink(href)).toEqual({ kind: 'why-this-ad', company: 'google', landingDomain: null, dsa: null, safeUrl: href });
  });

  it.each([
    ['https://youradchoices.com/', 'adchoices', null],
    ['https://optout.aboutads.info/?c=2&lang=EN', 'adchoices', null],
    ['https://www.youronlinechoices.eu/', 'adchoices', null],
    ['https://info.evidon.com/pub_info/1234?v=1&nt=0&nw=false', 'adchoices', null],
    ['https://privacy.eu.criteo.com/adcenter?cppv=3&cpp=abc', 'adchoices', 'criteo'],
    ['https://privacy.us.criteo.com/adchoices?cppv=3', 'adchoices', 'criteo'],
    ['https://popup.taboola.com/en/?template=colorbox&utm_source=pub&utm_medium=referral&utm_content=thumbs', 'disclosure', 'taboola'],
    ['https://www.outbrain.com/what-is/default/en', 'disclosure', 'outbrain'],
    ['https://www.amazon.com/adprefs', 'disclosure', 'amazon'],
    ['https://www.amazon.de/adprefs', 'disclosure', 'amazon'],
    ['https://account.microsoft.com/privacy/ad-settings', 'disclosure', 'microsoft'],
    ['https://www.xandr.com/privacy/platform-privacy-policy/', 'disclosure', 'xandr'],
    ['https://www.facebook.com/ads/about/?entry_product=ad_preferences', 'why-this-ad', 'meta'],
  ])('%s is %s of %s', (href, kind, company) => {
    const r = readCreativeLink(href);
    expect(r.kind).toBe(kind);
    expect(r.company).toBe(company);
    expect(r.landingDomain).toBeNull();
  });

  it("calls any page with AdChoices in its host or path an AdChoices notice, as text only when not on our list", () => {
    // The TripleLift creative captured in prebid.js declares this as its display.priv.
    expect(readCreativeLink('https://example.com/adchoices/')).toEqual({ kind: 'adchoices', company: null, landingDomain: null, dsa: null, safeUrl: null });
    expect(readCreativeLink('https://adchoices.3lift.com/info').company).toBe('triplelift');
  });

  it('gives a notice page that is on the allow-list back rebuilt, and refuses lookalikes', () => {
    expect(readCreativeLink('https://popup.taboola.com/en/#x').safeUrl).toBe('https://popup.taboola.com/en/');
    expect(readCreativeLink('https://adssettings.google.com.evil.example/whythisad').safeUrl).toBeNull();
    expect(readCreativeLink('http://adssettings.google.com/whythisad').safeUrl).toBeNull();
  });
});

describe('readCreativeLink: click-throughs', () => {
  it.each([
    // §5.1: Google's clicks name the advertiser in adurl.
    ['https://googleads.g.doubleclick.net/aclk?sa=L&ai=CxYz&num=1&adurl=https://www.example-shoes.nl/sale%3Fgclid%3D1', 'google', 'example-shoes.nl'],
    ['https://www.googleadservices.com/pagead/aclk?sa=L&ai=Cab&adurl=https%3A%2F%2Fshop.example.co.uk%2Fp', 'google', 'example.co.uk'],
    ['https://adclick.g.doubleclick.net/pcs/click?xai=AKA&sig=Cg&adurl=https://www.advertiser.example/landing', 'google', 'advertiser.example'],
    // A Google click whose adurl is a Campaign Manager tracker that appends the landing page.
    [`https://googleads.g.doubleclick.net/aclk?ai=1&adurl=${encodeURIComponent('https://ad.doubleclick.net/ddm/trackclk/N1.2/B3;dc_trk_aid=4;dc_lat=?https://brand.example/x')}`, 'google', 'brand.example'],
    // The AppNexus creative in prebid.js test/fake-server/fixtures/appnexus/basic-banner.
    [
      'http://sin3-ib.adnxs.com/click?AAAAAAAA4D8AAAAAAADgPwAAAIDrUeA_AAAAAAAA4D8AAAAAAADgPyj4Bc3O8hJxKnKSKrrb42GSR8ldAAAAADKRyABtJAAAbSQAAAIAAADTwMUFnPgWAAAAAABVU0QAVVNEACwB-gC1ZwAAAAABAQMCAAAAALwAUR2JEgAAAAA./bcr=AAAAAAAA8D8=/cnd=%21Iw90BAiusK4KENOBly4YnPFbIAQoADEAAAAAAADgPzoJU0lOMzo0NzM1QKgVSQAAAAAAAPA_UQAAAAAAAAAAWQAAAAAAAAAAYQAAAAAAAAAAaQAAAAAAAAAAcQAAAAAAAAAAeAA./cca=OTMyNSNTSU4zOjQ3MzU=/bn=89106/clickenc=http%3A%2F%2Fprebid.org%2Fdev-docs%2Fgetting-started.html',
      'xandr',
      'prebid.org',
    ],
    // §5.6: Amazon embeds the landing URL in the path.
    ['https://aax-eu.amazon-adsystem.com/x/c/RVOdkZ6FQ0cQ1c/https://www.amazon.de/dp/B0ABC?ref=1', 'amazon', 'amazon.de'],
    ['https://aax-us.amazon-adsystem.com/x/c/Qx_1/https%3A%2F%2Fwww.brand.example%2Fp', 'amazon', 'brand.example'],
    // Microsoft Advertising: u = "a1" + base64url of the landing URL.
    [`https://www.bing.com/aclk?ld=e8&u=a1${btoa('https://www.contoso.example/deal').replace(/=+$/, '')}`, 'microsoft', 'contoso.example'],
    // Taboola and Outbrain click redirectors with a landing parameter.
    ['https://trc.taboola.com/pub/log/3/click?pi=%2Fa&redir=https%3A%2F%2Fwww.sponsor.example%2Fstory', 'taboola', 'sponsor.example'],
    ['https://paid.outbrain.com/network/redir?p=abc&url=https%3A%2F%2Flanding.example%2F', 'outbrain', 'landing.example'],
  ])('%s: %s, landing %s', (href, company, landing) => {
    const r = readCreativeLink(href);
    expect(r.kind).toBe('click');
    expect(r.company).toBe(company);
    expect(r.landingDomain).toBe(landing);
    expect(r.safeUrl).toBeNull();
  });

  it("takes a plain link as the landing page itself, and Outbrain's obOrigUrl as Outbrain's", () => {
    expect(readCreativeLink('https://example.com/clickthrough2')).toEqual({ kind: 'click', company: null, landingDomain: 'example.com', dsa: null, safeUrl: null });
    expect(readCreativeLink('https://www.brand.example/p?obOrigUrl=true&OutbrainClickId=1')).toMatchObject({ company: 'outbrain', landingDomain: 'brand.example' });
  });

  it('names no landing page for a tracker without one, an address or an ad-tech host', () => {
    expect(readCreativeLink('https://sin3-ib.adnxs.com/click?AAAA./bcr=AA=/bn=89118/').landingDomain).toBeNull();
    expect(readCreativeLink('https://googleads.g.doubleclick.net/aclk?sa=L&ai=1').landingDomain).toBeNull();
    expect(readCreativeLink('http://127.0.0.1:8080/creative?w=1').landingDomain).toBeNull();
    expect(readCreativeLink('https://googleads.g.doubleclick.net/aclk?adurl=https://ib.adnxs.com/x').landingDomain).toBeNull();
  });

  it('never takes a javascript: or data: URL as a landing page', () => {
    expect(readCreativeLink('https://googleads.g.doubleclick.net/aclk?adurl=javascript:alert(1)//https://a.example').landingDomain).toBeNull();
    expect(readCreativeLink('https://googleads.g.doubleclick.net/aclk?adurl=data:text/html,https://a.example').landingDomain).toBeNull();
    expect(readCreativeLink('https://shop.example/?adurl=javascript%3Aalert(1)').landingDomain).toBe('shop.example');
  });
});

describe('readCreativeLink: DSA parameters (§1.2)', () => {
  it('reads dsabehalf, dsapaid, dsaparams and dsatransparency', () => {
    const href =
      'https://info.dsp.example/dsa?dsabehalf=Acme%20GmbH&dsapaid=Acme%20Media%20Agency&dsaparams=1_2&dsatransparency=platform1domain.com~1~~SSP2domain.com~1_2';
    expect(readCreativeLink(href).dsa).toEqual({
      behalf: 'Acme GmbH',
      paid: 'Acme Media Agency',
      params: [1, 2],
      transparency: [
        { domain: 'platform1domain.com', params: [1] },
        { domain: 'ssp2domain.com', params: [1, 2] },
      ],
    });
  });

  it('ignores unreplaced macros, bad domains and junk codes, and caps names', () => {
    expect(readDsaParams(new URLSearchParams('dsabehalf=${DSABEHALF}&dsaparams=${DSAPARAMS}&dsatransparency=${DSATRANSPARENCY}'))).toBeNull();
    expect(readDsaParams(new URLSearchParams('dsaparams=3_x_999_3&dsatransparency=not a domain~1~~ok.example~2'))).toEqual({ params: [2, 3], transparency: [{ domain: 'ok.example', params: [2] }] });
    expect(readDsaParams(new URLSearchParams(`dsabehalf=${'A'.repeat(500)}`))?.behalf).toHaveLength(100);
  });
});

describe('readCreativeLink: hostile input', () => {
  it.each([
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:x',
    'file:///etc/passwd',
    '',
    '   ',
    'not a url',
    '//adssettings.google.com/whythisad',
    'https://',
    '\u0000https://adssettings.google.com/whythisad',
  ])('%j says nothing', (href) => {
    expect(readCreativeLink(href)).toEqual(NOTHING);
  });

  it('refuses over-long input and non-strings', () => {
    expect(readCreativeLink(`https://example.com/?q=${'x'.repeat(MAX_CREATIVE_LINK_LENGTH)}`)).toEqual(NOTHING);
    expect(readCreativeLink(42)).toEqual(NOTHING);
    expect(readCreativeLink(null)).toEqual(NOTHING);
    expect(readCreativeLink({ toString: () => 'https://adssettings.google.com/whythisad' })).toEqual(NOTHING);
  });

  it('survives malformed escapes and deep redirect chains', () => {
    expect(readCreativeLink('https://googleads.g.doubleclick.net/aclk?adurl=https%3A%2F%2F%E0%A4%A').kind).toBe('click');
    let href = 'https://end.example/';
    for (let i = 0; i < 6; i++) href = `https://googleads.g.doubleclick.net/aclk?adurl=${encodeURIComponent(href)}`;
    expect(readCreativeLink(href).landingDomain).toBeNull();
  });

  it('never throws, and only allow-listed https URLs come back as links (property)', () => {
    const arbitraryHref = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc
        .tuple(fc.constantFrom('https://googleads.g.doubleclick.net/aclk?adurl=', 'https://ib.adnxs.com/click?x/clickenc=', 'https://adssettings.google.com/whythisad?', 'https://x.example/?dsatransparency='), fc.string({ maxLength: 200 }))
        .map(([a, b]) => a + b),
    );
    fc.assert(
      fc.property(arbitraryHref, (href) => {
        const r = readCreativeLink(href);
        expect([null, 'why-this-ad', 'adchoices', 'disclosure', 'click']).toContain(r.kind);
        if (r.safeUrl !== null) expect(r.safeUrl.startsWith('https://')).toBe(true);
        if (r.landingDomain !== null) expect(r.landingDomain).toMatch(/^[a-z0-9.-]+$/);
        if (r.kind === null) expect(r).toEqual(NOTHING);
      }),
      { numRuns: 2_000 },
    );
  });
});
