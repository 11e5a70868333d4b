/**
 * Finds the ad slots of this frame: one cheap scan when the DOM is ready, then rescans driven by
 * a batched, throttled MutationObserver. Frames that show no candidate keep only a slow observer,
 * and a subframe that shows none for IDLE_STOP_MS stops observing altogether.
 */
import { detectAds } from '../core/detect';
import type { FrameAd } from '../shared/frame-ad';
import { LIMITS } from '../shared/frame-ad';
import { elementOf, selectorFor, toRecord } from './candidates';
import { collect } from './collect';
import { DomIndex, inDocumentOrder } from './dom-index';
import { EasyListMatcher } from './easylist';
import { LabelFinder } from './labels';
import { mapInSlices } from './slices';

const BUSY_THROTTLE_MS = 250;
const QUIET_THROTTLE_MS = 1_000;
const IDLE_STOP_MS = 3 * 60_000;
const WATCHED_ATTRIBUTES = ['style', 'hidden', 'data-ad-status', 'data-adsbygoogle-status', 'src', 'width', 'height', 'id'];

export class Scanner {
  private readonly tree: MutationObserver;
  private readonly attributes: MutationObserver;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private again = false;
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
    const onMutation = (records: MutationRecord[]): void => {
      this.labels.invalidate(records.map((r) => r.target));
      for (const r of records) if (r.addedNodes.length) this.index.added(Array.from(r.addedNodes));
      this.schedule();
    };
    this.tree = new MutationObserver(onMutation);
    this.attributes = new MutationObserver(onMutation);
  }

  start(): void {
    const begin = (): void => {
      // Anything indexed before now saw a half-parsed document, and no observer was watching yet.
      this.index.reset();
      void this.scan(this.isTop);
      // The document node itself, not its root element: a page that rewrites a frame with
      // document.open() replaces the root element, and an observer on it would hear nothing more.
      this.tree.observe(document, { childList: true, subtree: true, characterData: true });
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', begin, { once: true });
    else begin();
  }

  stop(): void {
    this.stopped = true;
    this.tree.disconnect();
    this.attributes.disconnect();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Scan now and send the result even if it did not change (the background asked for it). */
  async rescan(): Promise<number> {
    this.index.reset();
    return this.scan(true);
  }

  private schedule(): void {
    if (this.stopped || this.timer) return;
    if (!this.isTop && !this.sawCandidates && performance.now() - this.startedAt > IDLE_STOP_MS) {
      this.stop();
      return;
    }
    const delay = this.sawCandidates ? BUSY_THROTTLE_MS : QUIET_THROTTLE_MS;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.scan(false);
    }, delay);
  }

  private async scan(force: boolean): Promise<number> {
    if (this.running) {
      this.again = true;
      return 0;
    }
    this.running = true;
    const startedAt = performance.now();
    try {
      const collected = await collect(document, this.index, this.labels, async (posts) => {
        await mapInSlices(posts, (post) => this.labels.learn(post));
      });
      const { labelled } = collected;
      const listed = await this.easyListMatches();
      const prebid = this.prebidSlots();
      const extra = [...listed.keys(), ...prebid];
      const candidates = extra.length ? inDocumentOrder([...new Set([...collected.candidates, ...extra])]) : collected.candidates;
      if (candidates.length) this.sawCandidates = true;
      const set = new Set(candidates);
      const records = await mapInSlices(candidates, (el) => toRecord(el, set, { label: labelled.get(el), easylist: listed.has(el), prebid: prebid.has(el) }));
      // A frame with nothing to look at never runs (nor compiles) the detectors.
      const ads: FrameAd[] = (records.length ? detectAds(records) : [])
        .slice(0, LIMITS.adsPerFrame)
        .map(({ ref, ...ad }) => {
          const el = elementOf(ref);
          return { ...ad, key: `a${ref}`, ...(el ? { selector: selectorFor(el) } : {}) };
        });
      this.watch(candidates);
      if (__WTA_BENCH__ && this.isTop) {
        const root = document.documentElement;
        root.dataset.whyThisAdScans = `${root.dataset.whyThisAdScans ?? ''} ${(performance.now() - startedAt).toFixed(2)}`.trim();
      }
      // The number of frames is part of what we compare: when the page removes a frame, the
      // background must hear from us to drop that frame's ads (no browser event tells it).
      const frames = candidates.reduce((n, el) => (el.localName === 'iframe' ? n + 1 : n), 0);
      const serialised = JSON.stringify([frames, ads]);
      if (force || serialised !== this.lastSent) {
        this.lastSent = serialised;
        this.send(ads);
      }
      return ads.length;
    } finally {
      this.running = false;
      if (this.again) {
        this.again = false;
        this.schedule();
      }
    }
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
