/**
 * Every message between the extension's contexts, declared once. A request names its sender
 * (`content:` from a content script, `ui:` from an extension page, `bg:` from the background),
 * carries a payload that the receiver validates, and is answered with a Reply.
 */
import { creativeFactsValidator, type CreativeFacts } from './creative-facts';
import { elementDescriptionValidator, type ElementDescription, type Feedback } from './feedback';
import { frameAdValidator, LIMITS, type FrameAd } from './frame-ad';
import type { PageReport } from './page-report';
import { checkJson, SIGNAL_SOURCES, type JsonValue, type SignalSource } from './signals';
import { array, bool, int, isRecord, literal, nullable, object, optional, str, type Result, type Validator } from './validate';

export type Reply<T> = { ok: true; data: T } | { ok: false; error: string };

export interface ProbeState {
  /** navigator.globalPrivacyControl as the page's main world sees it; null when not a boolean. */
  gpc: boolean | null;
}

export interface Settings {
  enabled: boolean;
  /** Also look for what EasyList's generic rules hide (more ads found, and some things that are not ads). */
  useEasyList: boolean;
  /** Registrable sites (hostnames) on which the extension looks at nothing. */
  pausedSites: string[];
  /** Send Global Privacy Control (the Sec-GPC header and navigator.globalPrivacyControl) to every site. */
  sendGpc: boolean;
  /** Keep every page's report in the research log (IndexedDB). Never in private windows. */
  logEnabled: boolean;
  /** How the log keeps page addresses: as they were, cut to their origin, or as a salted hash. */
  logRedaction: LogRedaction;
  /** Records older than this many days are deleted. */
  logMaxAgeDays: number;
  /** Beyond this many records the oldest are deleted. */
  logMaxRecords: number;
}

export type LogRedaction = 'full' | 'origin' | 'hash';
export const LOG_REDACTIONS: readonly LogRedaction[] = ['full', 'origin', 'hash'];
export const LOG_LIMITS = { minAgeDays: 1, maxAgeDays: 3_650, minRecords: 100, maxRecords: 1_000_000 } as const;

/** What the log did last: shown in the dashboard so that a full disk or a failed write is never silent. */
export interface LogStatus {
  enabled: boolean;
  redaction: LogRedaction;
  lastWriteAt: number | null;
  /** Records written since the worker started. */
  written: number;
  /** The last problem, until a write succeeds again (`full`: the disk or quota is full even after pruning). */
  problem: { code: 'full' | 'write-failed'; message: string; at: number; pruned: number } | null;
  /** Records the retention rules or a full disk deleted since the worker started. */
  pruned: number;
}

export interface TabInfo {
  tabId: number;
  url: string | null;
  site: string | null;
  /** false for pages extensions may not read (browser pages, the web store, file:// without access). */
  supported: boolean;
  paused: boolean;
  enabled: boolean;
}

/** The bundled data sets and how old they are (shown in settings). */
export interface DataInfo {
  easyList: { version: string | null; rules: number };
  vendorList: { version: number; lastUpdated: string | null };
  taxonomies: { date: string | null; credit: string };
}

/** Requests that the background answers. */
export interface BackgroundRequests {
  'content:hello': { req: { top: boolean }; res: { active: boolean; easyList: boolean } };
  /** The ids and classes a frame has; the answer is the EasyList rules that need them, as [token, selector]. */
  'content:easyList': { req: { tokens: string[] }; res: { rules: [string, string][] } };
  'content:frame': { req: { ads: FrameAd[]; probe: ProbeState | null }; res: { active: boolean } };
  /** What the page's ad tech said (one source's raw signal, see shared/signals.ts), the newest replacing the last. */
  'content:signals': { req: { source: SignalSource; data: JsonValue }; res: { active: boolean } };
  /** What an ad frame's creative shows (links, hosts, "Sponsored by"), the newest replacing the last. */
  'content:creative': { req: CreativeFacts; res: { active: boolean } };
  'ui:getReport': { req: { tabId: number }; res: PageReport | null };
  'ui:getTabInfo': { req: { tabId: number }; res: TabInfo };
  'ui:getSettings': { req: Record<string, never>; res: Settings };
  /** The bundled data sets and how old they are. */
  'ui:getDataInfo': { req: Record<string, never>; res: DataInfo };
  'ui:setSettings': {
    req: { enabled?: boolean; useEasyList?: boolean; pausedSites?: string[]; sendGpc?: boolean; logEnabled?: boolean; logRedaction?: LogRedaction; logMaxAgeDays?: number; logMaxRecords?: number };
    res: Settings;
  };
  'ui:getLogStatus': { req: Record<string, never>; res: LogStatus };
  /** Deletes the whole log, or one site's records; answers how many records went. */
  'ui:deleteLog': { req: { site?: string }; res: { deleted: number } };
  /** Writes what the log owes now (the dashboard asks before it reads). */
  'ui:flushLog': { req: Record<string, never>; res: { written: number } };
  'ui:setSitePaused': { req: { tabId: number; paused: boolean }; res: TabInfo };
  'ui:showAd': { req: { tabId: number; adId: string }; res: { shown: boolean } };
  'ui:reportNotAnAd': { req: { tabId: number; adId: string }; res: Feedback };
  'ui:startPick': { req: { tabId: number }; res: { frames: number } };
  'ui:getFeedback': { req: Record<string, never>; res: Feedback[] };
  /** How many sites with retargeting pixels are remembered; `forget: true` forgets them all first. */
  'ui:pixelSites': { req: { forget: boolean }; res: { sites: number } };
  'ui:deleteFeedback': { req: { id?: string }; res: Feedback[] };
  'content:picked': { req: { element: ElementDescription }; res: Feedback };
}

/** Requests that a content script answers (sent by the background to one frame). */
export interface ContentRequests {
  'bg:rescan': { req: Record<string, never>; res: { ads: number } };
  'bg:show': { req: { key: string }; res: { shown: boolean } };
  /** Let the person click the ad we missed; `active: false` ends picking in every frame. */
  'bg:pick': { req: { active: boolean }; res: { picking: boolean } };
}

export type BackgroundRequestType = keyof BackgroundRequests;
export type ContentRequestType = keyof ContentRequests;

const tabId = int(0, Number.MAX_SAFE_INTEGER);
const empty = object({});
const probeState: Validator<ProbeState> = object({ gpc: nullable(bool) }) as Validator<ProbeState>;
export const MAX_PAUSED_SITES = 5_000;
/** Ids and classes one frame may send at once. */
export const MAX_TOKENS = 5_000;

export const backgroundPayloadValidators: { [K in BackgroundRequestType]: Validator<BackgroundRequests[K]['req']> } = {
  'content:hello': object({ top: bool }),
  'content:easyList': object({ tokens: array(str(200), MAX_TOKENS) }),
  'content:frame': object({
    ads: array(frameAdValidator, LIMITS.adsPerFrame),
    probe: nullable(probeState),
  }) as Validator<BackgroundRequests['content:frame']['req']>,
  'content:signals': object({ source: literal(...SIGNAL_SOURCES), data: (input: unknown) => checkJson(input) }) as Validator<BackgroundRequests['content:signals']['req']>,
  'content:creative': creativeFactsValidator,
  'ui:getReport': object({ tabId }),
  'ui:getTabInfo': object({ tabId }),
  'ui:getSettings': empty as Validator<Record<string, never>>,
  'ui:getDataInfo': empty as Validator<Record<string, never>>,
  'ui:setSettings': object({
    enabled: optional(bool),
    useEasyList: optional(bool),
    pausedSites: optional(array(str(253), MAX_PAUSED_SITES)),
    sendGpc: optional(bool),
    logEnabled: optional(bool),
    logRedaction: optional(literal(...LOG_REDACTIONS)),
    logMaxAgeDays: optional(int(LOG_LIMITS.minAgeDays, LOG_LIMITS.maxAgeDays)),
    logMaxRecords: optional(int(LOG_LIMITS.minRecords, LOG_LIMITS.maxRecords)),
  }),
  'ui:getLogStatus': empty as Validator<Record<string, never>>,
  'ui:deleteLog': object({ site: optional(str(253)) }),
  'ui:flushLog': empty as Validator<Record<string, never>>,
  'ui:setSitePaused': object({ tabId, paused: bool }),
  'ui:showAd': object({ tabId, adId: str(64) }),
  'ui:reportNotAnAd': object({ tabId, adId: str(64) }),
  'ui:startPick': object({ tabId }),
  'ui:getFeedback': empty as Validator<Record<string, never>>,
  'ui:pixelSites': object({ forget: bool }),
  'ui:deleteFeedback': object({ id: optional(str(64)) }),
  'content:picked': object({ element: elementDescriptionValidator }),
};

export const contentPayloadValidators: { [K in ContentRequestType]: Validator<ContentRequests[K]['req']> } = {
  'bg:rescan': empty as Validator<Record<string, never>>,
  'bg:show': object({ key: str(32) }),
  'bg:pick': object({ active: bool }),
};

/** Requests that change data or reveal it are accepted only from the extension's own pages. */
export function isUiRequest(type: BackgroundRequestType): boolean {
  return type.startsWith('ui:');
}

/** Reads an envelope of a known type and validates its payload; never throws. */
export function parseEnvelope<M extends { [K in keyof M]: { req: unknown } }>(
  message: unknown,
  validators: { [K in keyof M]: Validator<M[K]['req']> },
): Result<{ type: keyof M & string; payload: M[keyof M]['req'] }> {
  if (!isRecord(message) || typeof message.type !== 'string') return { ok: false, error: 'not a message' };
  const type = message.type;
  if (!Object.prototype.hasOwnProperty.call(validators, type)) return { ok: false, error: `unknown message ${type.slice(0, 40)}` };
  const r = validators[type as keyof M](message.payload ?? {}, 'payload');
  if (!r.ok) return r;
  return { ok: true, value: { type: type as keyof M & string, payload: r.value } };
}
