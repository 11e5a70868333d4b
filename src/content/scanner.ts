/**
 * Finds the ad slots of this frame: one cheap scan when the DOM is ready, then rescans driven by
 * a batched, throttled MutationObserver. Frames that show no candidate keep only a slow observer,
 * and a subframe that shows none for IDLE_STOP_MS stops observing altogether.
 */
import { detectAds } from '../core/detect';
import { RECORDED_ATTRIBUTES } from '../core/element-record';
import type { FrameAd } from '../shared/frame-ad';
import { LIMITS } from '../shared/frame-ad';
import { candidateParents, elementOf, selectorFor, toRecord } from './candidates';
import { collect } from './collect';
import { DomIndex, inDocumentOrder } from './dom-index';
import { EasyListMatcher } from './easylist';
import { LabelFinder } from './labels';
import { mapInSlices, startSlice, yieldedMs, yieldIfDue } from './slices';

const BUSY_THROTTLE_MS = 250;
const QUIET_THROTTLE_MS = 1_000;
const IDLE_STOP_MS = 3 * 60_000;
/**
 * Every attribute a candidate's record holds, and its classes and id: a change to any of them is
 * what makes a scan worth running (mutation batches that touch nothing of the sort schedule none).
 */
const WATCHED_ATTRIBUTES = [...RECORDED_ATTRIBUTES, 'style', 'class', 'id'];

export class Scanner {
  private readonly tree: MutationObserver;
  private readonly attributes: MutationObserver;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The scan under way: a rescan asked for meanwhile joins it instead of indexing the page again. */
  private current: Promise<number> | null = null;
  private again = false;
  /** Send the next result even if it did not change: a rescan joined a scan under way. */
  private forceSend = false;
  /** Settles when the first scan starts (DOMContentLoaded) or the scanner stops first. */
  private readonly begun: Promise<void>;
  private markBegun: () => void = () => undefined;
  private sawCandidates = false;
  private stopped = false;
  /** What the background last heard; a subframe starts at "no ads" so that frames without ads send nothing. */
  private lastSent: string;
  private readonly startedAt = performance.now();
  private readonly labels = new LabelFinder();
  private readonly index = new DomIndex();
  private easyList: EasyListMatcher | null = null;
  private prebidUnits: string[] = [];

  constructor(
    private readonly isTop: boolean,
    private readonly send: (ads: FrameAd[]) => void,
    private readonly askEasyList: (tokens: string[]) => Promise<[string, string][] | null> = async () => null,
  ) {
    this.lastSent = isTop ? '' : '[0,[]]';
    this.begun = new Promise((resolve) => (this.markBegun = resolve));
    const onMutation = (records: MutationRecord[]): void => {
      if (this.idle()) return;
      // A batch that changes nothing a scan reads does not schedule one: most of a busy page's
      // changes (tickers, carousels, text updates) are nowhere near an ad.
      let changed = this.labels.invalidate(records.map((r) => r.target));
      let removed = false;
      for (const r of records) {
        // Attributes are observed on candidates only.
        if (r.type === 'attributes' || (r.type === 'childList' && this.index.isCandidate(r.target))) changed = true;
        if (r.addedNodes.length && this.index.added(Array.from(r.addedNodes))) changed = true;
        if (r.removedNodes.length) removed = true;
      }
      if (changed || (removed && this.index.lostAny())) this.schedule();
    };
    this.tree = new MutationObserver(onMutation);
    this.attributes = new MutationObserver(onMutation);
  }

  start(): void {
    const begin = (): void => {
      if (this.stopped) return;
      // Anything indexed before now saw a half-parsed document, and no observer was watching yet.
      this.index.reset();
      void this.scan(this.isTop);
      this.markBegun();
      // The document node itself, not its root element: a page that rewrites a frame with
      // document.open() replaces the root element, and an observer on it would hear nothing more.
      this.tree.observe(document, { childList: true, subtree: true, characterData: true });
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', begin, { once: true });
    else begin();
  }

  stop(): void {
    this.stopped = true;
    this.markBegun();
    this.tree.disconnect();
    this.attributes.disconnect();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /**
   * Scan now and send the result even if it did not change (the background asked for it). The
   * background asks every frame as a page commits, and the probe's first message asks too: those
   * come while the document is still being parsed, so they wait for the first scan and share it
   * rather than scan half a page and then all of it again.
   */
  async rescan(): Promise<number> {
    await this.begun;
    if (this.current) {
      this.forceSend = true;
      const ads = await this.current;
      // That scan sent (it saw forceSend), or it had sent before we joined: then scan again.
      if (!this.forceSend) return ads;
    }
    // The observers have kept the index up to date since the first scan, so a rescan reads it as
    // it is; indexing the whole page again cost a 10,000-element page about 4 ms each time. Only a
    // scanner that stopped observing (an idle subframe) may have missed changes.
    if (this.stopped) this.index.reset();
    return this.scan(true);
  }

  /** A subframe that showed no candidate for IDLE_STOP_MS stops observing. */
  private idle(): boolean {
    if (!this.isTop && !this.sawCandidates && performance.now() - this.startedAt > IDLE_STOP_MS) this.stop();
    return this.stopped;
  }

  private schedule(): void {
    if (this.idle() || this.timer) return;
    const delay = this.sawCandidates ? BUSY_THROTTLE_MS : QUIET_THROTTLE_MS;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.scan(false);
    }, delay);
  }

  private scan(force: boolean): Promise<number> {
    if (this.current) {
      this.again = true;
      return Promise.resolve(0);
    }
    const run = this.run(force).finally(() => {
      this.current = null;
      if (this.again) {
        this.again = false;
        this.schedule();
      }
    });
    this.current = run;
    return run;
  }

  private async run(force: boolean): Promise<number> {
    const startedAt = performance.now();
    const yieldedBefore = __WTA_BENCH__ ? yieldedMs() : 0;
    startSlice();
    const collected = await collect(document, this.index, this.labels, async (posts) => {
      await mapInSlices(posts, (post) => this.labels.learn(post));
    });
    const { labelled } = collected;
    const listed = await this.easyListMatches();
    const prebid = this.prebidSlots();
    const extra = [...listed.keys(), ...prebid];
    const candidates = extra.length ? inDocumentOrder([...new Set([...collected.candidates, ...extra])]) : collected.candidates;
    if (candidates.length) this.sawCandidates = true;
    const parents = candidateParents(candidates);
    const records = await mapInSlices(candidates, (el) => toRecord(el, parents.get(el) ?? null, { label: labelled.get(el), easylist: listed.has(el), prebid: prebid.has(el) }));
    // Detection and describing the ads are not cut into slices: start them in a fresh one if due.
    await yieldIfDue();
    // A frame with nothing to look at never runs (nor compiles) the detectors.
    const detected = records.length ? detectAds(records) : [];
    await yieldIfDue();
    const siblings = new Map<Element, Element[]>();
    const ads: FrameAd[] = detected.slice(0, LIMITS.adsPerFrame).map(({ ref, ...ad }) => {
      const el = elementOf(ref);
      return { ...ad, key: `a${ref}`, ...(el ? { selector: selectorFor(el, siblings) } : {}) };
    });
    this.watch(candidates);
    if (__WTA_BENCH__ && this.isTop) {
      // The scan's own time: wall clock less the time it left to the page between slices.
      const own = performance.now() - startedAt - (yieldedMs() - yieldedBefore);
      const root = document.documentElement;
      root.dataset.whyThisAdScans = `${root.dataset.whyThisAdScans ?? ''} ${own.toFixed(2)}`.trim();
    }
    // The number of frames is part of what we compare: when the page removes a frame, the
    // background must hear from us to drop that frame's ads (no browser event tells it).
    const frames = candidates.reduce((n, el) => (el.localName === 'iframe' ? n + 1 : n), 0);
    const serialised = JSON.stringify([frames, ads]);
    if (force || this.forceSend || serialised !== this.lastSent) {
      this.forceSend = false;
      this.lastSent = serialised;
      this.send(ads);
    }
    return ads.length;
  }

  /** The element ids of the ad units Prebid.js rendered into, as the page's probe reported them. */
  setPrebidUnits(units: readonly string[]): void {
    const next = [...units];
    if (next.join('\n') === this.prebidUnits.join('\n')) return;
    this.prebidUnits = next;
    this.schedule();
  }

  private prebidSlots(): Set<Element> {
    const slots = new Set<Element>();
    for (const code of this.prebidUnits) {
      const el = document.getElementById(code);
      if (el) slots.add(el);
    }
    return slots;
  }

  /** Switch the EasyList layer on: from the next scan the frame's ids and classes are collected. */
  useEasyList(on: boolean): void {
    if (on && !this.easyList) {
      this.easyList = new EasyListMatcher();
      this.index.collectTokens(true);
    } else if (!on && this.easyList) {
      this.easyList = null;
      this.index.collectTokens(false);
    }
  }

  private async easyListMatches(): Promise<Map<Element, string>> {
    if (!this.easyList) return new Map();
    const tokens = this.index.takeNewTokens();
    if (tokens.length) {
      const reply = await this.askEasyList(tokens);
      if (reply) this.easyList.add(reply);
    }
    return this.easyList.size ? this.easyList.find(document) : new Map();
  }

  private watch(candidates: readonly Element[]): void {
    // Re-observing an element replaces its earlier registration, so this never piles up.
    for (const el of candidates) this.attributes.observe(el, { attributes: true, attributeFilter: WATCHED_ATTRIBUTES });
  }
}
