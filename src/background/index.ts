/**
 * The background service worker (an event page in Firefox). Every listener is registered
 * synchronously here at top level, as MV3 requires for the worker to be woken by its events;
 * handlers wait for start-up to finish, and all state lives in storage, never only in memory.
 */
import browser from 'webextension-polyfill';
import { serveBackground } from '../platform/messaging';
import { initBadge } from './badge';
import { applyGpc } from './gpc';
import { handlers } from './handlers';
import { getSettings } from './settings';
import { listenToNavigation } from './navigation';
import { listenToNetwork } from './network';
import { sweepNetworks } from './network-store';
import { markReady } from './ready';
import { startLog } from './log-writer';
import { sweepTabs } from './tab-store';

async function startUp(): Promise<void> {
  const tabs = await browser.tabs.query({});
  const open = new Set(tabs.flatMap((t) => (t.id === undefined ? [] : [t.id])));
  await sweepTabs(open);
  await sweepNetworks(open);
  await initBadge();
  // What a stopped worker left unwritten, and the retention rules; a log that cannot be opened must not stop the rest.
  await startLog().catch((error: unknown) => console.error('why-this-ad: log not started', error));
  // The GPC rule and script persist, but an update or a failed earlier attempt may have left them out of step.
  await applyGpc((await getSettings()).sendGpc).catch((error: unknown) => console.error('why-this-ad: GPC setting not applied', error));
}

const started = startUp().catch((error: unknown) => {
  console.error('why-this-ad: start-up failed', error);
});

serveBackground(handlers, started);
listenToNavigation(started);
listenToNetwork();

browser.runtime.onInstalled.addListener((details) => {
  if (details.reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('src/ui/welcome/index.html') });
});

void started.then(markReady);
