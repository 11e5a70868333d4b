/**
 * The network observer: webRequest, observation only (no blocking, no change to any request).
 * Every request of a tab goes through the ad-tech directory (core/directory) and the tab's network
 * state (core/network/tab-network.ts); bodies of POST requests are read, capped, as bid requests.
 * Listeners are registered synchronously at the worker's top level.
 */
import browser from 'webextension-polyfill';
import { classifyRequest } from '../core/directory/classify';
import { MAX_BODY_BYTES } from '../core/network/body';
import { recordRedirect, recordRequest, type Classify } from '../core/network/tab-network';
import { resetNetwork, updateNetwork } from './network-store';
import { notePixel } from './pixel-memory';

const classify: Classify = (url) => {
  const hit = classifyRequest(url);
  return hit ? { id: hit.company.id, name: hit.company.name, domain: hit.company.domain, role: hit.role, category: hit.company.roles[0] } : null;
};

type RequestDetails = browser.WebRequest.OnBeforeRequestDetailsType;

/** The body as text when it is small enough to read; its size either way. */
function bodyOf(details: RequestDetails): { text: string | null; bytes: number } | null {
  // The polyfill types the parts' bytes loosely; the browser gives ArrayBuffers (or a file, which has none).
  const parts = (details.requestBody?.raw ?? []).map((p) => (p.bytes instanceof ArrayBuffer ? p.bytes : null));
  if (!parts.length) return null;
  let bytes = 0;
  for (const part of parts) bytes += part?.byteLength ?? 0;
  if (bytes > MAX_BODY_BYTES) return { text: null, bytes };
  const joined = new Uint8Array(bytes);
  let offset = 0;
  for (const part of parts) {
    if (!part) continue;
    joined.set(new Uint8Array(part), offset);
    offset += part.byteLength;
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(joined), bytes };
  } catch {
    return { text: null, bytes };
  }
}

function onRequest(details: RequestDetails): void {
  if (details.tabId < 0 || details.type === 'main_frame') return;
  const request = {
    url: details.url,
    method: details.method,
    initiator: (details as { initiator?: string }).initiator ?? details.originUrl ?? null,
    body: details.method === 'POST' ? bodyOf(details) : null,
  };
  void updateNetwork(details.tabId, (entry) => {
    recordRequest(entry.state, request, entry.site, classify);
    // A retargeting or conversion pixel: remember the site, so its ads elsewhere can be explained.
    let url: URL | null = null;
    try {
      url = new URL(details.url);
    } catch {
      return;
    }
    const hit = classify(url);
    if (hit && (hit.role === 'pixel' || hit.role === 'retargeting') && entry.site) void notePixel(entry.site, hit.name);
  });
}

function onRedirect(details: browser.WebRequest.OnBeforeRedirectDetailsType): void {
  if (details.tabId < 0) return;
  void updateNetwork(details.tabId, (entry) => recordRedirect(entry.state, details.url, details.redirectUrl, classify));
}

/** A new top document: its network starts empty. Called from the navigation listener. */
export function startPage(tabId: number, url: string): Promise<void> {
  let site = '';
  try {
    site = new URL(url).hostname;
  } catch {
    // Not a URL with a host: flows are said to come from "".
  }
  return resetNetwork(tabId, site);
}

/** Registers the network listeners; call synchronously at the worker's top level. */
export function listenToNetwork(): void {
  const filter = { urls: ['<all_urls>'] };
  browser.webRequest.onBeforeRequest.addListener(onRequest, filter, ['requestBody']);
  browser.webRequest.onBeforeRedirect.addListener(onRedirect, filter);
}
