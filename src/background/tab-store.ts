/**
 * Per-tab state in storage.session, so that it survives the service worker being stopped. Updates
 * of one tab are serialised: two frames reporting at once must not overwrite each other's frame.
 */
import { TAB_KEY_PREFIX, TAB_SNAPSHOT_VERSION, tabKey, type TabSnapshot } from '../core/tab-snapshot';
import { isRecord } from '../shared/validate';
import { readAll, readKey, removeKeys, writeKeys } from '../platform/storage';

const queues = new Map<number, Promise<unknown>>();

function asSnapshot(value: unknown): TabSnapshot | null {
  // Written only by this worker (session storage is closed to content scripts); the version check
  // keeps a future format from being misread after an update.
  return isRecord(value) && value.v === TAB_SNAPSHOT_VERSION && isRecord(value.frames) ? (value as unknown as TabSnapshot) : null;
}

export async function readTab(tabId: number): Promise<TabSnapshot | null> {
  return asSnapshot(await readKey('session', tabKey(tabId)));
}

export function updateTab(tabId: number, change: (current: TabSnapshot | null) => TabSnapshot | null): Promise<TabSnapshot | null> {
  const previous = queues.get(tabId) ?? Promise.resolve();
  const next = previous
    .catch(() => undefined)
    .then(async () => {
      const updated = change(await readTab(tabId));
      if (updated) await writeKeys('session', { [tabKey(tabId)]: updated });
      return updated;
    });
  queues.set(tabId, next);
  void next.finally(() => {
    if (queues.get(tabId) === next) queues.delete(tabId);
  });
  return next;
}

export async function forgetTab(tabId: number): Promise<void> {
  await (queues.get(tabId) ?? Promise.resolve()).catch(() => undefined);
  await removeKeys('session', [tabKey(tabId)]);
}

/** Drops the state of tabs that closed while the worker was not running. */
export async function sweepTabs(openTabIds: ReadonlySet<number>): Promise<number> {
  const all = await readAll('session');
  const stale = Object.keys(all).filter((k) => k.startsWith(TAB_KEY_PREFIX) && !openTabIds.has(Number(k.slice(TAB_KEY_PREFIX.length))));
  await removeKeys('session', stale);
  return stale.length;
}
