/** Which tab an extension page describes: `?tabId=N` when given (tests, the crawl), else the active tab. */
import browser from 'webextension-polyfill';

export async function targetTabId(): Promise<number | null> {
  const param = new URLSearchParams(location.search).get('tabId');
  if (param !== null && /^\d{1,10}$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

export async function reloadTab(tabId: number): Promise<void> {
  await browser.tabs.reload(tabId);
}

export async function openSettings(): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL('src/ui/settings/index.html') });
}

/** The dashboard is the options page: the browser reuses its tab when it is open already. */
export async function openDashboard(): Promise<void> {
  await browser.runtime.openOptionsPage();
}
