/** Builds a tab's PageReport from stored state and keeps the badge in step with it. */
import { buildReport, shownCount } from '../core/report';
import type { TabSnapshot } from '../core/tab-snapshot';
import type { TabNetwork } from '../core/network/tab-network';
import type { PageReport } from '../shared/page-report';
import { setBadge } from './badge';
import { publishForTests } from './test-hooks';
import { historyAllowed, lastVisits } from './history';
import { readNetwork } from './network-store';
import { readPixelMemory } from './pixel-memory';
import { readTab } from './tab-store';
import { noteChanged, setReportSource } from './log-writer';

export async function reportFor(tabId: number): Promise<PageReport | null> {
  return (await reportWithSnapshot(tabId))?.report ?? null;
}

/** The tab's report with the state it was built from (the log keeps both). */
export async function reportWithSnapshot(tabId: number, network?: Promise<TabNetwork | null>): Promise<{ snapshot: TabSnapshot; report: PageReport } | null> {
  const snapshot = await readTab(tabId);
  if (!snapshot) return null;
  return { snapshot, report: await buildFull(tabId, snapshot, network) };
}

/** `network`: the tab's network state as it was (a page being left), instead of as it is now. */
async function buildFull(tabId: number, snapshot: TabSnapshot, network?: Promise<TabNetwork | null>): Promise<PageReport> {
  const context = { network: await (network ?? readNetwork(tabId)), pixels: await readPixelMemory() };
  const report = buildReport(snapshot, new Date(), context);
  if (!(await historyAllowed())) return report;
  // With the person's permission: were the advertisers' sites in their history? Then build again with that.
  const domains = report.ads.flatMap((a) => (a.advertiser?.domain ? [a.advertiser.domain] : []));
  if (!domains.length) return report;
  return buildReport(snapshot, new Date(), { ...context, visits: await lastVisits(domains) });
}

setReportSource(reportWithSnapshot);

export async function refreshBadge(tabId: number, snapshot: TabSnapshot | null): Promise<void> {
  const report = snapshot ? buildReport(snapshot, new Date()) : null;
  if (snapshot) void noteChanged(tabId);
  await setBadge(tabId, report ? shownCount(report) : null);
  if (__WTA_TEST_HOOKS__ && report) await publishForTests(report);
}
