/**
 * Navigations reset what we know about a tab: a new document in the top frame starts a new
 * snapshot, a new document in a subframe replaces that frame, and a single-page-app navigation
 * (history.pushState) clears the ads and asks every frame to scan again. Pages restored from the
 * back/forward cache commit again too and rescan on `pageshow` themselves.
 */
import browser from 'webextension-polyfill';
import { emptySnapshot, withoutAds } from '../core/tab-snapshot';
import { askFrame } from '../platform/messaging';
import { forgetVisits } from './history';
import { forgetTabForLog, logLeaving } from './log-writer';
import { startPage } from './network';
import { forgetNetwork, readNetwork } from './network-store';
import { refreshBadge } from './tab-report';
import { forgetTab, updateTab } from './tab-store';

type CommitDetails = browser.WebNavigation.OnCommittedDetailsType & { documentId?: string };

async function onCommitted(details: CommitDetails): Promise<void> {
  const { tabId, frameId, url } = details;
  if (tabId < 0) return;
  if (frameId === 0) {
    // The page the tab leaves goes to the log as it was: its network state is read before the new
    // page's reset (queued right after, and not kept waiting), its snapshot before it is replaced below.
    const leftNetwork = readNetwork(tabId);
    void startPage(tabId, url);
    await logLeaving(tabId, leftNetwork).catch((error: unknown) => console.warn('why-this-ad: page not logged', error));
    forgetVisits();
    const snapshot = await updateTab(tabId, () => emptySnapshot(tabId, url, details.documentId ?? null, Date.now()));
    await refreshBadge(tabId, snapshot);
    // A page restored from the back/forward cache already has live content scripts: ask them.
    void askFrame(tabId, undefined, 'bg:rescan', {});
    return;
  }
  await updateTab(tabId, (current) => {
    if (!current) return null;
    const frames = Object.fromEntries(Object.entries(current.frames).filter(([key]) => key !== String(frameId)));
    return { ...current, frames };
  });
}

async function onHistoryStateUpdated(details: browser.WebNavigation.OnHistoryStateUpdatedDetailsType): Promise<void> {
  const { tabId, frameId, url } = details;
  if (tabId < 0) return;
  if (frameId === 0) {
    const snapshot = await updateTab(tabId, (current) => (current ? withoutAds(current, url) : emptySnapshot(tabId, url, null, Date.now())));
    await refreshBadge(tabId, snapshot);
    void askFrame(tabId, undefined, 'bg:rescan', {});
  } else {
    void askFrame(tabId, frameId, 'bg:rescan', {});
  }
}

/** Registers the navigation listeners; call synchronously at the worker's top level. */
export function listenToNavigation(whenReady: Promise<void>): void {
  browser.webNavigation.onCommitted.addListener((details) => void whenReady.then(() => onCommitted(details)));
  browser.webNavigation.onHistoryStateUpdated.addListener((details) => void whenReady.then(() => onHistoryStateUpdated(details)));
  browser.tabs.onRemoved.addListener((tabId) => {
    void whenReady
      .then(() => logLeaving(tabId))
      .catch((error: unknown) => console.warn('why-this-ad: page not logged', error))
      .finally(() => {
        forgetTabForLog(tabId);
        void forgetTab(tabId);
        void forgetNetwork(tabId);
      });
  });
  browser.tabs.onReplaced.addListener((_added, removed) => {
    void forgetTab(removed);
    void forgetNetwork(removed);
  });
}
