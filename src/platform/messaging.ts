/**
 * Typed messaging for extension contexts: the background's router (validates every request and
 * checks who sent it) and the client the extension pages use to ask the background.
 */
import browser from 'webextension-polyfill';
import {
  backgroundPayloadValidators,
  contentPayloadValidators,
  isUiRequest,
  parseEnvelope,
  type BackgroundRequests,
  type BackgroundRequestType,
  type ContentRequests,
  type ContentRequestType,
  type Reply,
} from '../shared/protocol';
import { requestVia } from '../shared/request';

export interface SenderInfo {
  tabId: number | null;
  frameId: number | null;
  url: string | null;
  /** The tab's top-level URL, as the browser reports it. */
  tabUrl: string | null;
  documentId: string | null;
  documentLifecycle: string | null;
  /** true for the extension's own pages (popup, settings, first-run), never for content scripts. */
  fromExtensionPage: boolean;
}

export type BackgroundHandlers = {
  [K in BackgroundRequestType]: (payload: BackgroundRequests[K]['req'], sender: SenderInfo) => Promise<BackgroundRequests[K]['res']>;
};

function describeSender(sender: browser.Runtime.MessageSender): SenderInfo {
  const extra = sender as browser.Runtime.MessageSender & { documentId?: string; documentLifecycle?: string };
  const ownPrefix = browser.runtime.getURL('');
  return {
    tabId: sender.tab?.id ?? null,
    frameId: sender.frameId ?? null,
    url: sender.url ?? null,
    tabUrl: sender.tab?.url ?? null,
    documentId: extra.documentId ?? null,
    documentLifecycle: extra.documentLifecycle ?? null,
    fromExtensionPage: sender.id === browser.runtime.id && (sender.url ?? '').startsWith(ownPrefix),
  };
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Registers the background's one message listener. Call synchronously at the worker's top level. */
export function serveBackground(handlers: BackgroundHandlers, whenReady: Promise<void>): void {
  browser.runtime.onMessage.addListener((message: unknown, rawSender: browser.Runtime.MessageSender): Promise<Reply<unknown>> => {
    const parsed = parseEnvelope<BackgroundRequests>(message, backgroundPayloadValidators);
    if (!parsed.ok) return Promise.resolve({ ok: false, error: parsed.error });
    const { type, payload } = parsed.value;
    const sender = describeSender(rawSender);
    if (isUiRequest(type) !== sender.fromExtensionPage) {
      return Promise.resolve({ ok: false, error: `${type} is not accepted from this sender` });
    }
    const handler = handlers[type] as (p: typeof payload, s: SenderInfo) => Promise<unknown>;
    return whenReady
      .then(() => handler(payload, sender))
      .then(
        (data): Reply<unknown> => ({ ok: true, data }),
        (error: unknown): Reply<unknown> => ({ ok: false, error: errorText(error) }),
      );
  });
}

/** Asks the background from an extension page. */
export function askBackground<K extends BackgroundRequestType>(
  type: K,
  payload: BackgroundRequests[K]['req'],
): Promise<Reply<BackgroundRequests[K]['res']>> {
  return requestVia((message) => browser.runtime.sendMessage(message), type, payload);
}

/** Asks one frame's content script (or every frame's, without frameId). */
export async function askFrame<K extends ContentRequestType>(
  tabId: number,
  frameId: number | undefined,
  type: K,
  payload: ContentRequests[K]['req'],
): Promise<Reply<ContentRequests[K]['res']>> {
  // Validate our own outgoing payload too: it documents the contract and catches our mistakes.
  const checked = parseEnvelope<ContentRequests>({ type, payload }, contentPayloadValidators);
  if (!checked.ok) return { ok: false, error: checked.error };
  try {
    const reply = (await browser.tabs.sendMessage(tabId, { type, payload }, frameId === undefined ? {} : { frameId })) as
      | Reply<ContentRequests[K]['res']>
      | undefined;
    return reply ?? { ok: false, error: 'no reply' };
  } catch (error) {
    return { ok: false, error: errorText(error) };
  }
}
