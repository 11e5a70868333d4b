/**
 * The small protocol between the main-world probe (src/page) and the isolated content script.
 *
 * Both scripts run at document_start, before any page script. Each listens for HANDSHAKE_EVENT and
 * then announces itself on it, so the pair meets whichever runs first: the isolated script's
 * announcement carries a random channel name, the probe's says only that it is there and is
 * answered with the channel. Both stop listening once they have met. Afterwards the probe posts
 * JSON strings on the secret channel. JSON strings only: Firefox's Xray wrappers do not let page
 * objects through, and a string is easy to cap and validate.
 */
import { checkJson, isSignalSource, SIGNAL_LIMITS, type JsonValue, type SignalSource } from './signals';
import { array, bool, isRecord, literal, nullable, object, str, type Result, type Validator } from './validate';

export const HANDSHAKE_EVENT = 'why-this-ad:handshake';
export const BRIDGE_VERSION = 1;
/** The largest message the isolated script will parse; larger ones are dropped unread. */
export const MAX_BRIDGE_MESSAGE = 256 * 1024;

export type HandshakeMessage = { role: 'probe' } | { role: 'isolated'; channel: string };

export interface ProbeHello {
  type: 'hello';
  v: typeof BRIDGE_VERSION;
  gpc: boolean | null;
}

/** The ad units Prebid.js says it rendered a winning bid into (their codes are element ids). */
export interface ProbePrebid {
  type: 'prebid';
  v: typeof BRIDGE_VERSION;
  units: string[];
}

/** What the page's ad tech says (a RawSignals part); checked for size and JSON-ness here, read by core. */
export interface ProbeSignal {
  type: 'signal';
  v: typeof BRIDGE_VERSION;
  source: SignalSource;
  /** Shaped like RawSignals[source] when the probe sent it, but only checked to be bounded JSON. */
  data: JsonValue;
}

export type ProbeMessage = ProbeHello | ProbePrebid | ProbeSignal;

export const MAX_PREBID_UNITS = 100;
export const MAX_UNIT_CODE = 200;

const probeHello: Validator<ProbeHello> = object({
  type: literal('hello'),
  v: literal(BRIDGE_VERSION),
  gpc: nullable(bool),
}) as Validator<ProbeHello>;

const probePrebid: Validator<ProbePrebid> = object({
  type: literal('prebid'),
  v: literal(BRIDGE_VERSION),
  units: array(str(MAX_UNIT_CODE), MAX_PREBID_UNITS),
}) as Validator<ProbePrebid>;

export const CHANNEL_PATTERN = /^why-this-ad:[0-9a-f]{32}$/;

export function parseHandshake(detail: unknown): HandshakeMessage | null {
  if (typeof detail !== 'string' || detail.length > 200) return null;
  let value: unknown;
  try {
    value = JSON.parse(detail);
  } catch {
    return null;
  }
  if (!isRecord(value)) return null;
  if (value.role === 'probe') return { role: 'probe' };
  if (value.role === 'isolated' && typeof value.channel === 'string' && CHANNEL_PATTERN.test(value.channel)) {
    return { role: 'isolated', channel: value.channel };
  }
  return null;
}

/** Validates what arrived on the secret channel. The page may have forged it: treat it as page data. */
export function parseProbeMessage(detail: unknown): Result<ProbeMessage> {
  if (typeof detail !== 'string') return { ok: false, error: 'probe message is not a string' };
  if (detail.length > MAX_BRIDGE_MESSAGE) return { ok: false, error: 'probe message too large' };
  let value: unknown;
  try {
    value = JSON.parse(detail);
  } catch {
    return { ok: false, error: 'probe message is not JSON' };
  }
  if (isRecord(value) && value.type === 'prebid') return probePrebid(value, 'probe');
  if (isRecord(value) && value.type === 'signal') {
    if (detail.length > SIGNAL_LIMITS.bytes) return { ok: false, error: 'probe signal too large' };
    if (value.v !== BRIDGE_VERSION || !isSignalSource(value.source)) return { ok: false, error: 'probe signal of unknown source' };
    const data = checkJson(value.data);
    if (!data.ok) return data;
    return { ok: true, value: { type: 'signal', v: BRIDGE_VERSION, source: value.source, data: data.value } };
  }
  return probeHello(value, 'probe');
}
