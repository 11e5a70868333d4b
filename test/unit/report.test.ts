import { describe, expect, it } from 'vitest';
import { buildReport, shownCount } from '../../src/core/report';
import { emptySnapshot, MAX_FRAMES_PER_TAB, withFrame, withoutAds, type FrameSnapshot } from '../../src/core/tab-snapshot';
import type { FrameAd } from '../../src/shared/frame-ad';
import { reportErrors } from './schema-validator';

const ad = (key: string, extra: Partial<FrameAd> = {}): FrameAd => ({
  key,
  status: 'shown',
  format: 'display',
  detectedBy: ['gpt'],
  width: 300,
  height: 250,
  ...extra,
});

const frame = (frameId: number, parentFrameId: number, url: string, ads: FrameAd[], gpc: boolean | null = null): FrameSnapshot => ({
  frameId,
  parentFrameId,
  url,
  ads,
  probe: { gpc },
  updatedAt: 1,
});

const NOW = new Date('2026-11-29T10:00:00Z');

describe('buildReport', () => {
  it('reports every frame\'s ads with ids, frame URLs and unknown reasons', () => {
    let s = emptySnapshot(7, 'https://news.example/a', 'doc-1', 0);
    s = withFrame(s, frame(0, -1, 'https://news.example/a', [ad('a1'), ad('a2', { status: 'unfilled' })], true));
    s = withFrame(s, frame(3, 0, 'https://widgets.example/w', [ad('a9', { detectedBy: ['adsense'] })]));
    const report = buildReport(s, NOW);
    expect(report.ads.map((a) => [a.id, a.status, a.slot.frameUrl ?? null])).toEqual([
      ['0:a1', 'shown', null],
      ['0:a2', 'unfilled', null],
      ['3:a9', 'shown', 'https://widgets.example/w'],
    ]);
    expect(report.ads[0]?.reasons).toEqual([{ kind: 'unknown', basis: 'observed', evidence: [] }]);
    expect(report.ads[2]?.sellers).toEqual([{ company: 'Google', domain: 'google.com', role: 'network' }]);
    expect(report.consent.gpc).toBe(true);
    expect(report.observedAt).toBe('2026-11-29T10:00:00.000Z');
    expect(shownCount(report)).toBe(2);
    expect(reportErrors(report)).toEqual([]);
  });

  it('counts an ad once: the creative frame inside it (and frames inside that) add nothing', () => {
    let s = emptySnapshot(1, 'https://news.example/', null, 0);
    s = withFrame(s, frame(0, -1, 'https://news.example/', [ad('a1', { frameSrc: 'https://sf.example/creative?id=1#x' })]));
    // The creative frame found something that looks like an ad inside itself.
    s = withFrame(s, frame(5, 0, 'https://sf.example/creative?id=1', [ad('a3', { detectedBy: ['iab-size'] })]));
    s = withFrame(s, frame(6, 5, 'https://inner.example/', [ad('a4')]));
    // An unrelated frame next to it keeps its ad.
    s = withFrame(s, frame(8, 0, 'https://partner.example/', [ad('a5')]));
    expect(buildReport(s, NOW).ads.map((a) => a.id)).toEqual(['0:a1', '8:a5']);
  });

  it('names the company behind a standard-size ad frame from its host', () => {
    let s = emptySnapshot(1, 'https://news.example/', null, 0);
    s = withFrame(s, frame(0, -1, 'https://news.example/', [ad('a1', { detectedBy: ['iab-size'], frameSrc: 'https://ib.adnxs.com/x' })]));
    expect(buildReport(s, NOW).ads[0]?.sellers).toEqual([{ company: 'Microsoft (Xandr)', domain: 'adnxs.com', role: 'ssp' }]);
  });

  it('says gpc is unknown (null) when no probe spoke', () => {
    const s = withFrame(emptySnapshot(1, 'https://x.example/', null, 0), { ...frame(0, -1, 'https://x.example/', []), probe: null });
    expect(buildReport(s, NOW).consent.gpc).toBeNull();
  });
});

describe('tab snapshots', () => {
  it('caps the frames of a tab and counts what it dropped', () => {
    let s = emptySnapshot(1, 'https://x.example/', null, 0);
    for (let i = 0; i < MAX_FRAMES_PER_TAB + 5; i++) s = withFrame(s, frame(i, 0, `https://f${i}.example/`, []));
    expect(Object.keys(s.frames)).toHaveLength(MAX_FRAMES_PER_TAB);
    expect(s.droppedFrames).toBe(5);
    // A frame already known is still updated when the tab is full.
    s = withFrame(s, frame(3, 0, 'https://f3.example/new', []));
    expect(s.frames['3']?.url).toBe('https://f3.example/new');
  });

  it('forgets the ads but keeps the frames on a single-page-app navigation', () => {
    let s = emptySnapshot(1, 'https://app.example/1', null, 0);
    s = withFrame(s, frame(0, -1, 'https://app.example/1', [ad('a1')]));
    s = withoutAds(s, 'https://app.example/2');
    expect(s.url).toBe('https://app.example/2');
    expect(s.frames['0']?.ads).toEqual([]);
  });
});
