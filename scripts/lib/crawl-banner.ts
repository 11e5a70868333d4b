/**
 * What became of a page's consent banner, from the messages @duckduckgo/autoconsent sends from
 * the page's frames (lib/messages.ts of the package). Pure: crawl-consent.ts feeds it.
 *
 * The messages come from the page's main world, so a page can forge them: they are checked for
 * shape and size, and at worst a page lies about its own banner.
 */
import type { CrawlInfo } from '../../src/core/log/record';
import type { ConsentAnswer } from './crawl-args';

export interface BannerOutcome {
  banner: CrawlInfo['banner'];
  cmp?: string;
}

/** Rule names are short identifiers and domain names; anything else is not a rule name. */
const CMP_NAME = /^[\w .:@()+/-]{1,100}$/;
/** Lifecycle states in which a frame is still working on a banner (types.ts LifecycleState). */
const BUSY = new Set(['cmpDetected', 'openPopupDetected', 'runningOptOut', 'runningOptIn']);
/** After this many messages a page is ignored: a page cannot keep the crawl busy. */
export const MAX_MESSAGES = 1_000;

const field = (message: object, key: string): unknown => (message as Record<string, unknown>)[key];

export class BannerWatch {
  private cmp: string | undefined;
  private popup = false;
  private result: boolean | null = null;
  private mainNothingFound = false;
  /** Lifecycle of each autoconsent instance (one a frame) that said it. */
  private readonly lifecycles = new Map<string, string>();
  private messages = 0;
  private readonly waiters = new Set<() => void>();

  constructor(readonly answer: ConsentAnswer) {}

  /** One message from a frame; `mainFrame` as the browser (not the message) says. */
  onMessage(message: unknown, mainFrame: boolean): void {
    if (!message || typeof message !== 'object' || ++this.messages > MAX_MESSAGES) return;
    const type = field(message, 'type');
    const cmp = field(message, 'cmp');
    const named = typeof cmp === 'string' && CMP_NAME.test(cmp) ? cmp : undefined;
    switch (type) {
      case 'cmpDetected':
        this.cmp ??= named;
        break;
      case 'popupFound':
        if (!this.popup) this.cmp = named ?? this.cmp;
        this.popup = true;
        break;
      case 'optInResult':
      case 'optOutResult': {
        const ok = field(message, 'result');
        if (typeof ok !== 'boolean' || this.result === true) break;
        this.result = ok;
        this.cmp = named ?? this.cmp;
        break;
      }
      case 'autoconsentDone':
        this.result = true;
        this.cmp = named ?? this.cmp;
        break;
      case 'report': {
        const instance = field(message, 'instanceId');
        const state = field(message, 'state');
        const lifecycle = state && typeof state === 'object' ? field(state, 'lifecycle') : undefined;
        if (typeof instance !== 'string' || instance.length > 100 || typeof lifecycle !== 'string') break;
        if (this.lifecycles.size < 200 || this.lifecycles.has(instance)) this.lifecycles.set(instance, lifecycle);
        if (mainFrame && lifecycle === 'nothingDetected') this.mainNothingFound = true;
        break;
      }
      default:
        return;
    }
    if (this.settled) for (const wake of [...this.waiters]) wake();
  }

  /** Nothing more to wait for: the banner was answered (or found, with consent none), or there is none. */
  get settled(): boolean {
    if (this.popup) return this.answer === 'none' || this.result !== null;
    const busy = [...this.lifecycles.values()].some((l) => BUSY.has(l));
    return this.mainNothingFound && !busy;
  }

  /** What is known now. A banner found but not answered (yet) counts as failed when an answer was asked for. */
  get outcome(): BannerOutcome {
    let banner: CrawlInfo['banner'];
    if (!this.popup) banner = 'not-found';
    else if (this.answer === 'none') banner = 'found';
    else banner = this.result === true ? 'handled' : 'failed';
    return this.cmp ? { banner, cmp: this.cmp } : { banner };
  }

  /** Stops every wait now (the page is gone). */
  release(): void {
    for (const wake of [...this.waiters]) wake();
  }

  /** Resolves when settled, or after `timeoutMs`, with the outcome then. */
  settle(timeoutMs: number): Promise<BannerOutcome> {
    if (this.settled || timeoutMs <= 0) return Promise.resolve(this.outcome);
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve(this.outcome);
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
    });
  }
}
