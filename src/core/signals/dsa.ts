/**
 * The DSA transparency object of a bid (`meta.dsa`, OpenRTB `bid.ext.dsa`; ad-signals.md §1.2),
 * read tolerantly: the current names (`dsaparams`) and the draft's (`params`), arrays where the
 * draft had single objects and the reverse, and nothing longer than the spec allows.
 */
import type { Result } from '../../shared/validate';
import { domain, int, list, obj, text, unwrap } from './read';

export interface DsaInfo {
  behalf?: string;
  paid?: string;
  /** Every parameter code any transparency entry declared, sorted, without repeats. */
  params: number[];
  transparency: { domain: string; params: number[] }[];
  /** 1 when the buyer renders the DSA information inside the creative itself. */
  adrender?: number;
}

export const DSA_PARAM_CODES = { profiling: 1, basic: 2, preciseGeo: 3 } as const;
const MAX_ENTRIES = 10;
/** The spec caps behalf and paid at 100 characters. */
const MAX_NAME = 100;

function paramsOf(value: unknown): number[] {
  const codes = list(value, 10)
    .map((p) => int(p, 0, 99))
    .filter((p): p is number => p !== null);
  return [...new Set(codes)].sort((a, b) => a - b);
}

export function normaliseDsa(input: unknown): Result<DsaInfo> {
  const dsa = obj(unwrap(input));
  if (!dsa) return { ok: false, error: 'dsa: expected an object' };
  const entries = Array.isArray(dsa.transparency) ? dsa.transparency : dsa.transparency === undefined ? [] : [dsa.transparency];
  const transparency: DsaInfo['transparency'] = [];
  for (const entry of list(entries, MAX_ENTRIES)) {
    const e = obj(entry);
    const d = domain(e?.domain);
    if (!e || !d) continue;
    transparency.push({ domain: d, params: paramsOf(e.dsaparams ?? e.params) });
  }
  const behalf = text(dsa.behalf, MAX_NAME);
  const paid = text(dsa.paid, MAX_NAME);
  const adrender = int(dsa.adrender, 0, 1);
  if (!behalf && !paid && !transparency.length) return { ok: false, error: 'dsa: no advertiser, payer or parameters' };
  return {
    ok: true,
    value: {
      ...(behalf ? { behalf } : {}),
      ...(paid ? { paid } : {}),
      params: [...new Set(transparency.flatMap((t) => t.params))].sort((a, b) => a - b),
      transparency,
      ...(adrender !== null ? { adrender } : {}),
    },
  };
}
