// @vitest-environment happy-dom
/**
 * The real probe module and the real isolated bridge meet in one document, whichever starts first,
 * and a page script that starts later can neither learn the channel nor restart the handshake.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HANDSHAKE_EVENT, type ProbeMessage } from '../../src/shared/bridge';
import { startBridge } from '../../src/content/bridge';

async function runProbe(): Promise<void> {
  vi.resetModules();
  await import('../../src/page/index');
}

function watchHandshakes(): string[] {
  const seen: string[] = [];
  document.addEventListener(HANDSHAKE_EVENT, (e) => seen.push(String((e as CustomEvent<unknown>).detail)));
  return seen;
}

describe('probe ↔ isolated handshake', () => {
  afterEach(() => {
    Reflect.deleteProperty(navigator, 'globalPrivacyControl');
  });

  it('works when the isolated script runs first (the manifest order)', async () => {
    const got: ProbeMessage[] = [];
    startBridge((m) => got.push(m));
    await runProbe();
    expect(got).toEqual([{ type: 'hello', v: 1, gpc: null }]);
  });

  it('works when the probe runs first, and reports GPC as the page sees it', async () => {
    Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
    await runProbe();
    const got: ProbeMessage[] = [];
    startBridge((m) => got.push(m));
    expect(got).toEqual([{ type: 'hello', v: 1, gpc: true }]);
  });

  it('gives a later page script nothing: no channel, no second answer, no forged message accepted', async () => {
    const got: ProbeMessage[] = [];
    startBridge((m) => got.push(m));
    await runProbe();
    expect(got).toHaveLength(1);
    // From here on the page's own scripts run.
    const seen = watchHandshakes();
    document.dispatchEvent(new CustomEvent(HANDSHAKE_EVENT, { detail: JSON.stringify({ role: 'probe' }) }));
    expect(seen.filter((d) => d.includes('isolated'))).toEqual([]);
    document.dispatchEvent(new CustomEvent('why-this-ad:' + '0'.repeat(32), { detail: JSON.stringify({ type: 'hello', v: 1, gpc: true }) }));
    expect(got).toHaveLength(1);
  });
});
