/** Builds a tab's PageReport from stored state and keeps the badge in step with it. */
import browser from 'webextension-polyfill';
import { buildReport, shownCount } from '../core/report';
import { onlyFrames, type TabSnapshot } from '../core/tab-snapshot';
import type { PageReport } from '../shared/page-report';
import { setBadge } from './badge';
import { publishForTests } from './test-hooks';
import { readTab } from './tab-store';

/** The tab's frames that still exist, or null when the browser cannot say (the tab closed). */
async function liveFrames(tabId: number): Promise<Set<number> | null> {
  try {
    const frames = await browser.webNavigation.getAllFrames({ tabId });
    return frames ? new Set(frames.map((f) => f.frameId)) : null;
  } catch {
    return null;
  }
}

async function current(tabId: number, snapshot: TabSnapshot): Promise<PageReport> {
  const alive = await liveFrames(tabId);
  return buildReport(alive ? onlyFrames(snapshot, alive) : snapshot, new Date());
}

export async function reportFor(tabId: number): Promise<PageReport | null> {
  const snapshot = await readTab(tabId);
  return snapshot ? current(tabId, snapshot) : null;
}

export async function refreshBadge(tabId: number, snapshot: TabSnapshot | null): Promise<void> {
  const report = snapshot ? await current(tabId, snapshot) : null;
  await setBadge(tabId, report ? shownCount(report) : null);
  if (__WTA_TEST_HOOKS__ && report) await publishForTests(report);
}
