/**
 * The "Why this ad?" demo scenarios (scripts/demo-site/why/), checked in a plain headless
 * Chromium WITHOUT the extension: each page's real ad tech (prebid.js, the IAB CMP APIs, the GPT
 * stand-in) must produce exactly the facts its ground truth (scenarios.json) states, every time.
 * The extension's own tests can then trust the ground truth. Needs no extension build.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../scripts/lib/build';
import { findChromium, QUIET_FLAGS } from '../../scripts/lib/chromium';
import { cmpConfigFor, isConsentName } from '../../scripts/lib/cmp-bundle';
import { startDemoServer, type DemoServer } from '../../scripts/lib/demo-server';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Reason {
  kind: string;
  basis: string;
}
interface ExpectedAd {
  elementId: string;
  advertiser: { name: string | null; domain: string } | null;
  dsa: { behalf: string } | null;
  reasons: { required: Reason[]; allowed: string[]; forbidden: string[] };
  flags: { required: { code: string }[]; forbidden: string[] };
}
interface TcfTruth {
  gdprApplies: boolean;
  cmpId: number;
  consentName?: string;
  tcString: string | null;
  eventStatus?: string;
  purposes?: { consented: number[]; refused: number[] };
  specialFeatures?: number[];
  vendorsConsented?: number[];
}
interface Scenario {
  id: string;
  path: string;
  prebid: {
    modules: string[];
    adUnitCode: string;
    winningBid: { bidderCode: string; adUnitCode: string; cpm: number; creativeId: string; status: string; meta: Json; adserverTargeting: Record<string, string> };
    rejectedBids: { advertiserDomains: string[]; cpm: number; rejectionReason: string }[];
    eids?: Json;
    ortb2?: Record<string, Json>;
  };
  gpt?: {
    version: string;
    apiReady: boolean;
    pubadsReady: boolean;
    pageTargeting: Record<string, string[]>;
    apstag: boolean;
    slots: {
      path: string;
      elementId: string;
      size: [number, number];
      targeting: Record<string, string[]>;
      kind: string;
      targetingAtRender?: Record<string, string[]>;
      responseInformation: Json;
      slotRenderEnded: Record<string, Json>;
      dom: { queryId: string; iframeId: string; containerId: string; googleContainerId: string; safeFrame: boolean };
    }[];
  };
  consent: {
    tcf: TcfTruth;
    gpp: { gppString: string; applicableSections: number[]; sectionList: number[]; signalStatus: string; sections: string[]; usnat?: Json };
    winningBidderVendor?: { bidderCode: string; gvlId: number; consented: boolean };
  };
  expected: { ads: ExpectedAd[] };
}

const TRUTH_FILE = join(PROJECT_ROOT, 'scripts', 'demo-site', 'why', 'scenarios.json');
const truth = JSON.parse(readFileSync(TRUTH_FILE, 'utf8')) as { readyWhen: string; scenarios: Scenario[] };
const KINDS = ['profiling', 'audience-segment', 'demographic', 'contextual', 'location', 'precise-location', 'retargeting', 'cross-site-id', 'direct-deal', 'auction', 'unknown'];
const FLAGS = ['profiling-without-consent', 'vendor-without-consent', 'gpc-not-honoured', 'dsa-info-missing', 'sensitive-category'];
/** Nothing but the two local origins resolves: the pages must need nothing from outside. */
const OFFLINE = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1';

let server: DemoServer;
let browser: Browser;

beforeAll(async () => {
  server = await startDemoServer([join(PROJECT_ROOT, 'scripts', 'demo-site')]);
  browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: [...QUIET_FLAGS, OFFLINE] });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * Opens a scenario page with a listener on GPT's slotRenderEnded registered before any page
 * script (through googletag.cmd, as the extension's probe does), so the targeting a slot had at
 * render time is on record. Waits for the page's own "done" mark and for Prebid's rendered winner.
 */
async function openScenario(s: Scenario, sendGpc = false): Promise<{ page: Page; errors: string[]; outside: string[] }> {
  const page = await browser.newPage();
  // What a browser (or the extension) sending Global Privacy Control shows the page.
  if (sendGpc) await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true }));
  const errors: string[] = [];
  const outside: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => {
    if (!r.url().startsWith('http://127.0.0.1:') && !r.url().startsWith('about:') && !r.url().startsWith('data:')) outside.push(r.url());
  });
  await page.addInitScript(() => {
    type Ev = { slot: { getSlotElementId(): string; getConfig(k: string): { targeting?: Record<string, string[]> } } } & Record<string, unknown>;
    const w = window as unknown as { __renders: Record<string, unknown>[]; googletag: { cmd: (() => void)[]; pubads(): { addEventListener(t: string, f: (e: Ev) => void): void } } };
    w.__renders = [];
    w.googletag = {
      cmd: [
        () =>
          w.googletag.pubads().addEventListener('slotRenderEnded', (e: Ev) => {
            const { slot, ...fields } = e;
            w.__renders.push({ ...fields, elementId: slot.getSlotElementId(), targeting: slot.getConfig('targeting').targeting ?? {} });
          }),
      ],
    } as unknown as typeof w.googletag;
  });
  await page.goto(`${server.siteOrigin}${s.path}`, { waitUntil: 'load' });
  await page.waitForFunction(truth.readyWhen, undefined, { timeout: 15_000 });
  await page.waitForFunction(() => (window as unknown as { pbjs: { getAllWinningBids(): unknown[] } }).pbjs.getAllWinningBids().length > 0, undefined, { timeout: 10_000 });
  return { page, errors, outside };
}

/** Everything the tests compare, read in the page as a probe would: JSON only. */
async function readPage(page: Page, adUnitCode: string): Promise<Record<string, Json>> {
  return page.evaluate(async (code) => {
    type Bid = Record<string, unknown> & { adId: string; adUnitCode: string };
    type Event = { eventType: string; args: Record<string, unknown> };
    const w = window as unknown as {
      pbjs: {
        getAllWinningBids(): Bid[];
        getEvents(): Event[];
        getUserIdsAsEids?: () => unknown;
        getConfig(key: string): unknown;
        installedModules: string[];
      };
      __tcfapi(command: string, version: number, cb: (data: Record<string, unknown> & { listenerId?: number }, ok: boolean) => void, param?: unknown): void;
      __gpp(command: string, cb: (data: unknown, ok: boolean) => void, param?: unknown): void;
      apstag?: unknown;
    };
    const tcf = await new Promise<Record<string, unknown>>((resolve) => {
      w.__tcfapi('addEventListener', 2, (data, ok) => {
        resolve({ ...data, ok });
        if (data.listenerId !== undefined) w.__tcfapi('removeEventListener', 2, () => undefined, data.listenerId);
      });
    });
    const gpp = await new Promise<unknown>((resolve) => w.__gpp('ping', (data) => resolve(data)));
    const trueKeys = (o: unknown): number[] =>
      Object.entries((o ?? {}) as Record<string, boolean>)
        .filter(([, v]) => v === true)
        .map(([k]) => Number(k));
    const purpose = tcf.purpose as { consents?: unknown } | undefined;
    const vendor = tcf.vendor as { consents?: unknown } | undefined;
    const events = w.pbjs.getEvents();
    const auctionEnd = events.filter((e) => e.eventType === 'auctionEnd').pop();
    const requests = (auctionEnd?.args.bidderRequests ?? []) as { ortb2?: unknown }[];
    return JSON.parse(
      JSON.stringify({
        winners: w.pbjs.getAllWinningBids().filter((b) => b.adUnitCode === code),
        rejected: events.filter((e) => e.eventType === 'bidRejected').map((e) => e.args),
        eids: w.pbjs.getUserIdsAsEids ? w.pbjs.getUserIdsAsEids() : null,
        installed: w.pbjs.installedModules,
        gvlMapping: w.pbjs.getConfig('gvlMapping') ?? null,
        ortb2: requests[0]?.ortb2 ?? null,
        tcf: {
          ok: tcf.ok,
          tcString: tcf.tcString ?? null,
          gdprApplies: tcf.gdprApplies,
          cmpId: tcf.cmpId,
          eventStatus: tcf.eventStatus ?? null,
          purposes: trueKeys(purpose?.consents),
          vendors: trueKeys(vendor?.consents),
          specialFeatures: trueKeys(tcf.specialFeatureOptins),
        },
        gpp,
        dsaText: document.querySelector('.dsa-info')?.textContent ?? null,
        consentNote: document.getElementById('consent-choice')?.textContent ?? null,
        apstag: typeof w.apstag === 'object' && w.apstag !== null,
      }),
    ) as Record<string, Json>;
  }, adUnitCode);
}

const at = (value: Json | undefined, path: string): Json | undefined =>
  path.split('.').reduce<Json | undefined>((v, key) => (v && typeof v === 'object' && !Array.isArray(v) ? v[key] : undefined), value);

describe('demo scenarios: ground truth', () => {
  it('lists every page under why/ once, with reason kinds and flag codes of the PageReport', () => {
    const ids = truth.scenarios.map((s) => s.id);
    expect(ids).toEqual(['profiled', 'contextual', 'consent-refused', 'precise-location', 'cross-site-id', 'sensitive', 'gpc', 'dsa-missing', 'gpt']);
    for (const s of truth.scenarios) {
      expect(s.path).toBe(`/why/${s.id}.html`);
      for (const ad of s.expected.ads) {
        const required = ad.reasons.required.map((r) => r.kind);
        for (const kind of [...required, ...ad.reasons.allowed, ...ad.reasons.forbidden]) expect(KINDS).toContain(kind);
        for (const r of ad.reasons.required) expect(['declared', 'observed', 'inferred']).toContain(r.basis);
        // A kind cannot be both claimed and forbidden, nor a flag both required and forbidden.
        expect(required.filter((k) => ad.reasons.forbidden.includes(k) || ad.reasons.allowed.includes(k))).toEqual([]);
        const flags = ad.flags.required.map((f) => f.code);
        for (const code of [...flags, ...ad.flags.forbidden]) expect(FLAGS).toContain(code);
        expect(flags.filter((f) => ad.flags.forbidden.includes(f))).toEqual([]);
        expect([...flags, ...ad.flags.forbidden].sort()).toEqual([...FLAGS].sort());
      }
    }
  });

  it('states the TC and GPP strings the demo CMP encodes', () => {
    for (const s of truth.scenarios) {
      const name = s.consent.tcf.consentName;
      if (!name) continue;
      expect(isConsentName(name)).toBe(true);
      if (!isConsentName(name)) continue;
      const config = cmpConfigFor(name);
      expect(s.consent.tcf.tcString, s.id).toBe(config.tcString);
      expect(s.consent.gpp.gppString, s.id).toBe(`DBABMA~${config.tcString}`);
    }
  });
});

describe('demo scenarios: vendor routes', () => {
  it('serves only known consent names and prebid.js modules', async () => {
    const status = async (path: string): Promise<number> => (await fetch(`${server.siteOrigin}${path}`)).status;
    expect(await status('/vendor/cmp.js?consent=accept-all')).toBe(200);
    expect(await status('/vendor/cmp.js?consent=toString')).toBe(400);
    expect(await status('/vendor/prebid-custom.js?modules=billow_rtb25BidAdapter,dsaControl')).toBe(200);
    expect(await status('/vendor/prebid-custom.js?modules=../../package')).toBe(400);
    expect(await status('/vendor/prebid-custom.js?modules=noSuchModule')).toBe(400);
    const gpt = await (await fetch(`${server.siteOrigin}/vendor/gpt.js`)).text();
    // The stand-in draws its creatives from the server's second origin.
    expect(gpt).toContain(server.otherOrigin);
  });
});

describe('demo scenarios in Chromium, without the extension', () => {
  for (const s of truth.scenarios) {
    it(`${s.id}: the page's ad tech shows exactly the facts of its ground truth`, async () => {
      const { page, errors, outside } = await openScenario(s);
      const got = await readPage(page, s.prebid.adUnitCode);

      // Prebid: the modules, the rendered winner and its meta, the rejected bids.
      expect(got.installed).toEqual(s.prebid.modules);
      const winners = got.winners as Record<string, Json>[];
      expect(winners).toHaveLength(1);
      const bid = winners[0] as Record<string, Json>;
      const want = s.prebid.winningBid;
      expect({ bidderCode: bid.bidderCode, adUnitCode: bid.adUnitCode, cpm: bid.cpm, creativeId: bid.creativeId, status: bid.status }).toEqual({
        bidderCode: want.bidderCode,
        adUnitCode: want.adUnitCode,
        cpm: want.cpm,
        creativeId: want.creativeId,
        status: want.status,
      });
      expect(bid.meta).toEqual(want.meta);
      expect(bid.adserverTargeting).toMatchObject(want.adserverTargeting);
      expect(at(bid, 'adserverTargeting.hb_adid')).toBe(bid.adId);
      const rejected = (got.rejected as Record<string, Json>[]).map((r) => ({ advertiserDomains: at(r, 'meta.advertiserDomains'), cpm: r.cpm, rejectionReason: r.rejectionReason }));
      expect(rejected).toEqual(s.prebid.rejectedBids);

      // What the bid request carried (the bidder request's ortb2, as in Prebid's auctionEnd).
      for (const [path, value] of Object.entries(s.prebid.ortb2 ?? {})) {
        expect(at(got.ortb2 as Json, path) ?? null, `${s.id} ortb2.${path}`).toEqual(value);
      }
      if (s.prebid.eids) expect(got.eids).toEqual(s.prebid.eids);
      else expect(got.eids === null || (Array.isArray(got.eids) && got.eids.length === 0)).toBe(true);

      // The DSA information the page renders (pubrender 2), when the winner has any.
      const dsa = s.expected.ads.find((a) => a.elementId === s.prebid.adUnitCode)?.dsa;
      if (s.id !== 'gpt') {
        if (dsa) expect(got.dsaText).toContain(`On behalf of ${dsa.behalf}`);
        else expect(got.dsaText).toBeNull();
      }

      // TCF through __tcfapi('addEventListener').
      const tcf = got.tcf as Record<string, Json>;
      const t = s.consent.tcf;
      expect(tcf.ok).toBe(true);
      expect(tcf.gdprApplies).toBe(t.gdprApplies);
      expect(tcf.cmpId).toBe(t.cmpId);
      if (t.gdprApplies) {
        expect(tcf.tcString).toBe(t.tcString);
        expect(tcf.eventStatus).toBe(t.eventStatus);
        expect(tcf.purposes).toEqual(t.purposes?.consented);
        expect(tcf.specialFeatures).toEqual(t.specialFeatures);
        expect(tcf.vendors).toEqual(t.vendorsConsented);
      }
      expect(got.consentNote).toBeTruthy();

      // The winning bidder's GVL vendor, as the page declares it to Prebid, and its consent.
      const vendor = s.consent.winningBidderVendor;
      if (vendor) {
        expect(got.gvlMapping).toEqual({ [vendor.bidderCode]: vendor.gvlId });
        expect((tcf.vendors as number[]).includes(vendor.gvlId)).toBe(vendor.consented);
      }

      // GPP through __gpp('ping').
      const gpp = got.gpp as Record<string, Json>;
      const g = s.consent.gpp;
      expect({ gppString: gpp.gppString, applicableSections: gpp.applicableSections, sectionList: gpp.sectionList, signalStatus: gpp.signalStatus, cmpStatus: gpp.cmpStatus }).toEqual({
        gppString: g.gppString,
        applicableSections: g.applicableSections,
        sectionList: g.sectionList,
        signalStatus: g.signalStatus,
        cmpStatus: 'loaded',
      });
      expect(Object.keys(gpp.parsedSections as Record<string, Json>)).toEqual(g.sections);
      if (g.usnat) expect(at(gpp, 'parsedSections.usnat')).toEqual(g.usnat);
      // Prebid passed the consent on in its bid request.
      expect(at(got.ortb2 as Json, 'regs.gpp')).toBe(g.gppString);
      expect(at(got.ortb2 as Json, 'regs.ext.gdpr')).toBe(t.gdprApplies ? 1 : 0);
      // This browser sends no GPC, so Prebid adds none (it would copy navigator.globalPrivacyControl).
      expect(at(got.ortb2 as Json, 'regs.ext.gpc')).toBeUndefined();
      if (t.gdprApplies) expect(at(got.ortb2 as Json, 'user.ext.consent')).toBe(t.tcString);

      if (s.gpt) await checkGpt(page, s, bid);

      expect(errors).toEqual([]);
      expect(outside).toEqual([]);
      await page.close();
    });
  }

  it('gpc: with GPC sent, Prebid says so in the bid request while the CMP still says "not opted out"', async () => {
    const s = truth.scenarios.find((x) => x.id === 'gpc') as Scenario & { prebid: { ortb2WhenGpcSent?: Record<string, Json> } };
    const { page } = await openScenario(s, true);
    const got = await readPage(page, s.prebid.adUnitCode);
    for (const [path, value] of Object.entries(s.prebid.ortb2WhenGpcSent ?? {})) expect(at(got.ortb2 as Json, path)).toEqual(value);
    expect(at(got.gpp as Json, 'parsedSections.usnat')).toMatchObject({ TargetedAdvertisingOptOut: 2, Gpc: false });
    expect((got.winners as Json[]).length).toBe(1);
    await page.close();
  });

  it('gives the same strings and bids on a second visit', async () => {
    const s = truth.scenarios.find((x) => x.id === 'profiled') as Scenario;
    const first = await openScenario(s);
    const a = await readPage(first.page, s.prebid.adUnitCode);
    await first.page.close();
    const second = await openScenario(s);
    const b = await readPage(second.page, s.prebid.adUnitCode);
    await second.page.close();
    expect(at(b, 'tcf.tcString')).toBe(at(a, 'tcf.tcString'));
    expect(at(b, 'gpp.gppString')).toBe(at(a, 'gpp.gppString'));
    const meta = (r: Record<string, Json>): Json => ((r.winners as Record<string, Json>[])[0] as Record<string, Json>).meta as Json;
    expect(meta(b)).toEqual(meta(a));
  });
});

async function checkGpt(page: Page, s: Scenario, bid: Record<string, Json>): Promise<void> {
  const gpt = s.gpt;
  if (!gpt) return;
  await page.waitForFunction((n) => (window as unknown as { __renders: unknown[] }).__renders.length >= n, gpt.slots.length);
  const got = await page.evaluate(() => {
    type Slot = {
      getAdUnitPath(): string;
      getSlotElementId(): string;
      getConfig(k: string): { targeting?: Record<string, string[]> };
      getTargetingKeys(): string[];
      getTargeting(k: string): string[];
      getResponseInformation(): unknown;
    };
    const w = window as unknown as {
      googletag: { apiReady: boolean; pubadsReady: boolean; getVersion(): string; getConfig(k: string): { targeting?: Record<string, string[]> }; pubads(): { getSlots(): Slot[]; getTargeting(k: string): string[] } };
      __renders: Record<string, unknown>[];
      apstag?: unknown;
    };
    const g = w.googletag;
    return JSON.parse(
      JSON.stringify({
        version: g.getVersion(),
        apiReady: g.apiReady,
        pubadsReady: g.pubadsReady,
        pageTargeting: g.getConfig('targeting').targeting,
        pageSection: g.pubads().getTargeting('section'),
        apstag: typeof w.apstag === 'object' && w.apstag !== null,
        slots: g.pubads().getSlots().map((slot) => ({
          path: slot.getAdUnitPath(),
          elementId: slot.getSlotElementId(),
          targeting: slot.getConfig('targeting').targeting,
          keys: slot.getTargetingKeys(),
          pos: slot.getTargeting('pos'),
          responseInformation: slot.getResponseInformation(),
        })),
        renders: w.__renders,
        dom: g.pubads().getSlots().map((slot) => {
          const div = document.getElementById(slot.getSlotElementId());
          const frame = div?.querySelector('iframe');
          return {
            queryId: div?.getAttribute('data-google-query-id') ?? null,
            containerId: frame?.parentElement?.id ?? null,
            iframeId: frame?.id ?? null,
            title: frame?.title ?? null,
            googleContainerId: frame?.getAttribute('data-google-container-id') ?? null,
            safeFrame: frame?.getAttribute('data-is-safeframe') === 'true',
            size: frame ? [Number(frame.width), Number(frame.height)] : null,
          };
        }),
      }),
    ) as {
      version: string;
      apiReady: boolean;
      pubadsReady: boolean;
      pageTargeting: Json;
      pageSection: string[];
      apstag: boolean;
      slots: { path: string; elementId: string; targeting: Json; keys: string[]; pos: string[]; responseInformation: Json }[];
      renders: (Record<string, Json> & { elementId: string; targeting: Record<string, string[]> })[];
      dom: { queryId: string | null; containerId: string | null; iframeId: string | null; title: string | null; googleContainerId: string | null; safeFrame: boolean; size: number[] | null }[];
    };
  });
  expect({ version: got.version, apiReady: got.apiReady, pubadsReady: got.pubadsReady, apstag: got.apstag }).toEqual({
    version: gpt.version,
    apiReady: gpt.apiReady,
    pubadsReady: gpt.pubadsReady,
    apstag: gpt.apstag,
  });
  expect(got.pageTargeting).toEqual(gpt.pageTargeting);
  expect(got.pageSection).toEqual(gpt.pageTargeting.section);
  expect(got.slots.map((x) => [x.path, x.elementId])).toEqual(gpt.slots.map((x) => [x.path, x.elementId]));
  gpt.slots.forEach((want, i) => {
    const slot = got.slots[i];
    const render = got.renders.find((r) => r.elementId === want.elementId);
    const dom = got.dom[i];
    // After render: Prebid has reset its hb_* keys on the slot; the page's own keys stay.
    expect(slot?.targeting, want.elementId).toEqual(want.targeting);
    expect(slot?.pos).toEqual(want.targeting.pos);
    expect(slot?.responseInformation).toEqual(want.responseInformation);
    expect(render, want.elementId).toMatchObject({ serviceName: 'publisher_ads', slotContentChanged: true, creativeTemplateId: null, labelIds: null, ...want.slotRenderEnded });
    if (want.targetingAtRender) {
      const { hb_adid: _, ...rest } = want.targetingAtRender;
      expect(render?.targeting).toMatchObject(rest);
      expect(render?.targeting.hb_adid).toEqual([bid.adId]);
    } else {
      expect(Object.keys(render?.targeting ?? {}).filter((k) => k.startsWith('hb_'))).toEqual([]);
    }
    expect(dom).toEqual({
      queryId: want.dom.queryId,
      containerId: want.dom.containerId,
      iframeId: want.dom.iframeId,
      title: '3rd party ad content',
      googleContainerId: want.dom.googleContainerId,
      safeFrame: want.dom.safeFrame,
      size: want.size,
    });
  });
}
