/** Records what a frame reported, attributing it to its tab and parent frame. */
import browser from 'webextension-polyfill';
import { keptCreativeFacts } from '../core/explain/creative';
import { emptySnapshot, withCreative, withFrame, withSignal, type TabSnapshot } from '../core/tab-snapshot';
import type { CreativeFacts } from '../shared/creative-facts';
import type { JsonValue, SignalSource } from '../shared/signals';
import type { FrameAd } from '../shared/frame-ad';
import type { ProbeState } from '../shared/protocol';
import type { SenderInfo } from '../platform/messaging';
import { readTab, updateTab } from './tab-store';

async function parentOf(tabId: number, frameId: number, known: TabSnapshot | null): Promise<number> {
  if (frameId === 0) return -1;
  const stored = known?.frames[String(frameId)];
  if (stored) return stored.parentFrameId;
  try {
    const details = await browser.webNavigation.getFrame({ tabId, frameId });
    return details?.parentFrameId ?? 0;
  } catch {
    return 0;
  }
}

type FrameUpdate =
  | { ads: FrameAd[]; probe: ProbeState | null }
  | { signal: { source: SignalSource; data: JsonValue } }
  | { creative: CreativeFacts };

export function recordFrame(sender: SenderInfo, ads: FrameAd[], probe: ProbeState | null): Promise<TabSnapshot | null> {
  return record(sender, { ads, probe });
}

export function recordSignal(sender: SenderInfo, source: SignalSource, data: JsonValue): Promise<TabSnapshot | null> {
  return record(sender, { signal: { source, data } });
}

/**
 * Keeps what a subframe's creative showed, pruned to what tells something: most subframes are no
 * ad's creative and say nothing, and those never touch the stored snapshot.
 */
export async function recordCreative(sender: SenderInfo, facts: CreativeFacts): Promise<TabSnapshot | null> {
  if (sender.frameId === 0) return null; // a creative is never the top document
  const kept = keptCreativeFacts(facts);
  return kept ? record(sender, { creative: kept }) : null;
}

async function record(sender: SenderInfo, update: FrameUpdate): Promise<TabSnapshot | null> {
  const { tabId, frameId } = sender;
  if (tabId === null || frameId === null) return null;
  // A document in the back/forward cache or being unloaded no longer describes the tab.
  if (sender.documentLifecycle && sender.documentLifecycle !== 'active') return null;
  const before = await readTab(tabId);
  const parentFrameId = await parentOf(tabId, frameId, before);
  const now = Date.now();
  return updateTab(tabId, (current) => {
    let snapshot = current;
    const topUrl = sender.tabUrl ?? (frameId === 0 ? sender.url : null) ?? current?.url ?? '';
    const staleTop =
      frameId === 0 && current?.documentId && sender.documentId && current.documentId !== sender.documentId;
    if (!snapshot || staleTop) snapshot = emptySnapshot(tabId, topUrl, frameId === 0 ? sender.documentId : null, now);
    if (frameId === 0 && !snapshot.documentId && sender.documentId) snapshot = { ...snapshot, documentId: sender.documentId };
    const known = snapshot.frames[String(frameId)];
    const url = (sender.url ?? '').slice(0, 2048);
    if ('signal' in update) {
      // Signals may come before the frame's first list of ads: the frame is known from then on.
      if (!known) snapshot = withFrame(snapshot, { frameId, parentFrameId, url, ads: [], probe: null, updatedAt: now });
      return withSignal(snapshot, frameId, update.signal.source, update.signal.data);
    }
    if ('creative' in update) {
      // A creative frame (GPT's, AdSense's) sends no list of ads at all: it is known from its facts.
      if (!known) snapshot = withFrame(snapshot, { frameId, parentFrameId, url, ads: [], probe: null, updatedAt: now });
      return withCreative(snapshot, frameId, update.creative);
    }
    return withFrame(snapshot, { frameId, parentFrameId, url, ads: update.ads, probe: update.probe, updatedAt: now });
  });
}
