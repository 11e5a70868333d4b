/**
 * The main-world probe. It runs at document_start in every frame, before the page's own scripts,
 * meets the isolated content script (shared/bridge.ts), says whether the page's navigator reports
 * Global Privacy Control, and passes on what the page's ad tech knows: Prebid.js, Google Publisher
 * Tag, and the consent APIs. It must stay small and must never break the page: every read is
 * guarded and time-boxed, nothing of the page is kept, and only JSON strings leave it.
 */
import { BRIDGE_VERSION, HANDSHAKE_EVENT, parseHandshake, type ProbeMessage } from '../shared/bridge';
import { CREATIVE_FRAME_NAME } from '../shared/creative-frame';
import { SIGNAL_LIMITS, type JsonValue, type RawSignals, type SignalSource } from '../shared/signals';
import { watchConsent } from './consent';
import { watchGpt } from './gpt';
import { afterLoad, CustomEventCtor, dispatch, listen, pageGlobal, stringify, unlisten } from './own';
import { watchPrebid } from './prebid';

const root = document;

function send(channel: string, message: ProbeMessage): void {
  try {
    const detail = stringify(message);
    // Too big to be let through on the other side: better not to send it at all.
    if (message.type === 'signal' && detail.length > SIGNAL_LIMITS.bytes) return;
    dispatch.call(root, new CustomEventCtor(channel, { detail }));
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

/** Ad tech a frame runs itself: only then is a subframe worth reading (frames without it stay nearly free). */
const AD_TECH_GLOBALS = ['_pbjsGlobals', 'googletag', 'apstag', '__tcfapi', '__gpp', '__uspapi'];

function onChannel(channel: string): void {
  const hello = (): void => send(channel, { type: 'hello', v: BRIDGE_VERSION, gpc: readGpc() });
  hello();
  const isTop = window === window.top;
  const last: Partial<Record<SignalSource, string>> = {};
  const signal = <S extends SignalSource>(source: S, data: RawSignals[S]): void => {
    const key = stringify(data);
    if (last[source] === key) return;
    last[source] = key;
    send(channel, { type: 'signal', v: BRIDGE_VERSION, source, data: data as unknown as JsonValue });
  };
  const watch = (): void => {
    watchPrebid(
      window,
      (units) => send(channel, { type: 'prebid', v: BRIDGE_VERSION, units }),
      (raw) => signal('prebid', raw),
    );
    watchGpt(window, isTop, (raw) => signal('gpt', raw));
    watchConsent(window, (source, raw) => signal(source, raw));
  };
  if (isTop) {
    watch();
    // Said again once loaded: the extension's own GPC script may run after us at document_start.
    afterLoad(window, hello, [0]);
    return;
  }
  afterLoad(window, () => {
    if (AD_TECH_GLOBALS.some((name) => pageGlobal(window, name) !== undefined)) watch();
  }, [0]);
}

let met = false;
const onHandshake = (event: Event): void => {
  const message = parseHandshake((event as CustomEvent<unknown>).detail);
  if (met || !message || message.role !== 'isolated') return;
  met = true;
  unlisten.call(root, HANDSHAKE_EVENT, onHandshake);
  onChannel(message.channel);
};

/**
 * A creative frame GPT or AdSense named: its content script only reads the creative and never
 * answers the handshake, so the probe there does nothing at all (a page of 20 ads has 20 of them).
 */
function inCreativeFrame(): boolean {
  try {
    return window !== window.top && CREATIVE_FRAME_NAME.test(window.name);
  } catch {
    return false;
  }
}

if (!inCreativeFrame()) {
  try {
    listen.call(root, HANDSHAKE_EVENT, onHandshake);
    dispatch.call(root, new CustomEventCtor(HANDSHAKE_EVENT, { detail: stringify({ role: 'probe' }) }));
  } catch {
    // Nothing to do: without the bridge the extension still sees the DOM.
  }
}
