/**
 * Hand-built TC strings for tests: the IAB encoder drops vendors that are not in the GVL and picks
 * the encoding itself, so strings with huge or overlapping vendor ranges (what a hostile page can
 * send) have to be written bit by bit. Layout: "Consent string and vendor list formats v2", core segment.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export const uint = (value: number, width: number): string => value.toString(2).padStart(width, '0');

export function bitsToBase64Url(bits: string): string {
  const padded = bits.padEnd(Math.ceil(bits.length / 6) * 6, '0');
  let out = '';
  for (let i = 0; i < padded.length; i += 6) out += ALPHABET[parseInt(padded.slice(i, i + 6), 2)];
  return out;
}

/** A single id `[id]` or an inclusive range `[first, last]`. */
export type RangeEntry = readonly [number] | readonly [number, number];

export function rangeList(entries: readonly RangeEntry[]): string {
  return uint(entries.length, 12) + entries.map((e) => (e.length === 1 ? `0${uint(e[0], 16)}` : `1${uint(e[0], 16)}${uint(e[1], 16)}`)).join('');
}

export function rangeVector(maxId: number, entries: readonly RangeEntry[]): string {
  return `${uint(maxId, 16)}1${rangeList(entries)}`;
}

export function bitFieldVector(ids: readonly number[]): string {
  const maxId = Math.max(0, ...ids);
  let field = '';
  for (let id = 1; id <= maxId; id++) field += ids.includes(id) ? '1' : '0';
  return `${uint(maxId, 16)}0${field}`;
}

const letters = (code: string): string => [...code].map((c) => uint(c.charCodeAt(0) - 65, 6)).join('');

export interface CoreOptions {
  version?: number;
  consents?: string;
  legitimateInterests?: string;
  restrictions?: readonly { purpose: number; type: number; entries: readonly RangeEntry[] }[];
}

/** A core segment with fixed header fields (CMP 10, vendor list 1, policy 4, language EN, country NL). */
export function tcCoreSegment(options: CoreOptions = {}): string {
  const restrictions = options.restrictions ?? [];
  const bits =
    uint(options.version ?? 2, 6) +
    uint(16_000_000_000, 36) + // created, in deciseconds: 2020-09-13
    uint(16_000_000_000, 36) +
    uint(10, 12) + // CMP id
    uint(1, 12) + // CMP version
    uint(1, 6) + // consent screen
    letters('EN') +
    uint(1, 12) + // vendor list version
    uint(4, 6) + // policy version
    '0' + // is service specific
    '0' + // use non-standard texts
    uint(0, 12) + // special feature opt-ins
    '1'.padEnd(24, '0') + // purpose consents: purpose 1
    uint(0, 24) + // purpose legitimate interests
    '0' + // purpose one treatment
    letters('NL') +
    (options.consents ?? bitFieldVector([])) +
    (options.legitimateInterests ?? bitFieldVector([])) +
    uint(restrictions.length, 12) +
    restrictions.map((r) => uint(r.purpose, 6) + uint(r.type, 2) + rangeList(r.entries)).join('');
  return bitsToBase64Url(bits);
}

/** A disclosed-vendors segment (type 1) holding a vendor vector (`bitFieldVector` or `rangeVector`). */
export function disclosedVendorsSegment(vector: string): string {
  return bitsToBase64Url(uint(1, 3) + vector);
}
