/**
 * "What they seem to think of you": the audience segments, interests and demographics seen in bid
 * data, summed over the log's days. Pure (tested in Node): each with how often it was seen, the
 * first and last day, and where it came from, most often seen first.
 */
import type { DayCounts } from '../../core/log/summary';

export interface SegmentSeen {
  key: string;
  kind: string;
  label: string;
  n: number;
  first: string;
  last: string;
  /** Where it came from (the evidence's source or the data provider), most often first. */
  from: { source: string; n: number }[];
}

export function segmentsSeen(days: readonly DayCounts[]): SegmentSeen[] {
  const byKey = new Map<string, { kind: string; label: string; n: number; first: string; last: string; from: Map<string, number> }>();
  for (const day of days) {
    for (const [key, s] of Object.entries(day.segments)) {
      if (s.n <= 0) continue;
      let seen = byKey.get(key);
      if (!seen) {
        seen = { kind: s.kind, label: s.label, n: 0, first: day.day, last: day.day, from: new Map() };
        byKey.set(key, seen);
      }
      seen.n += s.n;
      if (day.day < seen.first) seen.first = day.day;
      if (day.day > seen.last) seen.last = day.day;
      for (const [source, n] of Object.entries(s.from)) seen.from.set(source, (seen.from.get(source) ?? 0) + n);
    }
  }
  return [...byKey.entries()]
    .map(([key, s]) => ({
      key,
      kind: s.kind,
      label: s.label,
      n: s.n,
      first: s.first,
      last: s.last,
      from: [...s.from.entries()].map(([source, n]) => ({ source, n })).sort((a, b) => b.n - a.n || a.source.localeCompare(b.source)),
    }))
    .sort((a, b) => b.n - a.n || a.label.localeCompare(b.label));
}

/** What the ad tech said about the page (its topics, or "chosen from the page's content"), not about the person. */
export function aboutThePage(segment: Pick<SegmentSeen, 'kind'>): boolean {
  return segment.kind === 'contextual';
}
