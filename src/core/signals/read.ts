/**
 * Small readers for raw signals. Everything a page's ad tech said arrives as bounded JSON of an
 * unknown shape; these pull out one typed value at a time, with a cap, and answer null (never
 * throw) when the value is missing or of the wrong kind.
 */
export type Obj = Record<string, unknown>;

export function obj(value: unknown): Obj | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : null;
}

export function list(value: unknown, max = 100): unknown[] {
  return Array.isArray(value) ? value.slice(0, max) : [];
}

export function text(value: unknown, max = 200): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed ? trimmed.slice(0, max) : null;
}

export function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function int(value: unknown, min = 0, max = Number.MAX_SAFE_INTEGER): number | null {
  const n = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max ? n : null;
}

export function bool(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === '1') return true;
  if (value === 0 || value === '0') return false;
  return null;
}

/** A path of keys into nested JSON: `at(o, 'user', 'ext', 'eids')`. */
export function at(value: unknown, ...keys: string[]): unknown {
  let v: unknown = value;
  for (const key of keys) {
    const o = obj(v);
    if (!o || !Object.prototype.hasOwnProperty.call(o, key)) return undefined;
    v = o[key];
  }
  return v;
}

/** The draft DSA samples wrapped single objects in arrays (ad-signals.md §1.2): take the first. */
export function unwrap(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/** A bare host name as ad tech writes advertiser and transparency domains; anything else is not one. */
export function domain(value: unknown): string | null {
  const t = text(value, 253)?.toLowerCase().replace(/^www\./, '') ?? null;
  return t && DOMAIN.test(t) ? t : null;
}
