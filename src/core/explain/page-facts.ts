/**
 * Everything a tab's frames said about the page's ad tech, normalised once per report: Prebid
 * from every frame that runs it, GPT likewise, and the consent state from the top-most frame
 * whose consent API answered (the top frame first: it speaks for the page).
 */
import type { FrameSnapshot } from '../tab-snapshot';
import { gppFacts, tcfFacts, uspFacts, type ConsentFacts } from '../signals/consent';
import { gptFacts, type GptFacts } from '../signals/gpt';
import { prebidFacts, type PrebidFacts } from '../signals/prebid';

export interface PageFacts {
  prebid: PrebidFacts;
  gpt: GptFacts;
  consent: ConsentFacts;
  gpc: boolean | null;
}

function firstOf<T>(frames: readonly FrameSnapshot[], read: (f: FrameSnapshot) => T | null): T | null {
  for (const frame of frames) {
    const value = read(frame);
    if (value !== null) return value;
  }
  return null;
}

export function pageFacts(frames: readonly FrameSnapshot[]): PageFacts {
  // Top frame first, then by frame id: the order decides whose consent speaks for the page.
  const ordered = [...frames].sort((a, b) => (a.frameId === 0 ? -1 : b.frameId === 0 ? 1 : a.frameId - b.frameId));
  const prebid: PrebidFacts = { globals: [], bids: [], auctions: [], eids: [], gvlMapping: {}, rejected: 0 };
  const gpt: GptFacts = { version: null, pageTargeting: {}, slots: [], apstag: false };
  for (const frame of ordered) {
    const p = frame.signals?.prebid;
    if (p !== undefined) {
      const f = prebidFacts(p);
      prebid.globals.push(...f.globals);
      prebid.bids.push(...f.bids);
      prebid.auctions.push(...f.auctions);
      for (const eid of f.eids) if (!prebid.eids.some((e) => e.source === eid.source)) prebid.eids.push(eid);
      prebid.rejected += f.rejected;
      prebid.gvlMapping = { ...f.gvlMapping, ...prebid.gvlMapping };
    }
    const g = frame.signals?.gpt === undefined ? null : gptFacts(frame.signals.gpt);
    if (g) {
      gpt.version ??= g.version;
      if (frame.frameId === 0) gpt.pageTargeting = g.pageTargeting;
      gpt.slots.push(...g.slots);
      gpt.apstag ||= g.apstag;
    }
  }
  const top = ordered.find((f) => f.frameId === 0);
  return {
    prebid,
    gpt,
    consent: {
      tcf: firstOf(ordered, (f) => (f.signals?.tcf === undefined ? null : tcfFacts(f.signals.tcf))),
      gpp: firstOf(ordered, (f) => (f.signals?.gpp === undefined ? null : gppFacts(f.signals.gpp))),
      usp: firstOf(ordered, (f) => (f.signals?.usp === undefined ? null : uspFacts(f.signals.usp))),
    },
    gpc: top?.probe?.gpc ?? null,
  };
}
