/**
 * Copies page values out as plain JSON: primitives only, with caps on depth, items, keys, string
 * length, the number of values and the time spent (a getter can run page code, a Proxy can lie,
 * an object can contain itself). What does not fit is left out, never waited for.
 */
import { SIGNAL_LIMITS, type JsonValue } from '../shared/signals';
import { isArray, keysOf, now, read } from './own';

export interface Budget {
  nodes: number;
  deadline: number;
}

/** Each read of a source gets a few milliseconds at most, so a hostile page cannot slow itself through us. */
export function budget(ms = 3): Budget {
  return { nodes: SIGNAL_LIMITS.nodes - 100, deadline: now() + ms };
}

function spent(b: Budget): boolean {
  // Checking the clock is cheap but not free: look at it every 32 values.
  return --b.nodes < 0 || ((b.nodes & 31) === 0 && now() > b.deadline);
}

export function copy(value: unknown, b: Budget, depth = 0): JsonValue | undefined {
  if (spent(b)) return undefined;
  switch (typeof value) {
    case 'string':
      return value.slice(0, SIGNAL_LIMITS.string);
    case 'number':
      return Number.isFinite(value) ? value : undefined;
    case 'boolean':
      return value;
    case 'object':
      break;
    default:
      return undefined;
  }
  if (value === null) return null;
  if (depth >= SIGNAL_LIMITS.copyDepth) return undefined;
  try {
    if (isArray(value)) {
      const out: JsonValue[] = [];
      const n = Math.min(Number(read(value, 'length')) || 0, SIGNAL_LIMITS.arrayItems);
      for (let i = 0; i < n; i++) {
        const item = copy(read(value, String(i)), b, depth + 1);
        out[out.length] = item === undefined ? null : item;
      }
      return out;
    }
    const out: { [key: string]: JsonValue } = {};
    const keys = keysOf(value);
    let kept = 0;
    for (let i = 0; i < keys.length && kept < SIGNAL_LIMITS.objectKeys; i++) {
      const key = keys[i] as string;
      if (key.length > 200 || key === '__proto__') continue;
      const item = copy(read(value, key), b, depth + 1);
      if (item !== undefined) {
        out[key] = item;
        kept++;
      }
    }
    return out;
  } catch {
    return undefined;
  }
}

/** Copies only the named fields of an object (the rest of a page object is none of our business). */
export function pick(value: unknown, fields: readonly string[], b: Budget, depth = 0): { [key: string]: JsonValue } | null {
  if (value === null || typeof value !== 'object') return null;
  const out: { [key: string]: JsonValue } = {};
  for (const field of fields) {
    const item = copy(read(value, field), b, depth + 1);
    if (item !== undefined) out[field] = item;
  }
  return out;
}
