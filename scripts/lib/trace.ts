/**
 * Reads a Chromium trace (CDP Tracing) for the time our content scripts took on the page: the
 * script evaluations, compilations and function calls whose script URL is ours, merged per thread
 * so that nested events count once. Pure, so it is unit-tested on synthetic events.
 *
 * A call of ours counts with the microtasks that run as it returns: an `await` resumes there, so
 * the slices of a scan after each yield to the page (and the rest of a scan after its first
 * `await`) are ours too, although no event names our script. Chromium traces a call as a
 * `v8.callFunction` event with the `FunctionCall` inside it, and runs the microtasks inside the
 * former after the latter ends. What still goes uncounted: continuations of promises the browser
 * itself resolves (replies to runtime.sendMessage), which run in no call of ours.
 */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number; // µs
  dur?: number; // µs
  /** Thread (CPU) time, µs: without the time the thread waited for a core. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string; scriptName?: string } };
}

const OURS = new Set(['EvaluateScript', 'v8.compile', 'FunctionCall', 'v8.evaluateModule', 'v8.callFunction']);
const CALL = 'v8.callFunction';

export interface ScriptTime {
  /** Wall-clock time on the threads, as tracing shows it. */
  totalMs: number;
  /** The longest stretch of ours without the page running in between (a task of ours, roughly). */
  longestMs: number;
  intervals: number;
  /** Thread CPU time of the same events: the wall-clock figure less the time other processes had the core. */
  cpuMs: number;
}

interface Span {
  start: number;
  end: number;
  cpu: number;
}

const endOf = (e: TraceEvent): number => e.ts + (e.dur ?? 0);

/** `callsOnly`: our events alone, without the microtasks of our calls (how the bench counted before). */
export function scriptTime(events: readonly TraceEvent[], urlPrefixes: readonly string[], { callsOnly = false } = {}): ScriptTime {
  const ours = new Map<string, TraceEvent[]>();
  const calls = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined) continue;
    const key = `${e.pid}:${e.tid}`;
    if (e.name === CALL) (calls.get(key) ?? calls.set(key, []).get(key))?.push(e);
    if (!OURS.has(e.name)) continue;
    const url = e.args?.data?.url ?? e.args?.data?.scriptName ?? '';
    if (!urlPrefixes.some((p) => url.startsWith(p))) continue;
    (ours.get(key) ?? ours.set(key, []).get(key))?.push(e);
  }
  let total = 0;
  let longest = 0;
  let intervals = 0;
  let cpu = 0;
  for (const [key, list] of ours) {
    const threadCalls = calls.get(key) ?? [];
    const spans: Span[] = list.map((e) => {
      // The innermost call around a FunctionCall of ours is its own, microtasks included.
      let around: TraceEvent | undefined;
      if (e.name === 'FunctionCall' && !callsOnly) {
        for (const c of threadCalls) {
          if (c.ts <= e.ts && endOf(c) >= endOf(e) && (!around || (c.dur ?? 0) < (around.dur ?? 0))) around = c;
        }
      }
      const chosen = around ?? e;
      return { start: chosen.ts, end: endOf(chosen), cpu: chosen.tdur ?? chosen.dur ?? 0 };
    });
    spans.sort((a, b) => a.start - b.start || b.end - a.end);
    let current = spans[0] as Span;
    let stretchCpu = current.cpu;
    const close = (): void => {
      total += current.end - current.start;
      longest = Math.max(longest, current.end - current.start);
      cpu += stretchCpu;
      intervals++;
    };
    for (const s of spans.slice(1)) {
      if (s.start <= current.end) {
        // Nested in (or overlapping) the stretch: its CPU time is already inside the outer event's.
        if (s.end > current.end) {
          stretchCpu += s.cpu * ((s.end - current.end) / Math.max(s.end - s.start, 1));
          current = { ...current, end: s.end };
        }
      } else {
        close();
        current = s;
        stretchCpu = s.cpu;
      }
    }
    close();
  }
  return { totalMs: total / 1000, longestMs: longest / 1000, intervals, cpuMs: cpu / 1000 };
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
