/** Builds a tab's PageReport from stored state and keeps the badge in step with it. */
import { buildReport, shownCount } from '../core/report';
import type { TabSnapshot } from '../core/tab-snapshot';
import type { PageReport } from '../shared/page-report';
import { setBadge } from './badge';
import { publishForTests } from './test-hooks';
import { readNetwork } from './network-store';
import { readPixelMemory } from './pixel-memory';
import { readTab } from './tab-store';

export async function reportFor(tabId: number): Promise<PageReport | null> {
  const snapshot = await readTab(tabId);
  return snapshot ? buildReport(snapshot, new Date(), { network: await readNetwork(tabId), pixels: await readPixelMemory() }) : null;
}

export async function refreshBadge(tabId: number, snapshot: TabSnapshot | null): Promise<void> {
  const report = snapshot ? buildReport(snapshot, new Date()) : null;
  await setBadge(tabId, report ? shownCount(report) : null);
  if (__WTA_TEST_HOOKS__ && report) await publishForTests(report);
}
