import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OPT_OUTS } from '../../src/core/opt-outs';
import { ALLOWED_LINKS, MAX_LINK_LENGTH, isAllowed, safeLink } from '../../src/core/safe-link';

describe('safeLink accepts our own destinations', () => {
  it.each([
    ['https://adssettings.google.com/whythisad?source=display&reasons=AbC-_12', 'https://adssettings.google.com/whythisad?source=display&reasons=AbC-_12'],
    ['https://myadcenter.google.com/', 'https://myadcenter.google.com/'],
    ['https://accountscenter.facebook.com/ad_preferences', 'https://accountscenter.facebook.com/ad_preferences'],
    ['https://accountscenter.facebook.com/ad_preferences/ad_settings', 'https://accountscenter.facebook.com/ad_preferences/ad_settings'],
    ['https://privacy.eu.criteo.com/adcenter?cppv=3', 'https://privacy.eu.criteo.com/adcenter?cppv=3'],
    ['https://popup.taboola.com/en/?template=colorbox&utm_source=news', 'https://popup.taboola.com/en/?template=colorbox&utm_source=news'],
  ])('%s', (input, expected) => expect(safeLink(input)).toBe(expected));

  it('rebuilds the URL: lower-case host, no fragment, no userinfo or default port', () => {
    expect(safeLink('HTTPS://AdsSettings.Google.COM/whythisad?x=1#reasons')).toBe('https://adssettings.google.com/whythisad?x=1');
    expect(safeLink('https://adssettings.google.com:443/whythisad')).toBe('https://adssettings.google.com/whythisad');
    expect(safeLink('https://myadcenter.google.com/#/home')).toBe('https://myadcenter.google.com/');
    expect(safeLink('https://adssettings.google.com/whythisad?q=é')).toBe('https://adssettings.google.com/whythisad?q=%C3%A9');
  });

  it('every entry of the allow-list is a lower-case host and a normalised path prefix', () => {
    for (const link of ALLOWED_LINKS) {
      expect(link.host).toMatch(/^[a-z0-9.-]+$/);
      expect(link.pathPrefix).toMatch(/^\/([^/].*[^/])?$|^\/[^/]$/);
    }
    expect(new Set(ALLOWED_LINKS.map((l) => `${l.host}${l.pathPrefix}`)).size).toBe(ALLOWED_LINKS.length);
  });

  it('allows a wildcard host only for subdomains, and only when the list has one', () => {
    const list = [{ host: '*.example.com', pathPrefix: '/opt-out' }];
    expect(safeLink('https://a.b.example.com/opt-out', list)).toBe('https://a.b.example.com/opt-out');
    expect(safeLink('https://example.com/opt-out', list)).toBeNull();
    expect(safeLink('https://badexample.com/opt-out', list)).toBeNull();
    expect(safeLink('https://a.example.com/opt-out')).toBeNull();
  });
});

describe('safeLink refuses hostile input', () => {
  const long = `https://adssettings.google.com/whythisad?reasons=${'a'.repeat(MAX_LINK_LENGTH)}`;
  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['javascript: disguised with a tab', 'java\tscript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['http:', 'http://adssettings.google.com/whythisad'],
    ['protocol-relative', '//adssettings.google.com/whythisad'],
    ['scheme without slashes', 'https:adssettings.google.com/whythisad'],
    ['one slash', 'https:/adssettings.google.com/whythisad'],
    ['relative path', '/whythisad'],
    ['backslash authority', 'https:\\\\adssettings.google.com/whythisad'],
    ['backslash in path', 'https://accountscenter.facebook.com/ad_preferences\\..\\evil'],
    ['userinfo before an allowed host', 'https://google.com@evil.com/whythisad'],
    ['allowed host as userinfo', 'https://adssettings.google.com@evil.example/whythisad'],
    ['userinfo on an allowed host', 'https://user:pass@adssettings.google.com/whythisad'],
    ['empty userinfo', 'https://@adssettings.google.com/whythisad'],
    ['encoded @ and slash in the host', 'https://adssettings.google.com%2F@evil.com/'],
    ['%-escaped host', 'https://adssettings%2Egoogle.com/whythisad'],
    ['lookalike subdomain', 'https://adssettings.google.com.evil.com/whythisad'],
    ['host not on the list', 'https://evil.com/whythisad'],
    ['allowed URL inside the path', 'https://evil.com/https://adssettings.google.com/whythisad'],
    ['bare host where the list has www', 'https://amazon.com/adprefs'],
    ['trailing-dot host', 'https://adssettings.google.com./whythisad'],
    ['IPv4 host', 'https://142.250.74.46/whythisad'],
    ['decimal IP host', 'https://2130706433/'],
    ['hex IP host', 'https://0x7f.0.0.1/'],
    ['IPv6 host', 'https://[::1]/whythisad'],
    ['non-default port', 'https://adssettings.google.com:8443/whythisad'],
    ['empty port', 'https://adssettings.google.com:/whythisad'],
    ['IDN homograph (Cyrillic a)', 'https://\u0430dssettings.google.com/whythisad'],
    ['punycode host not on the list', 'https://xn--dssettings-5ig.google.com/whythisad'],
    ['full-width letters the parser folds to ASCII', 'https://\uff41dssettings.google.com/whythisad'],
    ['path prefix without a segment boundary', 'https://accountscenter.facebook.com/ad_preferences-evil'],
    ['other path on an allowed host', 'https://adssettings.google.com/evil'],
    ['dot segments', 'https://adssettings.google.com/whythisad/../partnerads'],
    ['encoded dot segments', 'https://adssettings.google.com/whythisad/%2e%2e/evil'],
    ['encoded slash', 'https://adssettings.google.com/whythisad%2f..%2fevil'],
    ['encoded slash after the prefix', 'https://accountscenter.facebook.com/ad_preferences/%2F%2Fevil.com'],
    ['double encoding', 'https://adssettings.google.com/whythisad/%252e%252e/evil'],
    ['encoded NUL', 'https://adssettings.google.com/whythisad%00'],
    ['encoded letter in the prefix', 'https://adssettings.google.com/why%74hisad'],
    ['path case changed', 'https://adssettings.google.com/WhyThisAd'],
    ['newline inside', 'https://adssettings.google.com/why\nthisad'],
    ['leading space', ' https://adssettings.google.com/whythisad'],
    ['NUL', 'https://adssettings.google.com/whythisad\u0000'],
    ['no-break space', 'https://adssettings.google.com/whythisad\u00a0'],
    ['overlong', long],
    ['empty', ''],
  ])('%s', (_name, input) => expect(safeLink(input)).toBeNull());

  it.each([[null], [undefined], [42], [{}], [['https://myadcenter.google.com/']], [new URL('https://myadcenter.google.com/')]])('non-string %o', (input) => {
    expect(safeLink(input)).toBeNull();
  });
});

describe('safeLink properties', () => {
  const bases = [...new Set(OPT_OUTS.map((o) => o.url)), 'https://adssettings.google.com/whythisad'];
  const anyString = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
    // Near misses: our own URLs with something appended, which is where a mistake would hide.
    fc.tuple(fc.constantFrom(...bases), fc.string({ maxLength: 60 })).map(([base, tail]) => base + tail),
    fc.tuple(fc.constantFrom(...bases), fc.constantFrom('/', '?', '#', '@', ':', '.', '%2e', '%2f', '/..', '\\', '-evil')).map(([base, tail]) => base + tail),
  );

  it('returns null or an https URL with an allowed host and path, no userinfo, no fragment', () => {
    fc.assert(
      fc.property(anyString, (input) => {
        const out = safeLink(input);
        if (out === null) return;
        const url = new URL(out);
        expect(url.protocol).toBe('https:');
        expect(url.username).toBe('');
        expect(url.password).toBe('');
        expect(url.port).toBe('');
        expect(url.hash).toBe('');
        expect(out).not.toContain('#');
        expect(out.length).toBeLessThanOrEqual(MAX_LINK_LENGTH);
        expect(isAllowed(url.hostname, url.pathname)).toBe(true);
        expect(safeLink(out)).toBe(out);
      }),
      { numRuns: 3_000 },
    );
  });
});
