/**
 * What the overview's charts show, computed from the log's per-day aggregates. Pure, so the
 * numbers the charts draw are tested in Node; the charts only draw them.
 */
import type { DayCounts } from '../../core/log/summary';
import { utcDay } from './format';

const DAY_MS = 86_400_000;
/** Days one chart may span: a bar per day stays readable, and a typo in a year can't freeze the page. */
export const MAX_CHART_DAYS = 366;

export interface DayPoint {
  day: string;
  ads: number;
  pages: number;
}

/** The default range of the charts: the last 30 days, today included. */
export function lastDays(now: number, count = 30): { from: string; to: string } {
  return { from: utcDay(now - (count - 1) * DAY_MS), to: utcDay(now) };
}

/**
 * One point per day from `from` to `to` (both included), 0 where the log has nothing, so that a
 * quiet day shows as a gap and not as a missing bar. At most MAX_CHART_DAYS, the latest kept.
 */
export function daySeries(days: readonly DayCounts[], from: string, to: string): DayPoint[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) return [];
  const byDay = new Map(days.map((d) => [d.day, d]));
  const first = Math.max(start, end - (MAX_CHART_DAYS - 1) * DAY_MS);
  const out: DayPoint[] = [];
  for (let t = first; t <= end; t += DAY_MS) {
    const day = utcDay(t);
    const found = byDay.get(day);
    out.push({ day, ads: found?.ads ?? 0, pages: found?.pages ?? 0 });
  }
  return out;
}

export interface Entry {
  key: string;
  n: number;
}

/** The largest counts first (ties by name, so the order is stable), at most `limit`, and the sum of the rest. */
export function topEntries(counts: Readonly<Record<string, number>>, limit: number): { top: Entry[]; rest: number } {
  const all = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([key, n]) => ({ key, n }))
    .sort((a, b) => b.n - a.n || a.key.localeCompare(b.key));
  return { top: all.slice(0, limit), rest: all.slice(limit).reduce((sum, e) => sum + e.n, 0) };
}

/** A round upper bound for an axis, so that gridlines fall on readable numbers. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= max) return step * magnitude;
  return 10 * magnitude;
}
