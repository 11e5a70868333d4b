/**
 * Runs a crawl's pages `jobs` at a time, in list order: each slot takes the next URL as soon as
 * its page is done, so one slow page never holds up the others. Once `stopped()` holds no slot
 * takes another URL (the ones under way are left to the caller).
 */
export async function runPool<T>(items: readonly T[], jobs: number, work: (item: T, index: number) => Promise<void>, stopped: () => boolean = () => false): Promise<void> {
  let next = 0;
  const slot = async (): Promise<void> => {
    while (!stopped() && next < items.length) {
      const index = next++;
      await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, slot));
}
