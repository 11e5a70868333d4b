import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHandshake, parseProbeMessage, MAX_BRIDGE_MESSAGE } from '../../src/shared/bridge';
import { LIMITS } from '../../src/shared/frame-ad';
import { backgroundPayloadValidators, contentPayloadValidators, isUiRequest, parseEnvelope, type BackgroundRequests } from '../../src/shared/protocol';

const goodAd = { key: 'a1', status: 'shown', format: 'display', detectedBy: ['gpt'], width: 300, height: 250 };

describe('message envelopes', () => {
  it('accepts a valid content:frame and drops unknown keys', () => {
    const r = parseEnvelope<BackgroundRequests>(
      { type: 'content:frame', payload: { ads: [{ ...goodAd, evil: '<script>' }], probe: { gpc: true, extra: 1 } } },
      backgroundPayloadValidators,
    );
    expect(r).toEqual({ ok: true, value: { type: 'content:frame', payload: { ads: [goodAd], probe: { gpc: true } } } });
  });

  it.each([
    [null, 'not a message'],
    [{ type: 'content:nope' }, 'unknown message'],
    [{ type: 'toString' }, 'unknown message'],
    [{ type: '__proto__' }, 'unknown message'],
    [{ type: 'content:frame', payload: { ads: 'x', probe: null } }, 'expected a list'],
    [{ type: 'content:frame', payload: { ads: [{ ...goodAd, status: 'maybe' }], probe: null } }, 'expected one of'],
    [{ type: 'content:frame', payload: { ads: [{ ...goodAd, width: -1 }], probe: null } }, 'outside'],
    [{ type: 'content:frame', payload: { ads: [{ ...goodAd, key: 'k'.repeat(33) }], probe: null } }, 'longer than'],
    [{ type: 'ui:showAd', payload: { tabId: 1.5, adId: '0:a1' } }, 'expected an integer'],
  ])('rejects %j', (message, error) => {
    const r = parseEnvelope<BackgroundRequests>(message, backgroundPayloadValidators);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(error);
  });

  it('caps the number of ads a frame may report', () => {
    const ads = Array.from({ length: LIMITS.adsPerFrame + 1 }, (_, i) => ({ ...goodAd, key: `a${i}` }));
    expect(parseEnvelope<BackgroundRequests>({ type: 'content:frame', payload: { ads, probe: null } }, backgroundPayloadValidators).ok).toBe(false);
  });

  it('marks exactly the ui: requests as extension-page only', () => {
    const types = Object.keys(backgroundPayloadValidators) as (keyof BackgroundRequests)[];
    expect(types.filter(isUiRequest).every((t) => t.startsWith('ui:'))).toBe(true);
    expect(types.filter((t) => !isUiRequest(t)).sort()).toEqual(['content:creative', 'content:easyList', 'content:frame', 'content:hello', 'content:picked', 'content:signals']);
  });

  it('never throws on arbitrary input (property)', () => {
    fc.assert(
      fc.property(fc.anything(), fc.constantFrom(...Object.keys(backgroundPayloadValidators), 'x'), (payload, type) => {
        const r1 = parseEnvelope<BackgroundRequests>({ type, payload }, backgroundPayloadValidators);
        const r2 = parseEnvelope({ type, payload }, contentPayloadValidators);
        expect(typeof r1.ok).toBe('boolean');
        expect(typeof r2.ok).toBe('boolean');
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('probe bridge messages', () => {
  it('reads handshakes and refuses anything else', () => {
    expect(parseHandshake(JSON.stringify({ role: 'probe' }))).toEqual({ role: 'probe' });
    const channel = `why-this-ad:${'ab'.repeat(16)}`;
    expect(parseHandshake(JSON.stringify({ role: 'isolated', channel }))).toEqual({ role: 'isolated', channel });
    expect(parseHandshake(JSON.stringify({ role: 'isolated', channel: 'click' }))).toBeNull();
    expect(parseHandshake({ role: 'probe' })).toBeNull();
    expect(parseHandshake('{')).toBeNull();
    expect(parseHandshake('x'.repeat(1000))).toBeNull();
  });

  it('validates probe messages and refuses oversized or forged ones', () => {
    expect(parseProbeMessage(JSON.stringify({ type: 'hello', v: 1, gpc: false }))).toEqual({ ok: true, value: { type: 'hello', v: 1, gpc: false } });
    expect(parseProbeMessage(JSON.stringify({ type: 'hello', v: 1, gpc: 'yes' })).ok).toBe(false);
    expect(parseProbeMessage(JSON.stringify({ type: 'hello', v: 2, gpc: null })).ok).toBe(false);
    expect(parseProbeMessage(' '.repeat(MAX_BRIDGE_MESSAGE + 1)).ok).toBe(false);
    expect(parseProbeMessage({}).ok).toBe(false);
  });

  it('never throws on arbitrary strings (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.anything()), (input) => {
        parseHandshake(input);
        expect(typeof parseProbeMessage(input).ok).toBe('boolean');
      }),
      { numRuns: 2_000 },
    );
  });
});
