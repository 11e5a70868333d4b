// @vitest-environment happy-dom
/**
 * The probe's GPT and consent readers against stubs and hostile pages: they copy out only bounded
 * JSON, never throw into the page, and report a consent API that never answers as `no-response`.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkJson, type RawConsent, type RawGpt } from '../../src/shared/signals';

type Consent = (win: Window, post: (source: 'tcf' | 'gpp' | 'usp', raw: RawConsent) => void) => void;
type Gpt = (win: Window, early: boolean, post: (raw: RawGpt) => void) => void;
let watchConsent: Consent;
let watchGpt: Gpt;

function fakeWindow(globals: Record<string, unknown>): Window {
  // Descriptors are copied, so a throwing getter stays a getter for the probe to meet.
  return Object.defineProperties({ document: { readyState: 'complete' }, frames: {}, parent: null }, Object.getOwnPropertyDescriptors(globals)) as unknown as Window;
}

beforeEach(async () => {
  vi.useFakeTimers();
  vi.resetModules();
  ({ watchConsent } = await import('../../src/page/consent'));
  ({ watchGpt } = await import('../../src/page/gpt'));
});
afterEach(() => vi.useRealTimers());

describe('probe: consent APIs', () => {
  it('reads TCF through addEventListener, GPP events and US Privacy', () => {
    const posts: [string, RawConsent][] = [];
    const win = fakeWindow({
      __tcfapi: (cmd: string, version: number, cb: (d: unknown, ok: boolean) => void) => {
        expect([cmd, version]).toEqual(['addEventListener', 2]);
        cb({ tcString: 'CQabc', gdprApplies: true, cmpId: 10, eventStatus: 'tcloaded', cmpStatus: 'loaded', vendor: { consents: { 1: true } } }, true);
      },
      __gpp: (cmd: string, cb: (d: unknown, ok: boolean) => void) => {
        expect(cmd).toBe('addEventListener');
        cb({ eventName: 'signalStatus', data: 'ready', pingData: { gppVersion: '1.1', signalStatus: 'ready', applicableSections: [7], gppString: 'DBABLA~BVQqAAAAAgA.QA', cmpStatus: 'loaded' } }, true);
      },
      __uspapi: (_cmd: string, _v: number, cb: (d: unknown, ok: boolean) => void) => cb({ version: 1, uspString: '1YNN' }, true),
    });
    watchConsent(win, (source, raw) => posts.push([source, raw]));
    vi.advanceTimersByTime(5_000);
    expect(posts).toEqual([
      ['tcf', { status: 'ok', via: 'api', data: { tcString: 'CQabc', gdprApplies: true, cmpId: 10, eventStatus: 'tcloaded', cmpStatus: 'loaded' } }],
      ['gpp', { status: 'ok', via: 'api', data: { gppVersion: '1.1', cmpStatus: 'loaded', signalStatus: 'ready', applicableSections: [7], gppString: 'DBABLA~BVQqAAAAAgA.QA' } }],
      ['usp', { status: 'ok', via: 'api', data: { version: 1, uspString: '1YNN' } }],
    ]);
  });

  it('says no-response after 1 s for an API that never calls back, and absent for none', () => {
    const posts: [string, RawConsent][] = [];
    watchConsent(fakeWindow({ __tcfapi: () => undefined }), (source, raw) => posts.push([source, raw]));
    vi.advanceTimersByTime(999);
    expect(posts).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(posts).toEqual([['tcf', { status: 'no-response', via: 'api', data: null }]]);
    vi.advanceTimersByTime(5_000);
    expect(posts.slice(1)).toEqual([
      ['gpp', { status: 'absent', via: null, data: null }],
      ['usp', { status: 'absent', via: null, data: null }],
    ]);
  });

  it('survives APIs that throw, lie or are Proxies', () => {
    const posts: RawConsent[] = [];
    const cyclic: Record<string, unknown> = { tcString: 'C'.repeat(100_000) };
    cyclic.self = cyclic;
    const win = fakeWindow({
      __tcfapi: (_c: string, _v: number, cb: (d: unknown) => void) => cb(cyclic),
      get __gpp() {
        throw new Error('trap');
      },
      __uspapi: new Proxy(() => undefined, { apply() { throw new Error('proxy'); } }),
    });
    expect(() => watchConsent(win, (_s, raw) => posts.push(raw))).not.toThrow();
    vi.advanceTimersByTime(5_000);
    for (const raw of posts) expect(checkJson(raw).ok).toBe(true);
    expect(posts[0]?.status).toBe('ok');
    expect(posts.some((p) => p.status === 'error')).toBe(true);
  });
});

describe('probe: Google Publisher Tag', () => {
  function slot(path: string, id: string, targeting: Record<string, string[]>, withConfig: boolean) {
    return {
      getAdUnitPath: () => path,
      getSlotElementId: () => id,
      getTargetingKeys: () => Object.keys(targeting),
      getTargeting: (k: string) => targeting[k] ?? [],
      ...(withConfig ? { getConfig: () => ({ targeting }) } : {}),
      getResponseInformation: () => ({ advertiserId: 1, campaignId: 2, creativeId: 3, lineItemId: 4, creativeTemplateId: null }),
    };
  }

  it('reads slots through getConfig or the older getters, and slotRenderEnded once attached', () => {
    let render: ((e: unknown) => void) | undefined;
    const slots = [slot('/1/a', 'div-a', { hb_bidder: ['appnexus'], hb_adid: ['9'] }, true), slot('/1/b', 'div-b', { pos: ['top'] }, false)];
    const googletag = {
      cmd: { push: (fn: () => void) => fn() },
      getVersion: () => 'v1',
      getConfig: () => ({ targeting: { section: ['sport'] } }),
      pubads: () => ({ getSlots: () => slots, addEventListener: (_t: string, fn: (e: unknown) => void) => (render = fn) }),
    };
    const posts: RawGpt[] = [];
    watchGpt(fakeWindow({ googletag, apstag: {} }), true, (raw) => posts.push(raw));
    vi.advanceTimersByTime(100);
    render?.({ slot: slots[1], isEmpty: false, isBackfill: true, advertiserId: null, yieldGroupIds: [1] });
    vi.advanceTimersByTime(5_000);
    const last = posts.at(-1);
    expect(last?.apstag).toBe(true);
    expect(last?.pageTargeting).toEqual({ section: ['sport'] });
    expect(last?.slots).toEqual([
      { path: '/1/a', elementId: 'div-a', targeting: { hb_bidder: ['appnexus'], hb_adid: ['9'] }, response: { advertiserId: 1, campaignId: 2, creativeId: 3, lineItemId: 4, creativeTemplateId: null }, render: null },
      { path: '/1/b', elementId: 'div-b', targeting: { pos: ['top'] }, response: { advertiserId: 1, campaignId: 2, creativeId: 3, lineItemId: 4, creativeTemplateId: null }, render: { isEmpty: false, isBackfill: true, advertiserId: null } },
    ]);
  });

  it('survives a hostile googletag and copies out bounded JSON', () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const cyclic: Record<string, unknown> = {};
    cyclic.a = cyclic;
    const googletag = new Proxy(
      { pubads: () => ({ getSlots: () => [{ getAdUnitPath: () => huge, getSlotElementId: () => 'd', getConfig: () => ({ targeting: cyclic }), getResponseInformation: () => { throw new Error('x'); } }] }) },
      { get(target, key) { if (key === 'cmd') throw new Error('trap'); return Reflect.get(target, key); } },
    );
    const posts: RawGpt[] = [];
    expect(() => watchGpt(fakeWindow({ googletag }), true, (raw) => posts.push(raw))).not.toThrow();
    vi.advanceTimersByTime(5_000);
    expect(posts.length).toBeGreaterThan(0);
    for (const p of posts) expect(checkJson(p).ok).toBe(true);
    expect(posts[0]?.slots[0]?.path.length).toBeLessThanOrEqual(200);
  });
});

describe('probe: copying page values', () => {
  it('copies at most the node budget, however large or deep the value', async () => {
    const { budget, copy } = await import('../../src/page/copy');
    const { SIGNAL_LIMITS } = await import('../../src/shared/signals');
    const wide = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, Array.from({ length: 1_000 }, (_, j) => j)]));
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 10_000; i++) deep = (deep.next = {}) as Record<string, unknown>;
    const count = (v: unknown): number => (v && typeof v === 'object' ? 1 + Object.values(v).reduce<number>((n, x) => n + count(x), 0) : 1);
    for (const value of [wide, root]) {
      const b = budget(1_000);
      const out = copy(value, b);
      expect(count(out)).toBeLessThanOrEqual(SIGNAL_LIMITS.nodes);
      expect(checkJson(out).ok).toBe(true);
    }
    // The budget is spent: the next value in the same read is left out, not copied.
    const spent = budget(1_000);
    copy(wide, spent);
    copy(wide, spent);
    expect(spent.nodes).toBeLessThan(0);
    expect(copy({ a: 1 }, spent)).toBeUndefined();
  });
});
