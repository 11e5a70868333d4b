/** The toolbar badge: how many ads are shown on the tab's page. */
import browser from 'webextension-polyfill';

export async function setBadge(tabId: number, shown: number | null): Promise<void> {
  try {
    await browser.action.setBadgeText({ tabId, text: shown ? String(shown) : '' });
  } catch {
    // The tab closed in the meantime: nothing to show.
  }
}

export async function initBadge(): Promise<void> {
  await browser.action.setBadgeBackgroundColor({ color: '#8a1538' });
  // setBadgeTextColor is Chrome 110+/Firefox 63+; absent elsewhere.
  await browser.action.setBadgeTextColor?.({ color: '#ffffff' });
}
