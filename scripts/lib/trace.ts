/**
 * Reads a Chromium trace (CDP Tracing) for the time our content scripts took on the page: the
 * script evaluations, compilations and function calls whose script URL is ours, merged per thread
 * so that nested events count once. Pure, so it is unit-tested on synthetic events.
 */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number; // µs
  dur?: number; // µs
  pid: number;
  tid: number;
  args?: { data?: { url?: string; scriptName?: string } };
}

const OURS = new Set(['EvaluateScript', 'v8.compile', 'FunctionCall', 'v8.evaluateModule', 'v8.callFunction']);

export interface ScriptTime {
  totalMs: number;
  longestMs: number;
  intervals: number;
}

export function scriptTime(events: readonly TraceEvent[], urlPrefixes: readonly string[]): ScriptTime {
  const byThread = new Map<string, [number, number][]>();
  for (const e of events) {
    if (e.ph !== 'X' || !OURS.has(e.name) || e.dur === undefined) continue;
    const url = e.args?.data?.url ?? e.args?.data?.scriptName ?? '';
    if (!urlPrefixes.some((p) => url.startsWith(p))) continue;
    const key = `${e.pid}:${e.tid}`;
    const list = byThread.get(key) ?? [];
    list.push([e.ts, e.ts + e.dur]);
    byThread.set(key, list);
  }
  let total = 0;
  let longest = 0;
  let intervals = 0;
  for (const list of byThread.values()) {
    list.sort((a, b) => a[0] - b[0]);
    let [start, end] = list[0] as [number, number];
    const close = (): void => {
      total += end - start;
      longest = Math.max(longest, end - start);
      intervals++;
    };
    for (const [s, e] of list.slice(1)) {
      if (s <= end) end = Math.max(end, e);
      else {
        close();
        [start, end] = [s, e];
      }
    }
    close();
  }
  return { totalMs: total / 1000, longestMs: longest / 1000, intervals };
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
