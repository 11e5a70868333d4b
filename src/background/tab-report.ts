/** Builds a tab's PageReport from stored state and keeps the badge in step with it. */
import { buildReport, shownCount } from '../core/report';
import type { TabSnapshot } from '../core/tab-snapshot';
import type { PageReport } from '../shared/page-report';
import { setBadge } from './badge';
import { publishForTests } from './test-hooks';
import { historyAllowed, lastVisits } from './history';
import { readNetwork } from './network-store';
import { readPixelMemory } from './pixel-memory';
import { readTab } from './tab-store';

export async function reportFor(tabId: number): Promise<PageReport | null> {
  const snapshot = await readTab(tabId);
  if (!snapshot) return null;
  const context = { network: await readNetwork(tabId), pixels: await readPixelMemory() };
  const report = buildReport(snapshot, new Date(), context);
  if (!(await historyAllowed())) return report;
  // With the person's permission: were the advertisers' sites in their history? Then build again with that.
  const domains = report.ads.flatMap((a) => (a.advertiser?.domain ? [a.advertiser.domain] : []));
  if (!domains.length) return report;
  return buildReport(snapshot, new Date(), { ...context, visits: await lastVisits(domains) });
}

export async function refreshBadge(tabId: number, snapshot: TabSnapshot | null): Promise<void> {
  const report = snapshot ? buildReport(snapshot, new Date()) : null;
  await setBadge(tabId, report ? shownCount(report) : null);
  if (__WTA_TEST_HOOKS__ && report) await publishForTests(report);
}
