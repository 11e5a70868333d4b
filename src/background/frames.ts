/** Records what a frame reported, attributing it to its tab and parent frame. */
import browser from 'webextension-polyfill';
import { emptySnapshot, withFrame, type TabSnapshot } from '../core/tab-snapshot';
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

export async function recordFrame(
  sender: SenderInfo,
  ads: FrameAd[],
  probe: ProbeState | null,
): Promise<TabSnapshot | null> {
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
    return withFrame(snapshot, {
      frameId,
      parentFrameId,
      url: (sender.url ?? '').slice(0, 2048),
      ads,
      probe,
      updatedAt: now,
    });
  });
}
