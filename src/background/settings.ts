/** The person's settings (storage.local): on/off and the sites on which the extension is paused. */
import { MAX_PAUSED_SITES, type Settings } from '../shared/protocol';
import { array, bool, object, optional, str } from '../shared/validate';
import { readKey, writeKeys } from '../platform/storage';
import { normaliseSites } from '../core/site';

const KEY = 'settings:v1';
export const DEFAULT_SETTINGS: Settings = { enabled: true, useEasyList: false, pausedSites: [], sendGpc: false };

// Fields added later are optional: settings stored before they existed read as their defaults.
const stored = object({ enabled: bool, useEasyList: optional(bool), pausedSites: array(str(253), MAX_PAUSED_SITES), sendGpc: optional(bool) });

export async function getSettings(): Promise<Settings> {
  const parsed = stored(await readKey('local', KEY));
  return parsed.ok
    ? {
        enabled: parsed.value.enabled,
        useEasyList: parsed.value.useEasyList ?? DEFAULT_SETTINGS.useEasyList,
        pausedSites: parsed.value.pausedSites,
        sendGpc: parsed.value.sendGpc ?? DEFAULT_SETTINGS.sendGpc,
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
  };
  await writeKeys('local', { [KEY]: next });
  return next;
}

export function isActiveOn(settings: Settings, site: string | null): boolean {
  return settings.enabled && site !== null && !settings.pausedSites.includes(site);
}
