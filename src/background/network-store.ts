/**
 * Each tab's network state (core/network/tab-network.ts). Requests come by the hundred, so the
 * state is updated in memory and written to storage.session shortly after (batched), never on
 * every request; a worker that was stopped reads it back from storage before going on. The
 * state is bounded by the caps of TabNetwork, so a tab costs at most a few hundred KB there.
 */
import { emptyNetwork, type TabNetwork } from '../core/network/tab-network';
import { isRecord } from '../shared/validate';
import { readAll, readKey, removeKeys, writeKeys } from '../platform/storage';

export const NET_KEY_PREFIX = 'net:';
const netKey = (tabId: number): string => `${NET_KEY_PREFIX}${tabId}`;
const FLUSH_MS = 300;

interface Entry {
  state: TabNetwork;
  site: string;
}

const memory = new Map<number, Entry>();
const queues = new Map<number, Promise<unknown>>();
const dirty = new Set<number>();
let timer: ReturnType<typeof setTimeout> | null = null;

function asEntry(value: unknown): Entry | null {
  return isRecord(value) && typeof value.site === 'string' && isRecord(value.state) && value.state.v === 1 ? (value as unknown as Entry) : null;
}

async function load(tabId: number): Promise<Entry> {
  const known = memory.get(tabId);
  if (known) return known;
  const stored = asEntry(await readKey('session', netKey(tabId)));
  const entry = stored ?? { state: emptyNetwork(), site: '' };
  // A reset may have happened while we were reading.
  const now = memory.get(tabId);
  if (now) return now;
  memory.set(tabId, entry);
  return entry;
}

async function flush(): Promise<void> {
  timer = null;
  const values: Record<string, unknown> = {};
  for (const tabId of dirty) {
    const entry = memory.get(tabId);
    if (entry) values[netKey(tabId)] = entry;
  }
  dirty.clear();
  try {
    await writeKeys('session', values);
  } catch (error) {
    // Session storage full: what was seen stays in memory for this worker's life; say so once.
    console.warn('why-this-ad: network state not saved', error);
  }
}

function markDirty(tabId: number): void {
  dirty.add(tabId);
  timer ??= setTimeout(() => void flush(), FLUSH_MS);
}

/** Runs `change` on a tab's state, one change at a time per tab. */
export function updateNetwork(tabId: number, change: (entry: Entry) => void): Promise<void> {
  const previous = queues.get(tabId) ?? Promise.resolve();
  const next = previous
    .catch(() => undefined)
    .then(async () => {
      change(await load(tabId));
      markDirty(tabId);
    });
  queues.set(tabId, next);
  void next.finally(() => {
    if (queues.get(tabId) === next) queues.delete(tabId);
  });
  return next;
}

/** A new document in the tab's top frame: what the network said about the old one is gone. */
export function resetNetwork(tabId: number, site: string): Promise<void> {
  return updateNetwork(tabId, (entry) => {
    entry.state = emptyNetwork();
    entry.site = site;
  });
}

export async function readNetwork(tabId: number): Promise<TabNetwork | null> {
  await (queues.get(tabId) ?? Promise.resolve()).catch(() => undefined);
  return memory.get(tabId)?.state ?? asEntry(await readKey('session', netKey(tabId)))?.state ?? null;
}

export async function forgetNetwork(tabId: number): Promise<void> {
  await (queues.get(tabId) ?? Promise.resolve()).catch(() => undefined);
  memory.delete(tabId);
  dirty.delete(tabId);
  await removeKeys('session', [netKey(tabId)]);
}

/** Drops the network state of tabs that closed while the worker was not running. */
export async function sweepNetworks(openTabIds: ReadonlySet<number>): Promise<void> {
  const all = await readAll('session');
  await removeKeys('session', Object.keys(all).filter((k) => k.startsWith(NET_KEY_PREFIX) && !openTabIds.has(Number(k.slice(NET_KEY_PREFIX.length)))));
}
