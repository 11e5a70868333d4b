/**
 * The page's consent state from what its consent APIs answered (ad-signals.md §4): the TC string
 * decoded with @iabtechlabtcf/core, the GPP string with @iabgpp/cmpapi, the US Privacy string.
 * The summary is what the PageReport shows; the decoded forms are kept for the flags.
 */
import type { GppSummary, TcfSummary } from '../../shared/page-report';
import { decodeGppString, usTargetedAdvertisingOptOut, type DecodedGpp } from '../gpp';
import { consentSummary, decodeTcString, type DecodedTc } from '../tcf';
import { parseUspString } from '../usp';
import { bool, int, list, obj, text } from './read';

export interface ConsentFacts {
  tcf: { summary: TcfSummary; decoded: DecodedTc | null; error: string | null } | null;
  gpp: { summary: GppSummary; decoded: DecodedGpp | null; error: string | null; targetedAdvertising: ReturnType<typeof usTargetedAdvertisingOptOut> } | null;
  usp: string | null;
}

type Status = TcfSummary['status'];

function statusOf(raw: unknown): Status | 'absent' | null {
  const s = obj(raw)?.status;
  return s === 'ok' || s === 'no-response' || s === 'error' || s === 'absent' ? s : null;
}

export function tcfFacts(raw: unknown): ConsentFacts['tcf'] {
  const status = statusOf(raw);
  if (!status || status === 'absent') return null;
  const data = obj(obj(raw)?.data);
  const gdprApplies = bool(data?.gdprApplies);
  const cmpId = int(data?.cmpId, 0, 4095);
  const tcString = text(data?.tcString, 60_000) ?? '';
  const empty: TcfSummary = { tcString, gdprApplies, cmpId, purposes: { consented: [], refused: [] }, specialFeatures: [], vendorsConsented: 0, status };
  // Where GDPR does not apply the CMP sends no string, and there is nothing to decode.
  if (status !== 'ok' || !tcString) return { summary: empty, decoded: null, error: null };
  const decoded = decodeTcString(tcString);
  if (!decoded.ok) return { summary: { ...empty, status: 'error' }, decoded: null, error: decoded.error.message };
  return {
    summary: {
      ...empty,
      cmpId: cmpId ?? decoded.value.cmpId,
      purposes: consentSummary(decoded.value),
      specialFeatures: decoded.value.specialFeatureOptins,
      vendorsConsented: decoded.value.vendorConsentCount,
    },
    decoded: decoded.value,
    error: null,
  };
}

export function gppFacts(raw: unknown): ConsentFacts['gpp'] {
  const status = statusOf(raw);
  if (status !== 'ok') return null;
  const data = obj(obj(raw)?.data);
  const gppString = text(data?.gppString, 60_000);
  const applicableSections = list(data?.applicableSections, 40)
    .map((s) => int(s, 0, 1000) ?? (s === -1 ? -1 : null))
    .filter((s): s is number => s !== null);
  if (!gppString) return null;
  const decoded = decodeGppString(gppString);
  const sections = decoded.ok ? decoded.value.sections : {};
  return {
    summary: { gppString, applicableSections, sections },
    decoded: decoded.ok ? decoded.value : null,
    error: decoded.ok ? null : decoded.error.message,
    targetedAdvertising: decoded.ok ? usTargetedAdvertisingOptOut(decoded.value) : 'unknown',
  };
}

export function uspFacts(raw: unknown): string | null {
  if (statusOf(raw) !== 'ok') return null;
  const usp = text(obj(obj(raw)?.data)?.uspString, 10);
  return usp && parseUspString(usp).ok ? usp : null;
}
