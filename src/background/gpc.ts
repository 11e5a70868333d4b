/**
 * Sends Global Privacy Control when the person asks for it: a declarativeNetRequest rule sets
 * `Sec-GPC: 1` on every request, and a main-world script registered at document_start makes
 * `navigator.globalPrivacyControl` true. Both are undone when the setting is switched off.
 * Chromium has no GPC setting of its own; Firefox has one, which this does not touch.
 */
import browser from 'webextension-polyfill';

const RULE_ID = 1;
const SCRIPT_ID = 'why-this-ad-gpc';
/** Emitted by the build (vite.config.ts) from src/page/gpc.ts. */
export const GPC_SCRIPT_FILE = 'src/page/gpc.js';

const ALL_TYPES = ['main_frame', 'sub_frame', 'stylesheet', 'script', 'image', 'font', 'object', 'xmlhttprequest', 'ping', 'media', 'websocket', 'other'] as const;

export async function applyGpc(on: boolean): Promise<void> {
  const dnr = browser.declarativeNetRequest;
  await dnr.updateDynamicRules({
    removeRuleIds: [RULE_ID],
    addRules: on
      ? [
          {
            id: RULE_ID,
            priority: 1,
            action: { type: 'modifyHeaders', requestHeaders: [{ header: 'Sec-GPC', operation: 'set', value: '1' }] },
            condition: { resourceTypes: [...ALL_TYPES] },
          },
        ]
      : [],
  });
  const registered = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (registered.length) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (on) {
    await browser.scripting.registerContentScripts([
      { id: SCRIPT_ID, js: [GPC_SCRIPT_FILE], matches: ['<all_urls>'], runAt: 'document_start', allFrames: true, world: 'MAIN', persistAcrossSessions: true },
    ]);
  }
}
