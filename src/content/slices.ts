/**
 * Work in slices of at most SLICE_MS so that a long scan never blocks the page for a frame. One
 * clock for the whole scan: each step checks the time since the last yield, not since it began,
 * so steps that run one after another share a slice instead of each taking a full one.
 */
export const SLICE_MS = 4;

let sliceStart = 0;
/** Time left to the page by yieldToPage so far, counted only in the bench build. */
let yielded = 0;
export const yieldedMs = (): number => yielded;

/** A new unit of work (a scan) starts its first slice now. */
export function startSlice(): void {
  sliceStart = performance.now();
}

/** How long the current slice has run. */
export const sliceElapsed = (): number => performance.now() - sliceStart;

/**
 * Lets the page run its own tasks before our next slice. The timer calls a function of ours (not
 * `resolve` itself) so that tracing attributes the next slice, which runs as that call's
 * microtasks, to our script: `npm run bench` counts it.
 */
export const yieldToPage = (): Promise<void> =>
  new Promise((resolve) => {
    const from = __WTA_BENCH__ ? performance.now() : 0;
    setTimeout(() => {
      if (__WTA_BENCH__) yielded += performance.now() - from;
      sliceStart = performance.now();
      resolve();
    }, 0);
  });

/** Yields if the current slice is used up (call before a step that cannot be cut). */
export async function yieldIfDue(budgetMs = SLICE_MS): Promise<void> {
  if (sliceElapsed() > budgetMs) await yieldToPage();
}

export async function mapInSlices<T, R>(items: readonly T[], fn: (item: T) => R, budgetMs = SLICE_MS): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i++) {
    out.push(fn(items[i] as T));
    // Checking the clock every 16 items keeps its cost out of the measurements.
    if ((i & 15) === 15 && sliceElapsed() > budgetMs) await yieldToPage();
  }
  return out;
}
