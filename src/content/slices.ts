/** Work in slices of at most SLICE_MS so that a long scan never blocks the page for a frame. */
export const SLICE_MS = 4;

/** Lets the page run its own tasks before our next slice. */
export const yieldToPage = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export async function mapInSlices<T, R>(items: readonly T[], fn: (item: T) => R, budgetMs = SLICE_MS): Promise<R[]> {
  const out: R[] = [];
  let sliceStart = performance.now();
  for (let i = 0; i < items.length; i++) {
    out.push(fn(items[i] as T));
    // Checking the clock every 16 items keeps its cost out of the measurements.
    if ((i & 15) === 15 && performance.now() - sliceStart > budgetMs) {
      await yieldToPage();
      sliceStart = performance.now();
    }
  }
  return out;
}
