/**
 * US Privacy strings ("1YNN", ad-signals §4.2): the legacy CCPA signal, deprecated in favour of GPP
 * but still sent. Four characters: spec version, explicit notice given, opted out of sale, covered
 * by the LSPA; each flag is Y, N or "-" (not applicable), which becomes true, false or null.
 */
export interface DecodedUsp {
  version: number;
  noticeGiven: boolean | null;
  optedOutOfSale: boolean | null;
  lspaCovered: boolean | null;
}

export type UspErrorCode = 'not-a-string' | 'too-long' | 'malformed';
export type UspParseResult = { ok: true; value: DecodedUsp } | { ok: false; error: { code: UspErrorCode; message: string } };

/** Anything longer is not a US Privacy string with some white space around it. */
export const MAX_USP_STRING_LENGTH = 64;

const fail = (code: UspErrorCode, message: string): UspParseResult => ({ ok: false, error: { code, message } });

// Lower case is off-spec but harmless to accept; CMPs have been seen writing it.
const FLAG: Readonly<Record<string, boolean | null>> = { Y: true, N: false, '-': null };

/** Never throws, whatever `input` is. */
export function parseUspString(input: unknown): UspParseResult {
  if (typeof input !== 'string') return fail('not-a-string', `expected a US Privacy string, got ${input === null ? 'null' : typeof input}`);
  if (input.length > MAX_USP_STRING_LENGTH) return fail('too-long', `longer than ${MAX_USP_STRING_LENGTH} characters`);
  const text = input.trim().toUpperCase();
  if (!/^1[YN-]{3}$/.test(text)) return fail('malformed', 'expected version 1 and three of Y, N or "-", e.g. "1YNN"');
  const [notice = '-', sale = '-', lspa = '-'] = text.slice(1);
  return { ok: true, value: { version: 1, noticeGiven: FLAG[notice] ?? null, optedOutOfSale: FLAG[sale] ?? null, lspaCovered: FLAG[lspa] ?? null } };
}
