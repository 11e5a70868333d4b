/// <reference types="google-publisher-tag" />
/**
 * A stand-in for Google Publisher Tag (gpt.js), which cannot be installed or fetched here. It is
 * type-checked against Google's own typings (@types/google-publisher-tag) and implements the part
 * of the API that pages and the extension's probe use (ad-signals.md §3): the command queue, slots
 * and their targeting, page targeting through `setConfig`/`getConfig`, the events, `display` and
 * `refresh`. Ad decisions come from a small table standing in for the publisher's Ad Manager
 * network (below); creatives are the demo server's `/creative` on the second origin, and a slot
 * that carries Prebid's `hb_adid` is rendered by Prebid itself (`pbjs.renderAd`), as the Prebid
 * creative in a real Ad Manager line item does. Bundled by scripts/lib/gpt-bundle.ts, served at
 * /vendor/gpt.js. Everything is deterministic: fixed ids, fixed order.
 */

/** The second origin of the demo server, set by the bundler (esbuild `define`). */
declare const __WTA_CREATIVE_ORIGIN__: string;

type Size = [number, number];
type TargetingMap = Record<string, string[]>;
type TargetingInput = Record<string, string | string[] | null> | null | undefined;
type Listener = (event: googletag.events.Event) => void;

export const STANDIN_VERSION = 'standin-1';

/** What an Ad Manager line item returned for a slot. */
interface Decision {
  kind: 'direct' | 'backfill' | 'prebid';
  /** What the creative shows. */
  brand: string;
  response: googletag.ResponseInformation;
  responseIdentifier: string;
}

const NO_IDS: googletag.ResponseInformation = { advertiserId: null, campaignId: null, creativeId: null, lineItemId: null, creativeTemplateId: null };

/**
 * The demo publisher's Ad Manager network (1234567): which line item serves each ad unit. A
 * direct (sponsorship) line item, Google's exchange as backfill, and for header-bidding units the
 * publisher's "Prebid" order, one line item per price bucket, chosen by `hb_pb`.
 */
const DIRECT: Record<string, Omit<Decision, 'kind'>> = {
  '/1234567/daily_example/sport_top': {
    brand: 'Green Valley Bikes',
    response: { advertiserId: 4923741, campaignId: 3012345678, creativeId: 138412345678, lineItemId: 6012345678, creativeTemplateId: null },
    responseIdentifier: 'CDemoDirectSportTop0',
  },
};
const BACKFILL: Record<string, string> = {
  '/1234567/daily_example/sport_side': 'Polar Insurance',
  '/1234567/daily_example/sport_mid': 'Polar Insurance',
};
const PREBID_ORDER = { advertiserId: 4900001, campaignId: 3000000001, creativeId: 138000000001 };

function decide(path: string, targeting: TargetingMap): Decision | null {
  const direct = DIRECT[path];
  if (direct) return { kind: 'direct', ...direct };
  const pb = targeting.hb_pb?.[0];
  const adId = targeting.hb_adid?.[0];
  if (pb && adId && /^\d+\.\d{2}$/.test(pb)) {
    const cents = Math.round(Number(pb) * 100);
    return {
      kind: 'prebid',
      brand: '',
      response: { ...PREBID_ORDER, lineItemId: 6000000000 + cents, creativeTemplateId: null },
      responseIdentifier: `CDemoPrebid${cents}`,
    };
  }
  const backfill = BACKFILL[path];
  if (backfill) return { kind: 'backfill', brand: backfill, response: NO_IDS, responseIdentifier: 'CDemoBackfill0' };
  return null;
}

function singleSizes(size: googletag.GeneralSize): Size[] {
  const out: Size[] = [];
  const visit = (s: unknown): void => {
    if (Array.isArray(s) && s.length === 2 && typeof s[0] === 'number' && typeof s[1] === 'number') out.push([s[0], s[1]]);
    else if (Array.isArray(s)) s.forEach(visit);
  };
  visit(size);
  return out;
}

/** GPT keeps every targeting value as an array of strings; null clears a key, a null map clears all. */
function applyTargeting(store: Map<string, string[]>, input: TargetingInput): void {
  if (input === null) {
    store.clear();
    return;
  }
  for (const [key, value] of Object.entries(input ?? {})) {
    if (value === null) store.delete(key);
    else store.set(key, (Array.isArray(value) ? value : [value]).map(String));
  }
}

const snapshot = (store: Map<string, string[]>): TargetingMap => Object.fromEntries([...store].map(([k, v]) => [k, [...v]]));

class StandinSlot implements googletag.Slot {
  readonly targeting = new Map<string, string[]>();
  readonly attributes = new Map<string, string>();
  readonly services = new Set<googletag.Service>();
  categoryExclusions: string[] = [];
  response: googletag.ResponseInformation | null = null;
  displayed = false;
  collapseEmpty = false;

  constructor(
    private readonly path: string,
    readonly sizes: Size[],
    private readonly elementId: string,
  ) {}

  getAdUnitPath(): string {
    return this.path;
  }
  getSlotElementId(): string {
    return this.elementId;
  }
  getResponseInformation(): googletag.ResponseInformation | null {
    return this.response ? { ...this.response } : null;
  }
  addService(service: googletag.Service): googletag.Slot {
    this.services.add(service);
    return this;
  }
  setTargeting(key: string, value: string | string[]): googletag.Slot {
    applyTargeting(this.targeting, { [key]: value });
    return this;
  }
  clearTargeting(key?: string): googletag.Slot {
    if (key === undefined) this.targeting.clear();
    else this.targeting.delete(key);
    return this;
  }
  getTargeting(key: string): string[] {
    return [...(this.targeting.get(key) ?? [])];
  }
  getTargetingKeys(): string[] {
    return [...this.targeting.keys()];
  }
  updateTargetingFromMap(map: { [key: string]: string | string[] }): googletag.Slot {
    applyTargeting(this.targeting, map);
    return this;
  }
  setConfig(config: googletag.config.SlotSettingsConfig): googletag.Slot {
    if ('targeting' in config) applyTargeting(this.targeting, config.targeting);
    if ('categoryExclusion' in config) this.categoryExclusions = [...(config.categoryExclusion ?? [])];
    if ('collapseDiv' in config) this.collapseEmpty = config.collapseDiv === 'ON_NO_FILL' || config.collapseDiv === 'BEFORE_FETCH';
    return this;
  }
  getConfig(keys: string | string[]): Readonly<Pick<googletag.config.SlotSettingsConfig, 'categoryExclusion' | 'targeting' | 'adsenseAttributes'>> {
    const wanted = Array.isArray(keys) ? keys : [keys];
    const out: Pick<googletag.config.SlotSettingsConfig, 'categoryExclusion' | 'targeting' | 'adsenseAttributes'> = {};
    if (wanted.includes('targeting')) out.targeting = snapshot(this.targeting);
    if (wanted.includes('categoryExclusion')) out.categoryExclusion = [...this.categoryExclusions];
    return Object.freeze(out);
  }
  set(key: string, value: string): googletag.Slot {
    this.attributes.set(key, value);
    return this;
  }
  get(key: string): string | null {
    return this.attributes.get(key) ?? null;
  }
  getAttributeKeys(): string[] {
    return [...this.attributes.keys()];
  }
  setCategoryExclusion(categoryExclusion: string): googletag.Slot {
    this.categoryExclusions.push(categoryExclusion);
    return this;
  }
  clearCategoryExclusions(): googletag.Slot {
    this.categoryExclusions = [];
    return this;
  }
  getCategoryExclusions(): string[] {
    return [...this.categoryExclusions];
  }
  setCollapseEmptyDiv(collapse: boolean): googletag.Slot {
    this.collapseEmpty = collapse;
    return this;
  }
  // Settings a stand-in has no use for: accepted and ignored, as chainable as the real ones.
  defineSizeMapping(): googletag.Slot {
    return this;
  }
  setClickUrl(): googletag.Slot {
    return this;
  }
  setForceSafeFrame(): googletag.Slot {
    return this;
  }
  setSafeFrameConfig(): googletag.Slot {
    return this;
  }
}

class StandinPubAds implements googletag.PubAdsService {
  readonly slots: StandinSlot[] = [];
  readonly listeners = new Map<string, Listener[]>();
  initialLoadDisabled = false;
  singleRequest = false;
  collapseEmpty = false;
  enabled = false;
  private containerIds = 0;

  constructor(readonly pageTargeting: Map<string, string[]>) {}

  getSlots(): googletag.Slot[] {
    return [...this.slots];
  }
  addEventListener<K extends keyof googletag.events.EventTypeMap>(eventType: K, listener: (arg: googletag.events.EventTypeMap[K]) => void): googletag.Service {
    this.listeners.set(eventType, [...(this.listeners.get(eventType) ?? []), listener as Listener]);
    return this;
  }
  removeEventListener<K extends keyof googletag.events.EventTypeMap>(eventType: K, listener: (event: googletag.events.EventTypeMap[K]) => void): void {
    this.listeners.set(
      eventType,
      (this.listeners.get(eventType) ?? []).filter((l) => l !== (listener as Listener)),
    );
  }
  setTargeting(key: string, value: string | string[]): googletag.PubAdsService {
    applyTargeting(this.pageTargeting, { [key]: value });
    return this;
  }
  clearTargeting(key?: string): googletag.PubAdsService {
    if (key === undefined) this.pageTargeting.clear();
    else this.pageTargeting.delete(key);
    return this;
  }
  getTargeting(key: string): string[] {
    return [...(this.pageTargeting.get(key) ?? [])];
  }
  getTargetingKeys(): string[] {
    return [...this.pageTargeting.keys()];
  }
  disableInitialLoad(): void {
    this.initialLoadDisabled = true;
  }
  isInitialLoadDisabled(): boolean {
    return this.initialLoadDisabled;
  }
  enableSingleRequest(): boolean {
    this.singleRequest = true;
    return true;
  }
  collapseEmptyDivs(): boolean {
    this.collapseEmpty = true;
    return true;
  }
  refresh(slots?: googletag.Slot[] | null): void {
    const chosen = (slots ?? this.slots).filter((s): s is StandinSlot => s instanceof StandinSlot && s.displayed);
    this.request(chosen);
  }
  clear(slots?: googletag.Slot[]): boolean {
    for (const slot of slots ?? this.slots) {
      const div = document.getElementById(slot.getSlotElementId());
      if (div) div.textContent = '';
      if (slot instanceof StandinSlot) slot.response = null;
    }
    return true;
  }
  // Settings a stand-in has no use for: accepted and ignored.
  setCategoryExclusion(): googletag.PubAdsService {
    return this;
  }
  clearCategoryExclusions(): googletag.PubAdsService {
    return this;
  }
  setCentering(): void {}
  enableVideoAds(): void {}
  setVideoContent(): void {}
  setLocation(): googletag.PubAdsService {
    return this;
  }
  setPublisherProvidedId(): googletag.PubAdsService {
    return this;
  }
  set(): googletag.PubAdsService {
    return this;
  }
  get(): string | null {
    return null;
  }
  getAttributeKeys(): string[] {
    return [];
  }
  display(adUnitPath: string, size: googletag.GeneralSize, div?: string | Element): void {
    const id = typeof div === 'string' ? div : (div?.id ?? '');
    const slot = defineSlot(adUnitPath, size, id);
    if (slot) slot.addService(this);
    displaySlot(id);
  }
  updateCorrelator(): googletag.PubAdsService {
    return this;
  }
  setForceSafeFrame(): googletag.PubAdsService {
    return this;
  }
  setSafeFrameConfig(): googletag.PubAdsService {
    return this;
  }
  enableLazyLoad(): void {}
  setPrivacySettings(): googletag.PubAdsService {
    return this;
  }

  emit(type: keyof googletag.events.EventTypeMap, event: googletag.events.Event): void {
    for (const listener of this.listeners.get(type) ?? []) {
      try {
        listener(event);
      } catch (error) {
        console.error('googletag stand-in: an event listener threw', error);
      }
    }
  }

  /** One ad request for the slots (as with single-request architecture), answered a moment later. */
  request(slots: StandinSlot[]): void {
    if (!slots.length) return;
    for (const slot of slots) this.emit('slotRequested', { slot, serviceName: 'publisher_ads' });
    setTimeout(() => {
      for (const slot of slots) this.render(slot);
    }, 20);
  }

  private render(slot: StandinSlot): void {
    const div = document.getElementById(slot.getSlotElementId());
    const decision = decide(slot.getAdUnitPath(), snapshot(slot.targeting));
    this.emit('slotResponseReceived', { slot, serviceName: 'publisher_ads' });
    const hbSize = /^(\d+)x(\d+)$/.exec(slot.getTargeting('hb_size')[0] ?? '');
    const [w, h]: Size = decision?.kind === 'prebid' && hbSize ? [Number(hbSize[1]), Number(hbSize[2])] : (slot.sizes[0] ?? [0, 0]);
    slot.response = decision ? { ...decision.response } : null;
    if (div && decision) {
      const base = `google_ads_iframe_${slot.getAdUnitPath()}_0`;
      div.setAttribute('data-google-query-id', decision.responseIdentifier);
      div.textContent = '';
      const container = document.createElement('div');
      container.id = `${base}__container__`;
      container.style.border = '0pt none';
      const frame = document.createElement('iframe');
      frame.id = base;
      frame.title = '3rd party ad content';
      frame.width = String(w);
      frame.height = String(h);
      frame.setAttribute('scrolling', 'no');
      frame.setAttribute('frameborder', '0');
      frame.setAttribute('data-google-container-id', String(++this.containerIds));
      frame.addEventListener('load', () => {
        frame.setAttribute('data-load-complete', 'true');
        this.emit('slotOnload', { slot, serviceName: 'publisher_ads' });
      }, { once: true });
      const creative = `${__WTA_CREATIVE_ORIGIN__}/creative?w=${w}&h=${h}&brand=${encodeURIComponent(decision.brand)}`;
      if (decision.kind === 'backfill') {
        // Google's exchange serves into a cross-origin SafeFrame.
        frame.name = '';
        frame.setAttribute('data-is-safeframe', 'true');
        frame.setAttribute('role', 'region');
        frame.setAttribute('aria-label', 'Advertisement');
        frame.tabIndex = 0;
        frame.setAttribute('sandbox', 'allow-forms allow-popups allow-popups-to-escape-sandbox allow-same-origin allow-scripts allow-top-navigation-by-user-activation');
        frame.src = creative;
        container.appendChild(frame);
        div.appendChild(container);
      } else {
        // Direct and Prebid line items render in a friendly (same-origin) frame.
        frame.name = base;
        container.appendChild(frame);
        div.appendChild(container);
        const doc = frame.contentDocument;
        if (doc) {
          doc.open();
          if (decision.kind === 'direct') doc.write(`<!doctype html><body style="margin:0"><iframe src="${creative}" width="${w}" height="${h}" frameborder="0" scrolling="no" title="Advertisement"></iframe></body>`);
          doc.close();
          if (decision.kind === 'prebid') {
            // What the Prebid creative of the line item does: ask the page's Prebid for the winning ad.
            const pbjs = (window as unknown as { pbjs?: { renderAd?: (doc: Document, adId: string) => void } }).pbjs;
            pbjs?.renderAd?.(doc, slot.getTargeting('hb_adid')[0] ?? '');
          }
        }
      }
    } else if (div && (slot.collapseEmpty || this.collapseEmpty)) {
      div.style.display = 'none';
    }
    const event: googletag.events.SlotRenderEndedEvent = {
      slot,
      serviceName: 'publisher_ads',
      isEmpty: !decision,
      slotContentChanged: !!decision,
      size: decision ? [w, h] : null,
      advertiserId: decision?.response.advertiserId ?? null,
      campaignId: decision?.response.campaignId ?? null,
      creativeId: decision?.response.creativeId ?? null,
      creativeTemplateId: null,
      labelIds: null,
      lineItemId: decision?.response.lineItemId ?? null,
      sourceAgnosticCreativeId: decision?.response.creativeId ?? null,
      sourceAgnosticLineItemId: decision?.response.lineItemId ?? null,
      isBackfill: decision?.kind === 'backfill',
      yieldGroupIds: null,
      companyIds: null,
      responseIdentifier: decision?.responseIdentifier ?? null,
    };
    this.emit('slotRenderEnded', event);
  }
}

const pageTargeting = new Map<string, string[]>();
const pubadsService = new StandinPubAds(pageTargeting);
const pendingDisplays: string[] = [];

function defineSlot(adUnitPath: string, size: googletag.GeneralSize, div?: string): googletag.Slot | null {
  const id = div ?? `gpt_unit_${adUnitPath}_0`;
  // GPT refuses a second slot for the same element.
  if (pubadsService.slots.some((s) => s.getSlotElementId() === id)) return null;
  const slot = new StandinSlot(adUnitPath, singleSizes(size), id);
  pubadsService.slots.push(slot);
  return slot;
}

function displaySlot(id: string): void {
  const slot = pubadsService.slots.find((s) => s.getSlotElementId() === id);
  if (!slot) return;
  slot.displayed = true;
  if (!pubadsService.enabled) {
    pendingDisplays.push(id);
    return;
  }
  if (pubadsService.initialLoadDisabled) return;
  // Single request: the first display fetches every displayed slot of the page at once.
  pubadsService.request(pubadsService.singleRequest ? pubadsService.slots.filter((s) => s.displayed && !s.response) : [slot]);
}

type Runnable = (this: typeof globalThis) => void;
const run = (f: Runnable): void => {
  try {
    f.call(globalThis);
  } catch (error) {
    console.error('googletag stand-in: a command threw', error);
  }
};
let processed = 0;
const commandArray: googletag.CommandArray = {
  push(...f: Runnable[]): number {
    for (const fn of f) {
      if (typeof fn === 'function') run(fn);
      processed++;
    }
    return processed;
  },
};

const api: Pick<typeof googletag, 'cmd' | 'apiReady' | 'pubadsReady' | 'getVersion' | 'defineSlot' | 'pubads' | 'enableServices' | 'display' | 'setConfig' | 'getConfig' | 'destroySlots'> = {
  cmd: commandArray,
  apiReady: true,
  pubadsReady: false,
  getVersion: () => STANDIN_VERSION,
  defineSlot,
  pubads: () => pubadsService,
  enableServices: () => {
    pubadsService.enabled = true;
    target.pubadsReady = true;
    for (const id of pendingDisplays.splice(0)) displaySlot(id);
  },
  display: (divOrSlot: string | Element | googletag.Slot) => {
    displaySlot(typeof divOrSlot === 'string' ? divOrSlot : divOrSlot instanceof Element ? divOrSlot.id : divOrSlot.getSlotElementId());
  },
  setConfig: (config: googletag.config.PageSettingsConfig) => {
    if ('targeting' in config) applyTargeting(pageTargeting, config.targeting);
    if (config.disableInitialLoad) pubadsService.disableInitialLoad();
    if (config.singleRequest) pubadsService.enableSingleRequest();
  },
  getConfig: (keys: string | string[]) => {
    const wanted = Array.isArray(keys) ? keys : [keys];
    const out: Pick<googletag.config.PageSettingsConfig, 'adsenseAttributes' | 'disableInitialLoad' | 'targeting'> = {};
    if (wanted.includes('targeting')) out.targeting = snapshot(pageTargeting);
    if (wanted.includes('disableInitialLoad')) out.disableInitialLoad = pubadsService.initialLoadDisabled;
    return Object.freeze(out);
  },
  destroySlots: (slots?: googletag.Slot[]) => {
    const gone = slots ?? [...pubadsService.slots];
    pubadsService.clear(gone);
    for (const slot of gone) {
      const i = pubadsService.slots.indexOf(slot as StandinSlot);
      if (i >= 0) pubadsService.slots.splice(i, 1);
    }
    return true;
  },
};

// Pages create `googletag = {cmd: []}` before gpt.js loads and keep that object: extend it, as GPT does.
const w = window as unknown as { googletag?: { cmd?: unknown } };
const target = (w.googletag ??= {}) as Record<string, unknown>;
const queued = Array.isArray(target.cmd) ? (target.cmd as unknown[]) : [];
Object.assign(target, api);
for (const f of queued) commandArray.push(f as Runnable);
