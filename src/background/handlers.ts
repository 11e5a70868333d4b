/** The background's answers to every request in the protocol. */
import browser from 'webextension-polyfill';
import { isInspectable, siteOf } from '../core/site';
import type { Settings, TabInfo } from '../shared/protocol';
import { askFrame, type BackgroundHandlers } from '../platform/messaging';
import { EASYLIST_INFO, rulesFor } from './easylist';
import { addFeedback, deleteFeedback, listFeedback } from './feedback-store';
import { recordCreative, recordFrame, recordSignal } from './frames';
import { applyGpc } from './gpc';
import { forgetPixelMemory, readPixelMemory } from './pixel-memory';
import { TAXONOMY_DATA_INFO } from '../core/taxonomy';
import { VENDOR_LIST_INFO } from '../core/vendor-list';
import { getSettings, isActiveOn, updateSettings } from './settings';
import { refreshBadge, reportFor, reportWithSnapshot } from './tab-report';
import { deleteLog, flushLog, logShown, logStatus, stopLogging } from './log-writer';
import { emptySnapshot } from '../core/tab-snapshot';
import { updateTab } from './tab-store';

async function tabUrl(tabId: number): Promise<string | null> {
  try {
    return (await browser.tabs.get(tabId)).url ?? null;
  } catch {
    return null;
  }
}

async function tabInfo(tabId: number, settings?: Settings): Promise<TabInfo> {
  const url = await tabUrl(tabId);
  const s = settings ?? (await getSettings());
  const site = siteOf(url);
  return {
    tabId,
    url,
    site,
    supported: isInspectable(url),
    paused: site !== null && s.pausedSites.includes(site),
    enabled: s.enabled,
  };
}

/** Forget a tab's ads and ask its frames to start over: after pausing, resuming or switching off. */
async function restartTab(tabId: number): Promise<void> {
  const url = (await tabUrl(tabId)) ?? '';
  const snapshot = await updateTab(tabId, (current) => emptySnapshot(tabId, url, current?.documentId ?? null, Date.now()));
  await refreshBadge(tabId, snapshot);
  await askFrame(tabId, undefined, 'bg:rescan', {});
}

async function restartAllTabs(): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(tabs.map((t) => (t.id === undefined ? undefined : restartTab(t.id))));
}

export const handlers: BackgroundHandlers = {
  'content:hello': async (_payload, sender) => {
    const settings = await getSettings();
    return { active: isActiveOn(settings, siteOf(sender.tabUrl)), easyList: settings.useEasyList };
  },

  'content:easyList': async ({ tokens }) => ({ rules: (await getSettings()).useEasyList ? rulesFor(tokens) : [] }),

  'content:frame': async ({ ads, probe }, sender) => {
    if (!isActiveOn(await getSettings(), siteOf(sender.tabUrl))) return { active: false };
    const snapshot = await recordFrame(sender, ads, probe);
    if (snapshot && sender.tabId !== null) await refreshBadge(sender.tabId, snapshot);
    return { active: true };
  },

  'content:signals': async ({ source, data }, sender) => {
    if (!isActiveOn(await getSettings(), siteOf(sender.tabUrl))) return { active: false };
    const snapshot = await recordSignal(sender, source, data);
    if (snapshot && sender.tabId !== null) await refreshBadge(sender.tabId, snapshot);
    return { active: true };
  },

  'content:creative': async (facts, sender) => {
    if (!isActiveOn(await getSettings(), siteOf(sender.tabUrl))) return { active: false };
    const snapshot = await recordCreative(sender, facts);
    if (snapshot && sender.tabId !== null) await refreshBadge(sender.tabId, snapshot);
    return { active: true };
  },

  'ui:getReport': async ({ tabId }) => {
    const made = await reportWithSnapshot(tabId);
    if (!made) return null;
    // What the popup shows is in the log before the popup gets it (a failed write only says so in the log status).
    await logShown(tabId, made.snapshot, made.report).catch((error: unknown) => console.warn('why-this-ad: shown report not logged', error));
    return made.report;
  },

  'ui:getLogStatus': async () => logStatus(),

  'ui:deleteLog': async ({ site }) => ({ deleted: await deleteLog(site) }),

  'ui:flushLog': async () => ({ written: await flushLog() }),

  'ui:pixelSites': async ({ forget }) => {
    if (forget) await forgetPixelMemory();
    return { sites: Object.keys(await readPixelMemory()).length };
  },

  'ui:getTabInfo': async ({ tabId }) => tabInfo(tabId),

  'ui:getSettings': async () => getSettings(),

  'ui:getDataInfo': async () => ({
    easyList: EASYLIST_INFO,
    vendorList: { version: VENDOR_LIST_INFO.version, lastUpdated: VENDOR_LIST_INFO.lastUpdated },
    taxonomies: { date: TAXONOMY_DATA_INFO.date, credit: TAXONOMY_DATA_INFO.credit },
  }),

  'ui:setSettings': async (patch) => {
    const before = await getSettings();
    const after = await updateSettings(patch);
    const changed = before.enabled !== after.enabled || before.useEasyList !== after.useEasyList || before.pausedSites.join() !== after.pausedSites.join();
    if (before.sendGpc !== after.sendGpc) await applyGpc(after.sendGpc);
    if (before.logEnabled && !after.logEnabled) await stopLogging();
    if (changed) await restartAllTabs();
    return after;
  },

  'ui:setSitePaused': async ({ tabId, paused }) => {
    const info = await tabInfo(tabId);
    if (!info.site) throw new Error('this page has no site to pause');
    const current = await getSettings();
    const sites = paused ? [...current.pausedSites, info.site] : current.pausedSites.filter((s) => s !== info.site);
    const settings = await updateSettings({ pausedSites: sites });
    await restartTab(tabId);
    return tabInfo(tabId, settings);
  },

  'ui:reportNotAnAd': async ({ tabId, adId }) => {
    const report = await reportFor(tabId);
    const ad = report?.ads.find((a) => a.id === adId);
    if (!report || !ad) throw new Error('this ad is no longer on the page');
    return addFeedback(
      'not-an-ad',
      report.url,
      {
        detectedBy: ad.detectedBy,
        width: ad.slot.width,
        height: ad.slot.height,
        ...(ad.slot.elementId ? { id: ad.slot.elementId } : {}),
        ...(ad.slot.selector ? { selector: ad.slot.selector } : {}),
      },
      ad.slot.frameUrl,
    );
  },

  'ui:startPick': async ({ tabId }) => {
    const reply = await askFrame(tabId, undefined, 'bg:pick', { active: true });
    return { frames: reply.ok && reply.data.picking ? 1 : 0 };
  },

  'content:picked': async ({ element }, sender) => {
    if (sender.tabId === null) throw new Error('no tab');
    const entry = await addFeedback('missed-ad', sender.tabUrl ?? sender.url ?? '', element, sender.frameId ? (sender.url ?? undefined) : undefined);
    void askFrame(sender.tabId, undefined, 'bg:pick', { active: false });
    return entry;
  },

  'ui:getFeedback': async () => listFeedback(),

  'ui:deleteFeedback': async ({ id }) => deleteFeedback(id),

  'ui:showAd': async ({ tabId, adId }) => {
    const m = /^(\d{1,10}):(a\d{1,12})$/.exec(adId);
    if (!m) return { shown: false };
    const reply = await askFrame(tabId, Number(m[1]), 'bg:show', { key: m[2] ?? '' });
    return { shown: reply.ok && reply.data.shown };
  },
};
