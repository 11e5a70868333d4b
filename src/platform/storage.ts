/**
 * The only place that touches browser.storage. Values are read back as `unknown` and must pass a
 * validator before use: storage written by an older version, or damaged, must not crash a reader.
 */
import browser from 'webextension-polyfill';

type AreaName = 'session' | 'local';

function area(name: AreaName): browser.Storage.StorageArea {
  return name === 'session' ? browser.storage.session : browser.storage.local;
}

export async function readKey(name: AreaName, key: string): Promise<unknown> {
  const got = await area(name).get(key);
  return got[key];
}

export async function readAll(name: AreaName): Promise<Record<string, unknown>> {
  return (await area(name).get(null)) as Record<string, unknown>;
}

export async function writeKeys(name: AreaName, values: Record<string, unknown>): Promise<void> {
  await area(name).set(values);
}

export async function removeKeys(name: AreaName, keys: string[]): Promise<void> {
  if (keys.length) await area(name).remove(keys);
}

export function onStorageChange(listener: (area: AreaName, keys: string[]) => void): void {
  browser.storage.onChanged.addListener((changes, areaName) => {
    if (areaName === 'session' || areaName === 'local') listener(areaName, Object.keys(changes));
  });
}
