/**
 * The isolated side of the probe bridge (see shared/bridge.ts for the handshake). What the probe
 * says is page data: it is size-capped and validated here before anything else sees it.
 */
import { HANDSHAKE_EVENT, parseHandshake, parseProbeMessage, type ProbeMessage } from '../shared/bridge';

function randomChannel(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `why-this-ad:${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export function startBridge(onMessage: (message: ProbeMessage) => void): void {
  const channel = randomChannel();
  let answered = false;
  const announce = (): void => {
    document.dispatchEvent(new CustomEvent(HANDSHAKE_EVENT, { detail: JSON.stringify({ role: 'isolated', channel }) }));
  };
  const stopHandshake = (): void => {
    answered = true;
    document.removeEventListener(HANDSHAKE_EVENT, onHandshake);
  };
  const onHandshake = (event: Event): void => {
    const message = parseHandshake((event as CustomEvent<unknown>).detail);
    if (answered || message?.role !== 'probe') return;
    // Answer one probe only: a second "probe" can only be the page pretending.
    stopHandshake();
    announce();
  };
  document.addEventListener(channel, (event) => {
    if (!answered) stopHandshake();
    const parsed = parseProbeMessage((event as CustomEvent<unknown>).detail);
    if (parsed.ok) onMessage(parsed.value);
  });
  document.addEventListener(HANDSHAKE_EVENT, onHandshake);
  announce();
  // Page scripts run from here on; a probe that has not spoken by now never will.
  document.addEventListener('DOMContentLoaded', stopHandshake, { once: true });
}
