/** The demo bidder: scenario bids chosen by tagid, and the older pages' size-based answers unchanged. */
import { describe, expect, it } from 'vitest';
import { answerBidRequest, DEMO_SCENARIOS, SCENARIO_BIDS, scenarioOf } from '../../scripts/lib/demo-bidder';

const ORIGIN = 'http://127.0.0.1:9';

interface Answer {
  id: unknown;
  cur: string;
  seatbid: { seat: string; bid: { impid: string; price: number; w: number; h: number; adomain: string[]; cat?: string[]; cattax?: number; crid: string; adm: string; ext?: { dsa: unknown } }[] }[];
}

const request = (imps: object[]): unknown => ({ id: 'req-1', imp: imps });
const banner = (w: number, h: number): object => ({ format: [{ w, h }] });

describe('the demo bidder', () => {
  it('picks the scenario from the tagid and ignores anything else', () => {
    expect(scenarioOf({ tagid: 'why-profiled' })).toBe('profiled');
    expect(scenarioOf({ tagid: 'why-gpt' })).toBe('gpt');
    expect(scenarioOf({ tagid: 'why-nonsense' })).toBeNull();
    expect(scenarioOf({ tagid: 'demo-side' })).toBeNull();
    expect(scenarioOf({})).toBeNull();
  });

  it('answers a scenario impression with its bids: adomain, cat (cattax 8) and ext.dsa or none', () => {
    const answer = answerBidRequest(request([{ id: 'imp-1', tagid: 'why-profiled', banner: banner(300, 250) }]), ORIGIN);
    expect(answer.status).toBe(200);
    const json = answer.json as Answer;
    expect(json.seatbid.map((s) => s.seat)).toEqual(['demo-dsp', 'bargain-dsp']);
    const [acme, bargain] = json.seatbid.map((s) => s.bid[0]);
    expect(acme).toMatchObject({ impid: 'imp-1', price: 1.2, w: 300, h: 250, adomain: ['acme-shoes.example'], cat: ['1070'], cattax: 8, crid: 'why-profiled-acme' });
    expect(acme?.ext?.dsa).toEqual({ behalf: 'Acme Shoes B.V.', paid: 'Acme Media Agency', transparency: [{ domain: 'dsp.demo-dsp.example', dsaparams: [1, 2] }], adrender: 0 });
    expect(acme?.adm).toContain(`${ORIGIN}/creative?w=300&amp;h=250&amp;brand=Acme%20Shoes`);
    // The competitor Prebid's dsaControl must reject: higher, and without DSA information.
    expect(bargain?.price).toBeGreaterThan(acme?.price ?? 0);
    expect(bargain?.ext).toBeUndefined();
  });

  it('declares the DSA parameters each scenario is about', () => {
    const params = Object.fromEntries(DEMO_SCENARIOS.map((s) => [s, SCENARIO_BIDS[s][0]?.dsa?.transparency.flatMap((t) => t.dsaparams) ?? null]));
    expect(params).toEqual({
      profiled: [1, 2],
      contextual: [2],
      'consent-refused': [1],
      'precise-location': [3],
      'cross-site-id': [2],
      sensitive: [1],
      gpc: null,
      'dsa-missing': null,
      gpt: [2],
    });
    for (const s of DEMO_SCENARIOS) {
      const answer = answerBidRequest(request([{ id: 'i', tagid: `why-${s}`, banner: banner(300, 250) }]), ORIGIN).json as Answer;
      const first = answer.seatbid[0]?.bid[0];
      expect(first?.adomain, s).toEqual([SCENARIO_BIDS[s][0]?.adomain]);
      expect(first?.ext === undefined, s).toBe(SCENARIO_BIDS[s][0]?.dsa === null);
    }
  });

  it('keeps answering the older pages by size alone, with no DSA object', () => {
    const answer = answerBidRequest(
      request([
        { id: 'a', tagid: 'demo-top', banner: banner(728, 90) },
        { id: 'b', tagid: 'demo-side', banner: banner(300, 250) },
        { id: 'c', tagid: 'demo-none', banner: banner(160, 600) },
      ]),
      ORIGIN,
    );
    expect(answer.status).toBe(200);
    const json = answer.json as Answer;
    expect(json).toMatchObject({ id: 'req-1', cur: 'EUR' });
    expect(json.seatbid).toHaveLength(1);
    expect(json.seatbid[0]?.seat).toBe('demo-dsp');
    const bids = json.seatbid[0]?.bid ?? [];
    expect(bids.map((b) => [b.impid, b.adomain[0], b.price, b.crid])).toEqual([
      ['a', 'sunny-travel.example', 1.25, 'demo-creative-728x90'],
      ['b', 'acme-shoes.example', 1.25, 'demo-creative-300x250'],
    ]);
    for (const b of bids) {
      expect(b.ext).toBeUndefined();
      expect(b.cat).toBeUndefined();
    }
  });

  it('has no bid for an unknown size and refuses a request without impressions', () => {
    expect(answerBidRequest(request([{ id: 'c', banner: banner(160, 600) }]), ORIGIN)).toEqual({ status: 204 });
    expect(answerBidRequest({ id: 'x' }, ORIGIN)).toEqual({ status: 400 });
    expect(answerBidRequest(null, ORIGIN)).toEqual({ status: 400 });
  });
});
