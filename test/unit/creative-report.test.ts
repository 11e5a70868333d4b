/**
 * A creative's own facts on its ad: the content-side read (happy-dom), what the background keeps,
 * how creative frames are tied to their slot across nesting, and how the facts change the report.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCreative } from '../../src/content/creative';
import { creativesByAd, keptCreativeFacts, mergeCreative } from '../../src/core/explain/creative';
import { buildReport } from '../../src/core/report';
import { emptySnapshot, MAX_CREATIVE_FRAMES_PER_TAB, withCreative, withFrame, type FrameSnapshot } from '../../src/core/tab-snapshot';
import { CREATIVE_LIMITS, creativeFactsValidator, type CreativeFacts } from '../../src/shared/creative-facts';
import type { FrameAd } from '../../src/shared/frame-ad';
import { backgroundPayloadValidators, parseEnvelope, type BackgroundRequests } from '../../src/shared/protocol';
import { loadHtml } from './dom-fixture';
import { reportErrors } from './schema-validator';

const ad = (key: string, extra: Partial<FrameAd> = {}): FrameAd => ({ key, status: 'shown', format: 'display', detectedBy: ['gpt'], width: 300, height: 250, ...extra });
const frame = (frameId: number, parentFrameId: number, url: string, ads: FrameAd[] = [], creative?: CreativeFacts): FrameSnapshot => ({
  frameId,
  parentFrameId,
  url,
  ads,
  probe: null,
  ...(creative ? { creative } : {}),
  updatedAt: 1,
});
const NOW = new Date('2026-11-29T10:00:00Z');
const WHY = 'https://adssettings.google.com/whythisad?source=display&reasons=AbC';
const ACLK = 'https://googleads.g.doubleclick.net/aclk?sa=L&ai=C1&adurl=https://www.example-shoes.nl/sale';

describe('readCreative (content script, in happy-dom)', () => {
  it("reads Google's AdChoices block, click links, hosts and a Sponsored-by name", () => {
    const doc = loadHtml(
      `<div id="abgcp"><div id="abgc"><div id="abgs"><a id="abgl" class="abgl" href="${WHY}">Why this ad?</a></div></div></div>
       <a href="${ACLK}"><img src="https://tpc.googlesyndication.com/simgad/1" alt=""></a>
       <a href="#" onclick="return false">x</a><a href="javascript:void(0)">y</a><a href="mailto:a@b.example">z</a>
       <a href="https://privacy.eu.criteo.com/adcenter?x=1"><img alt="AdChoices" src="https://static.criteo.net/flash/icon/nai_small.png"></a>
       <iframe src="http://acdn.adnxs.com/dmp/async_usersync.html"></iframe>
       <p><span>Sponsored by</span> <b>Prebid.org</b></p>
       <script>window.x = {"display":{"priv":"https:\\/\\/example.com\\/adchoices\\/"}};</script>`,
      'https://creative.example/ad.html',
    );
    const facts = readCreative(doc, 'google_ads_iframe_/99/slot_0');
    expect(facts.links).toEqual([
      { href: WHY, mark: 'abgl' },
      { href: 'https://privacy.eu.criteo.com/adcenter?x=1', mark: 'adchoices' },
      { href: 'https://example.com/adchoices/', mark: 'privacy' },
      { href: ACLK },
    ]);
    expect(facts.hosts).toEqual(['tpc.googlesyndication.com', 'static.criteo.net', 'acdn.adnxs.com']);
    expect(facts.sponsor).toBe('Prebid.org');
    expect(facts.name).toBe('google_ads_iframe_/99/slot_0');
    expect(creativeFactsValidator(facts).ok).toBe(true);
  });

  it('stays within its caps on a frame full of links, and leaves out names that are not GPT\'s', () => {
    const many = Array.from({ length: 500 }, (_, i) => `<a href="https://l${i}.example/">${i}</a><img src="https://h${i}.example/i.png">`).join('');
    const long = `<a href="https://x.example/?q=${'a'.repeat(CREATIVE_LIMITS.hrefLength)}">long</a>`;
    const facts = readCreative(loadHtml(long + many), '{"safeframe":"json"}');
    expect(facts.links).toHaveLength(CREATIVE_LIMITS.links);
    expect(facts.links.every((l) => l.href.length <= CREATIVE_LIMITS.hrefLength)).toBe(true);
    expect(facts.hosts).toHaveLength(CREATIVE_LIMITS.hosts);
    expect(facts.name).toBeUndefined();
    expect(creativeFactsValidator(facts).ok).toBe(true);
  });
});

describe('content:creative message', () => {
  const parse = (payload: unknown) => parseEnvelope<BackgroundRequests>({ type: 'content:creative', payload }, backgroundPayloadValidators);

  it('accepts capped facts and drops unknown keys', () => {
    expect(parse({ links: [{ href: WHY, mark: 'abgl', evil: 1 }], hosts: ['ib.adnxs.com'], sponsor: 'Acme', extra: '<script>' })).toEqual({
      ok: true,
      value: { type: 'content:creative', payload: { links: [{ href: WHY, mark: 'abgl' }], hosts: ['ib.adnxs.com'], sponsor: 'Acme' } },
    });
  });

  it.each([
    [{ links: Array.from({ length: CREATIVE_LIMITS.links + 1 }, () => ({ href: WHY })), hosts: [] }, 'more than'],
    [{ links: [{ href: 'x'.repeat(CREATIVE_LIMITS.hrefLength + 1) }], hosts: [] }, 'longer than'],
    [{ links: [{ href: WHY, mark: 'trusted' }], hosts: [] }, 'expected one of'],
    [{ links: [], hosts: ['h'.repeat(254)] }, 'longer than'],
    [{ links: [], hosts: [], sponsor: 's'.repeat(CREATIVE_LIMITS.sponsorLength + 1) }, 'longer than'],
    [{ links: 'x', hosts: [] }, 'expected a list'],
  ])('refuses %#', (payload, error) => {
    const r = parse(payload);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(error);
  });
});

describe('keptCreativeFacts (background)', () => {
  it('keeps notices, telling clicks and known ad-tech hosts; drops the rest', () => {
    const kept = keptCreativeFacts({
      links: [{ href: WHY, mark: 'abgl' }, { href: ACLK }, { href: 'http://127.0.0.1:5/creative' }, { href: 'https://sin3-ib.adnxs.com/it?x' }],
      hosts: ['vcdn.adnxs.com', 'fonts.gstatic.example', 'images.3lift.com'],
    });
    expect(kept).toEqual({
      links: [{ href: WHY, mark: 'abgl' }, { href: ACLK }, { href: 'https://sin3-ib.adnxs.com/it?x' }],
      hosts: ['vcdn.adnxs.com', 'images.3lift.com'],
    });
    expect(keptCreativeFacts({ links: [{ href: 'http://127.0.0.1/x' }], hosts: ['cdn.example'] })).toBeNull();
  });

  it('caps the frames per tab that keep creative facts', () => {
    let s = emptySnapshot(1, 'https://news.example/', null, 0);
    const facts: CreativeFacts = { links: [], hosts: ['ib.adnxs.com'] };
    for (let i = 1; i <= MAX_CREATIVE_FRAMES_PER_TAB + 2; i++) s = withCreative(withFrame(s, frame(i, 0, `https://f${i}.example/`)), i, facts);
    expect(Object.values(s.frames).filter((f) => f.creative).length).toBe(MAX_CREATIVE_FRAMES_PER_TAB);
    expect(s.droppedCreatives).toBe(2);
    // A frame's later list of ads keeps its creative facts.
    s = withFrame(s, frame(1, 0, 'https://f1.example/', [ad('a1')]));
    expect(s.frames['1']?.creative).toEqual(facts);
  });
});

describe('creativesByAd', () => {
  it('ties a creative frame to its slot by src, nested frames to the same ad, and GPT names where src cannot tell', () => {
    const frames = [
      frame(0, -1, 'https://news.example/a', [
        ad('a1', { frameSrc: 'https://cdn.example/creatives/one.html' }),
        ad('a2', { adUnitPath: '/99/side' }),
        ad('a3', { adUnitPath: '/99/top' }),
        ad('a4', { frameSrc: '/relative/creative.html', detectedBy: ['iab-size'] }),
      ]),
      frame(4, 0, 'https://cdn.example/creatives/one.html', [], { links: [], hosts: ['ib.adnxs.com'] }),
      frame(5, 4, 'about:blank', [], { links: [{ href: 'https://example.com/adchoices/' }], hosts: [] }),
      frame(6, 5, 'https://deeper.example/x', [], { links: [], hosts: ['images.3lift.com'] }),
      frame(7, 0, 'about:blank', [], { links: [], hosts: ['ib.adnxs.com'], name: 'google_ads_iframe_/99/top_0' }),
      frame(8, 0, 'https://news.example/relative/creative.html', [], { links: [], hosts: ['cas.criteo.com'] }),
      frame(9, 0, 'about:blank', [], { links: [], hosts: ['ib.adnxs.com'] }),
    ];
    const map = creativesByAd(frames);
    expect([...map.keys()].sort()).toEqual(['0:a1', '0:a3', '0:a4']);
    expect(map.get('0:a1')?.map((s) => s.url)).toEqual(['https://cdn.example/creatives/one.html', 'about:blank', 'https://deeper.example/x']);
    expect(map.get('0:a3')?.[0]?.facts?.name).toBe('google_ads_iframe_/99/top_0');
  });

  it('gives facts to no ad when two slots share the src', () => {
    const frames = [frame(0, -1, 'https://news.example/', [ad('a1', { frameSrc: 'about:blank' }), ad('a2', { frameSrc: 'about:blank' })]), frame(3, 0, 'about:blank', [], { links: [], hosts: ['ib.adnxs.com'] })];
    expect(creativesByAd(frames).size).toBe(0);
  });
});

describe('mergeCreative and the report', () => {
  const base = (): FrameSnapshot => frame(0, -1, 'https://news.example/a', [ad('a1', { frameSrc: 'https://cdn.example/c.html' })]);

  it("adds the landing domain, Google's why-this-ad link (clickable), and no duplicate seller", () => {
    let s = emptySnapshot(1, 'https://news.example/a', null, 0);
    s = withFrame(s, base());
    s = withFrame(s, frame(3, 0, 'https://cdn.example/c.html', [], { links: [{ href: WHY, mark: 'abgl' }, { href: ACLK }], hosts: ['tpc.googlesyndication.com'] }));
    const report = buildReport(s, NOW);
    const a = report.ads[0];
    expect(report.ads).toHaveLength(1);
    expect(a?.advertiser).toEqual({ domain: 'example-shoes.nl' });
    expect(a?.sellers).toEqual([{ company: 'Google', domain: 'google.com', role: 'ad-server' }]);
    expect(a?.creativeLinks).toEqual([{ kind: 'why-this-ad', text: WHY, url: WHY }]);
    expect(reportErrors(report)).toEqual([]);
  });

  it('adds the seller from the creative hosts, an AdChoices link as text only, and the sponsor as advertiser', () => {
    let s = emptySnapshot(1, 'https://news.example/a', null, 0);
    s = withFrame(s, base());
    s = withFrame(s, frame(3, 0, 'https://cdn.example/c.html', [], { links: [{ href: 'https://example.com/adchoices/', mark: 'privacy' }], hosts: ['vcdn.adnxs.com'], sponsor: 'Prebid.org' }));
    s = withFrame(s, frame(4, 3, 'about:blank', [], { links: [{ href: 'https://example.com/clickthrough2' }], hosts: ['images.3lift.com'] }));
    const a = buildReport(s, NOW).ads[0];
    expect(a?.sellers).toEqual([
      { company: 'Google', domain: 'google.com', role: 'ad-server' },
      { company: 'Xandr (Microsoft)', domain: 'xandr.com', role: 'ssp' },
      { company: 'TripleLift', domain: 'triplelift.com', role: 'ssp' },
    ]);
    expect(a?.creativeLinks).toEqual([{ kind: 'adchoices', text: 'https://example.com/adchoices/' }]);
    expect(a?.advertiser).toEqual({ name: 'Prebid.org', domain: 'example.com' });
  });

  it('reads DSA parameters from links and frame URLs into dsa, payer and declared reasons', () => {
    let s = emptySnapshot(1, 'https://news.example/a', null, 0);
    s = withFrame(s, frame(0, -1, 'https://news.example/a', [ad('a1', { frameSrc: 'https://cdn.example/c.html?dsabehalf=Acme%20GmbH&dsapaid=Acme%20Media&dsaparams=1_3&dsatransparency=dsp1.example~1_3' })]));
    s = withFrame(s, frame(3, 0, 'https://cdn.example/c.html?dsabehalf=Acme%20GmbH&dsapaid=Acme%20Media&dsaparams=1_3&dsatransparency=dsp1.example~1_3'));
    const report = buildReport(s, NOW);
    const a = report.ads[0];
    expect(a?.dsa).toEqual({ behalf: 'Acme GmbH', paid: 'Acme Media', params: [1, 3], transparency: [{ domain: 'dsp1.example', params: [1, 3] }] });
    expect(a?.advertiser).toEqual({ name: 'Acme GmbH' });
    expect(a?.paidBy).toBe('Acme Media');
    expect(a?.reasons).toEqual([
      { kind: 'profiling', basis: 'declared', detail: 'dsp1.example', evidence: [{ source: 'creative.dsaparams', value: 'dsp1.example: dsaparams 1,3' }] },
      { kind: 'precise-location', basis: 'declared', detail: 'dsp1.example', evidence: [{ source: 'creative.dsaparams', value: 'dsp1.example: dsaparams 1,3' }] },
    ]);
    expect(reportErrors(report)).toEqual([]);
  });

  it('says "contextual" for dsaparams 2 alone, and keeps the bid\'s DSA when it had one', () => {
    const plain = buildReport(emptySnapshot(1, 'https://n.example/', null, 0), NOW);
    expect(plain.ads).toEqual([]);
    const ad1 = { ...buildReport(withFrame(emptySnapshot(1, 'https://n.example/', null, 0), base()), NOW).ads[0] } as NonNullable<ReturnType<typeof buildReport>['ads'][number]>;
    const merged = mergeCreative(ad1, [{ url: 'https://cdn.example/c.html', facts: { links: [{ href: 'https://info.example/?dsaparams=2' }], hosts: [] } }]);
    expect(merged.reasons).toEqual([{ kind: 'contextual', basis: 'declared', evidence: [{ source: 'creative.dsaparams', value: 'dsaparams 2' }] }]);
    const declared = { ...ad1, dsa: { behalf: 'Bid Co', params: [1], transparency: [] } };
    expect(mergeCreative(declared, [{ url: 'https://cdn.example/c.html?dsabehalf=Other&dsaparams=3' }]).dsa).toEqual(declared.dsa);
    expect(mergeCreative(ad1, [])).toBe(ad1);
  });

  it('never throws and always yields a valid report on arbitrary creative facts (property)', () => {
    const facts = fc.record({
      links: fc.array(fc.record({ href: fc.oneof(fc.webUrl({ withQueryParameters: true }), fc.string({ maxLength: 80 })), mark: fc.constantFrom(undefined, 'abgl' as const, 'adchoices' as const, 'privacy' as const) }, { requiredKeys: ['href'] }), { maxLength: 6 }),
      hosts: fc.array(fc.domain(), { maxLength: 4 }),
      sponsor: fc.option(fc.string({ maxLength: 100 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(facts, fc.webUrl(), (f, url) => {
        const clean: CreativeFacts = { links: f.links.map((l) => (l.mark ? { href: l.href, mark: l.mark } : { href: l.href })), hosts: f.hosts, ...(f.sponsor ? { sponsor: f.sponsor } : {}) };
        let s = withFrame(emptySnapshot(1, 'https://news.example/', null, 0), frame(0, -1, 'https://news.example/', [ad('a1', { frameSrc: url })]));
        s = withFrame(s, frame(2, 0, url, [], keptCreativeFacts(clean) ?? undefined));
        const report = buildReport(s, NOW);
        expect(reportErrors(report)).toEqual([]);
        for (const l of report.ads[0]?.creativeLinks ?? []) if (l.url) expect(l.url.startsWith('https://')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
