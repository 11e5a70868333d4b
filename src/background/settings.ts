/** The person's settings (storage.local): on/off and the sites on which the extension is paused. */
import type { Settings } from '../shared/protocol';
import { array, bool, object, str } from '../shared/validate';
import { readKey, writeKeys } from '../platform/storage';

const KEY = 'settings:v1';
const MAX_SITES = 5_000;
export const DEFAULT_SETTINGS: Settings = { enabled: true, pausedSites: [] };

const stored = object({ enabled: bool, pausedSites: array(str(253), MAX_SITES) });

export function normaliseSites(sites: readonly string[]): string[] {
  const clean = sites.map((s) => s.trim().toLowerCase().replace(/^www\./, '')).filter((s) => /^[a-z0-9.:[\]-]+$/.test(s));
  return [...new Set(clean)].sort().slice(0, MAX_SITES);
}

export async function getSettings(): Promise<Settings> {
  const parsed = stored(await readKey('local', KEY));
  return parsed.ok ? { enabled: parsed.value.enabled, pausedSites: parsed.value.pausedSites } : { ...DEFAULT_SETTINGS };
}

export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const current = await getSettings();
  const next: Settings = {
    enabled: patch.enabled ?? current.enabled,
    pausedSites: normaliseSites(patch.pausedSites ?? current.pausedSites),
  };
  await writeKeys('local', { [KEY]: next });
  return next;
}

export function isActiveOn(settings: Settings, site: string | null): boolean {
  return settings.enabled && site !== null && !settings.pausedSites.includes(site);
}
