/**
 * Stopping a crawl on SIGINT, SIGTERM or SIGHUP: the signal only sets a flag and wakes the crawl,
 * which then takes no new page, drops the pages under way (they are not errors, and `--resume`
 * does them), closes the browser and exits with 128 + the signal's number (130, 143, 129).
 *
 * Playwright installs handlers of its own when it launches a browser; SIGINT's exits the process
 * as soon as the browser is closed, before the crawl has removed its profile or said how to
 * resume. `takeOver()` removes them once the browser is up: from then on the crawl closes the
 * browser itself. (Playwright's exit handler, which kills the browser if the process exits
 * anyway, stays.)
 */
import { constants } from 'node:os';

export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

export const exitCodeFor = (signal: StopSignal): number => 128 + constants.signals[signal];

export class CrawlStop {
  signal: StopSignal | null = null;
  /** Resolves with the first signal. */
  readonly stopped: Promise<StopSignal>;
  private wake: (signal: StopSignal) => void = () => undefined;
  private readonly handlers = new Map<StopSignal, () => void>();

  constructor() {
    this.stopped = new Promise((resolve) => (this.wake = resolve));
  }

  get requested(): boolean {
    return this.signal !== null;
  }

  install(): void {
    for (const name of STOP_SIGNALS) {
      const handler = (): void => {
        // A process group gets the signal once per process, and tsx passes it on again: the
        // first one counts, the others change nothing.
        if (this.signal) return;
        this.signal = name;
        this.wake(name);
      };
      this.handlers.set(name, handler);
      process.on(name, handler);
    }
  }

  /** Removes every other handler of the stop signals (Playwright's). */
  takeOver(): void {
    for (const name of STOP_SIGNALS) {
      const ours = this.handlers.get(name);
      for (const listener of process.listeners(name)) if (listener !== ours) process.off(name, listener);
    }
  }

  dispose(): void {
    for (const [name, handler] of this.handlers) process.off(name, handler);
    this.handlers.clear();
  }
}
