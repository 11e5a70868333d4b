/** The person's settings (storage.local): on/off and the sites on which the extension is paused. */
import { LOG_LIMITS, LOG_REDACTIONS, MAX_PAUSED_SITES, type Settings } from '../shared/protocol';
import { array, bool, int, literal, object, optional, str } from '../shared/validate';
import { readKey, writeKeys } from '../platform/storage';
import { normaliseSites } from '../core/site';

const KEY = 'settings:v1';
/**
 * The log is on from the start (the dashboard is empty without it) but keeps page addresses only
 * as their origin: the full history of what someone read is more than most people want kept.
 */
export const DEFAULT_SETTINGS: Settings = {
  enabled: true,
  useEasyList: false,
  pausedSites: [],
  sendGpc: false,
  logEnabled: true,
  logRedaction: 'origin',
  logMaxAgeDays: 180,
  logMaxRecords: 100_000,
};

// Fields added later are optional: settings stored before they existed read as their defaults.
const stored = object({
  enabled: bool,
  useEasyList: optional(bool),
  pausedSites: array(str(253), MAX_PAUSED_SITES),
  sendGpc: optional(bool),
  logEnabled: optional(bool),
  logRedaction: optional(literal(...LOG_REDACTIONS)),
  logMaxAgeDays: optional(int(LOG_LIMITS.minAgeDays, LOG_LIMITS.maxAgeDays)),
  logMaxRecords: optional(int(LOG_LIMITS.minRecords, LOG_LIMITS.maxRecords)),
});

export async function getSettings(): Promise<Settings> {
  const parsed = stored(await readKey('local', KEY));
  return parsed.ok
    ? {
        enabled: parsed.value.enabled,
        useEasyList: parsed.value.useEasyList ?? DEFAULT_SETTINGS.useEasyList,
        pausedSites: parsed.value.pausedSites,
        sendGpc: parsed.value.sendGpc ?? DEFAULT_SETTINGS.sendGpc,
        logEnabled: parsed.value.logEnabled ?? DEFAULT_SETTINGS.logEnabled,
        logRedaction: parsed.value.logRedaction ?? DEFAULT_SETTINGS.logRedaction,
        logMaxAgeDays: parsed.value.logMaxAgeDays ?? DEFAULT_SETTINGS.logMaxAgeDays,
        logMaxRecords: parsed.value.logMaxRecords ?? DEFAULT_SETTINGS.logMaxRecords,
      }
    : { ...DEFAULT_SETTINGS };
}

export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const current = await getSettings();
  const next: Settings = {
    enabled: patch.enabled ?? current.enabled,
    useEasyList: patch.useEasyList ?? current.useEasyList,
    pausedSites: normaliseSites(patch.pausedSites ?? current.pausedSites),
    sendGpc: patch.sendGpc ?? current.sendGpc,
    logEnabled: patch.logEnabled ?? current.logEnabled,
    logRedaction: patch.logRedaction ?? current.logRedaction,
    logMaxAgeDays: patch.logMaxAgeDays ?? current.logMaxAgeDays,
    logMaxRecords: patch.logMaxRecords ?? current.logMaxRecords,
  };
  await writeKeys('local', { [KEY]: next });
  return next;
}

export function isActiveOn(settings: Settings, site: string | null): boolean {
  return settings.enabled && site !== null && !settings.pausedSites.includes(site);
}
