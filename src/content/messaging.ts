/**
 * The content script's side of the protocol: typed requests to the background, and the handler
 * for the background's requests to this frame. Failures (the worker restarting, the extension
 * being reloaded) become values, never exceptions that would surface on the page.
 */
import {
  contentPayloadValidators,
  parseEnvelope,
  type BackgroundRequests,
  type BackgroundRequestType,
  type ContentRequests,
  type Reply,
} from '../shared/protocol';
import { requestVia } from '../shared/request';
import { extensionApi } from './extension-api';

export function request<K extends BackgroundRequestType>(
  type: K,
  payload: BackgroundRequests[K]['req'],
): Promise<Reply<BackgroundRequests[K]['res']>> {
  return requestVia((message) => extensionApi().runtime.sendMessage(message), type, payload);
}

export type ContentHandlers = {
  [K in keyof ContentRequests]: (payload: ContentRequests[K]['req']) => Promise<ContentRequests[K]['res']>;
};

export function serve(handlers: ContentHandlers): void {
  extensionApi().runtime.onMessage.addListener((message, _sender, sendResponse) => {
    const parsed = parseEnvelope<ContentRequests>(message, contentPayloadValidators);
    if (!parsed.ok) return undefined;
    const { type, payload } = parsed.value;
    const handler = handlers[type] as (p: typeof payload) => Promise<unknown>;
    handler(payload).then(
      (data) => sendResponse({ ok: true, data } satisfies Reply<unknown>),
      (error: unknown) => sendResponse({ ok: false, error: error instanceof Error ? error.message : String(error) } satisfies Reply<unknown>),
    );
    return true; // the reply comes asynchronously
  });
}
