/** What the background knows about one tab: plain data, stored in storage.session. */
import type { FrameAd } from '../shared/frame-ad';
import type { ProbeState } from '../shared/protocol';

export const TAB_SNAPSHOT_VERSION = 1;
/** The storage.session key of a tab's snapshot. */
export const tabKey = (tabId: number): string => `tab:${tabId}`;
export const TAB_KEY_PREFIX = 'tab:';
/** Frames beyond this are counted in `droppedFrames` and not kept (storage.session is ~10 MB for all tabs). */
export const MAX_FRAMES_PER_TAB = 200;

export interface FrameSnapshot {
  frameId: number;
  /** -1 for the top frame. */
  parentFrameId: number;
  url: string;
  ads: FrameAd[];
  probe: ProbeState | null;
  updatedAt: number;
}

export interface TabSnapshot {
  v: typeof TAB_SNAPSHOT_VERSION;
  tabId: number;
  url: string;
  /** The top document this snapshot describes; messages from other documents are stale. */
  documentId: string | null;
  startedAt: number;
  frames: Record<string, FrameSnapshot>;
  droppedFrames: number;
}

export function emptySnapshot(tabId: number, url: string, documentId: string | null, now: number): TabSnapshot {
  return { v: TAB_SNAPSHOT_VERSION, tabId, url, documentId, startedAt: now, frames: {}, droppedFrames: 0 };
}

export function withFrame(snapshot: TabSnapshot, frame: FrameSnapshot): TabSnapshot {
  const key = String(frame.frameId);
  const known = key in snapshot.frames;
  if (!known && Object.keys(snapshot.frames).length >= MAX_FRAMES_PER_TAB) {
    return { ...snapshot, droppedFrames: snapshot.droppedFrames + 1 };
  }
  return { ...snapshot, frames: { ...snapshot.frames, [key]: frame } };
}

/** Forget what the frames found (a single-page-app navigation), keeping which frames exist. */
export function withoutAds(snapshot: TabSnapshot, url: string): TabSnapshot {
  const frames: Record<string, FrameSnapshot> = {};
  for (const [key, frame] of Object.entries(snapshot.frames)) frames[key] = { ...frame, ads: [] };
  return { ...snapshot, url, frames };
}
