/**
 * Which URLs a crawl visits: the list without duplicates, in its order, and of that the part
 * `--shard i/n` names. A URL's shard depends only on its position in the de-duplicated list, so
 * machines given the same list split it the same way, and together they visit every URL once.
 */

/** The i-th (1-based) of `count` parts of a list. */
export interface Shard {
  index: number;
  count: number;
}

/** Removes repeated URLs, keeping the first of each, in order. */
export function dedupe(urls: readonly string[]): string[] {
  return [...new Set(urls)];
}

/** The URLs of the de-duplicated list at positions p with p mod n = i - 1. */
export function shardOf(urls: readonly string[], shard: Shard | null): string[] {
  const unique = dedupe(urls);
  if (!shard) return unique;
  return unique.filter((_, position) => position % shard.count === shard.index - 1);
}
