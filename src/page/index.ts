/**
 * The main-world probe. It runs at document_start in every frame, before the page's own scripts,
 * says "here I am" (and whether the page's navigator reports Global Privacy Control), and tells
 * which ad units Prebid.js rendered a winning bid into. It must stay tiny and must never break the page: every read is guarded, nothing of the
 * page is kept, and only JSON strings leave it.
 */
import { BRIDGE_VERSION, HANDSHAKE_EVENT, parseHandshake, type ProbeMessage } from '../shared/bridge';
import { CREATIVE_FRAME_NAME } from '../shared/creative-frame';
import { watchPrebid } from './prebid';

// Our own references, taken before any page script can replace them.
const dispatch = EventTarget.prototype.dispatchEvent;
const addListener = EventTarget.prototype.addEventListener;
const removeListener = EventTarget.prototype.removeEventListener;
const CustomEventCtor = CustomEvent;
const stringify = JSON.stringify;
const root = document;

function post(channel: string, message: ProbeMessage): void {
  try {
    dispatch.call(root, new CustomEventCtor(channel, { detail: stringify(message) }));
  } catch {
    // A page that breaks event dispatch only loses our explanation, never its own behaviour.
  }
}

function readGpc(): boolean | null {
  try {
    const value: unknown = (navigator as Navigator & { globalPrivacyControl?: unknown }).globalPrivacyControl;
    return typeof value === 'boolean' ? value : null;
  } catch {
    return null;
  }
}

function onChannel(channel: string): void {
  post(channel, { type: 'hello', v: BRIDGE_VERSION, gpc: readGpc() });
  // An ad's creative frame runs no auction of its own worth watching.
  if (!CREATIVE_FRAME_NAME.test(window.name)) watchPrebid(window, (units) => post(channel, { type: 'prebid', v: BRIDGE_VERSION, units }));
}

let met = false;
const onHandshake = (event: Event): void => {
  const message = parseHandshake((event as CustomEvent<unknown>).detail);
  if (met || !message || message.role !== 'isolated') return;
  met = true;
  removeListener.call(root, HANDSHAKE_EVENT, onHandshake);
  onChannel(message.channel);
};

try {
  addListener.call(root, HANDSHAKE_EVENT, onHandshake);
  dispatch.call(root, new CustomEventCtor(HANDSHAKE_EVENT, { detail: stringify({ role: 'probe' }) }));
} catch {
  // Nothing to do: without the bridge the extension still sees the DOM.
}
