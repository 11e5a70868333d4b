import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dedupe, shardOf } from '../../scripts/lib/crawl-shard';

const url = fc.integer({ min: 0, max: 60 }).map((n) => `https://site${n}.example/`);

describe('crawl shards', () => {
  it('removes duplicates, keeping the first of each in order', () => {
    expect(dedupe(['b', 'a', 'b', 'c', 'a'])).toEqual(['b', 'a', 'c']);
  });

  it('puts a URL in shard i when its position in the de-duplicated list modulo n is i-1', () => {
    const list = ['u0', 'u1', 'u0', 'u2', 'u3', 'u4', 'u1', 'u5', 'u6'];
    expect(shardOf(list, { index: 1, count: 3 })).toEqual(['u0', 'u3', 'u6']);
    expect(shardOf(list, { index: 2, count: 3 })).toEqual(['u1', 'u4']);
    expect(shardOf(list, { index: 3, count: 3 })).toEqual(['u2', 'u5']);
    expect(shardOf(list, null)).toEqual(['u0', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6']);
  });

  it('puts every URL of any list in exactly one of n shards, in list order, the shards as even as can be', () => {
    fc.assert(
      fc.property(fc.array(url, { maxLength: 200 }), fc.integer({ min: 1, max: 25 }), (list, count) => {
        const shards = Array.from({ length: count }, (_, i) => shardOf(list, { index: i + 1, count }));
        const unique = dedupe(list);
        const all = shards.flat();
        expect(all.length).toBe(unique.length);
        expect(new Set(all)).toEqual(new Set(unique));
        for (const shard of shards) {
          // Order kept: each shard is a subsequence of the list.
          expect(shard).toEqual(unique.filter((u) => shard.includes(u)));
          expect(Math.abs(shard.length - unique.length / count)).toBeLessThan(1);
        }
      }),
    );
  });

  it('gives the same shards for the same list, whatever runs it', () => {
    fc.assert(
      fc.property(fc.array(url, { maxLength: 100 }), fc.integer({ min: 1, max: 10 }), (list, count) => {
        const index = 1 + (list.length % count);
        expect(shardOf([...list], { index, count })).toEqual(shardOf(list, { index, count }));
      }),
    );
  });
});
