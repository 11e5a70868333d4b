/** What the background knows about one tab: plain data, stored in storage.session. */
import type { CreativeFacts } from '../shared/creative-facts';
import type { FrameAd } from '../shared/frame-ad';
import type { ProbeState } from '../shared/protocol';
import type { JsonValue, SignalSource } from '../shared/signals';

export const TAB_SNAPSHOT_VERSION = 1;
/** The storage.session key of a tab's snapshot. */
export const tabKey = (tabId: number): string => `tab:${tabId}`;
export const TAB_KEY_PREFIX = 'tab:';
/** Frames beyond this are counted in `droppedFrames` and not kept (storage.session is ~10 MB for all tabs). */
export const MAX_FRAMES_PER_TAB = 200;
/** Frames whose ad tech we keep (each source of each up to 64 KB); the top frame is always one of them. */
export const MAX_SIGNAL_FRAMES_PER_TAB = 8;
/** Frames whose creative facts we keep (each already pruned to what tells something, see explain/creative.ts). */
export const MAX_CREATIVE_FRAMES_PER_TAB = 32;

export interface FrameSnapshot {
  frameId: number;
  /** -1 for the top frame. */
  parentFrameId: number;
  url: string;
  ads: FrameAd[];
  probe: ProbeState | null;
  /** What the frame's ad tech said, the newest of each source (raw: read through core normalisers). */
  signals?: Partial<Record<SignalSource, JsonValue>>;
  /** What the frame's creative showed (links, hosts, "Sponsored by"), the newest read. */
  creative?: CreativeFacts;
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
  /** Signals refused because MAX_SIGNAL_FRAMES_PER_TAB other frames already had some. */
  droppedSignals?: number;
  /** Creative facts refused because MAX_CREATIVE_FRAMES_PER_TAB other frames already had some. */
  droppedCreatives?: number;
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
  const signals = snapshot.frames[key]?.signals;
  const creative = snapshot.frames[key]?.creative;
  let kept = signals && !frame.signals ? { ...frame, signals } : frame;
  if (creative && !frame.creative) kept = { ...kept, creative };
  return { ...snapshot, frames: { ...snapshot.frames, [key]: kept } };
}

/** Forget what the frames found (a single-page-app navigation), keeping which frames exist. */
export function withoutAds(snapshot: TabSnapshot, url: string): TabSnapshot {
  const frames: Record<string, FrameSnapshot> = {};
  for (const [key, frame] of Object.entries(snapshot.frames)) frames[key] = { ...frame, ads: [] };
  return { ...snapshot, url, frames };
}

/** Keeps a frame's newest signal of one source, within the per-tab cap on frames with signals. */
export function withSignal(snapshot: TabSnapshot, frameId: number, source: SignalSource, data: JsonValue): TabSnapshot {
  const key = String(frameId);
  const frame = snapshot.frames[key];
  if (!frame) return snapshot;
  const holders = Object.values(snapshot.frames).filter((f) => f.signals && f.frameId !== frameId).length;
  if (!frame.signals && frameId !== 0 && holders >= MAX_SIGNAL_FRAMES_PER_TAB) {
    return { ...snapshot, droppedSignals: (snapshot.droppedSignals ?? 0) + 1 };
  }
  return { ...snapshot, frames: { ...snapshot.frames, [key]: { ...frame, signals: { ...frame.signals, [source]: data } } } };
}

/** Keeps a frame's newest creative facts, within the per-tab cap on frames with creative facts. */
export function withCreative(snapshot: TabSnapshot, frameId: number, facts: CreativeFacts): TabSnapshot {
  const key = String(frameId);
  const frame = snapshot.frames[key];
  if (!frame) return snapshot;
  const holders = Object.values(snapshot.frames).filter((f) => f.creative && f.frameId !== frameId).length;
  if (!frame.creative && holders >= MAX_CREATIVE_FRAMES_PER_TAB) {
    return { ...snapshot, droppedCreatives: (snapshot.droppedCreatives ?? 0) + 1 };
  }
  return { ...snapshot, frames: { ...snapshot.frames, [key]: { ...frame, creative: facts } } };
}
