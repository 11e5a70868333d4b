import { afterEach, describe, expect, it, vi } from 'vitest';
import { BannerWatch, MAX_MESSAGES } from '../../scripts/lib/crawl-banner';

const report = (instanceId: string, lifecycle: string) => ({ type: 'report', instanceId, url: 'https://a.example/', mainFrame: true, state: { lifecycle } });

afterEach(() => {
  vi.useRealTimers();
});

describe('what became of a consent banner', () => {
  it('is handled once the answer was clicked', () => {
    const watch = new BannerWatch('accept');
    expect(watch.outcome).toEqual({ banner: 'not-found' });
    watch.onMessage({ type: 'cmpDetected', cmp: 'why-this-ad-demo', url: 'x' }, true);
    watch.onMessage({ type: 'popupFound', cmp: 'why-this-ad-demo', url: 'x' }, true);
    expect(watch.settled).toBe(false);
    expect(watch.outcome).toEqual({ banner: 'failed', cmp: 'why-this-ad-demo' });
    watch.onMessage({ type: 'optInResult', cmp: 'why-this-ad-demo', result: true, scheduleSelfTest: false, url: 'x' }, true);
    expect(watch.settled).toBe(true);
    expect(watch.outcome).toEqual({ banner: 'handled', cmp: 'why-this-ad-demo' });
    // A later failure of another frame does not undo it.
    watch.onMessage({ type: 'optOutResult', cmp: 'other', result: false }, false);
    expect(watch.outcome).toEqual({ banner: 'handled', cmp: 'why-this-ad-demo' });
  });

  it('has failed when the answer could not be given', () => {
    const watch = new BannerWatch('reject');
    watch.onMessage({ type: 'popupFound', cmp: 'Onetrust' }, true);
    watch.onMessage({ type: 'optOutResult', cmp: 'Onetrust', result: false }, true);
    expect([watch.settled, watch.outcome]).toEqual([true, { banner: 'failed', cmp: 'Onetrust' }]);
  });

  it('is only found with consent none, and settles as soon as it is', () => {
    const watch = new BannerWatch('none');
    watch.onMessage({ type: 'cmpDetected', cmp: 'Didomi' }, true);
    expect(watch.settled).toBe(false);
    watch.onMessage({ type: 'popupFound', cmp: 'Didomi' }, false);
    expect([watch.settled, watch.outcome]).toEqual([true, { banner: 'found', cmp: 'Didomi' }]);
  });

  it('is not found once the top frame found nothing and no frame is busy with a banner', () => {
    const watch = new BannerWatch('accept');
    watch.onMessage(report('frame-1', 'cmpDetected'), false);
    watch.onMessage(report('top', 'nothingDetected'), true);
    expect(watch.settled).toBe(false);
    watch.onMessage(report('frame-1', 'nothingDetected'), false);
    expect([watch.settled, watch.outcome]).toEqual([true, { banner: 'not-found' }]);
    // A frame that says "nothing" is not the top frame's word.
    const other = new BannerWatch('none');
    other.onMessage(report('frame-2', 'nothingDetected'), false);
    expect(other.settled).toBe(false);
  });

  it('keeps the rule that matched even when no banner showed', () => {
    const watch = new BannerWatch('reject');
    watch.onMessage({ type: 'cmpDetected', cmp: 'why-this-ad-demo' }, true);
    expect(watch.outcome).toEqual({ banner: 'not-found', cmp: 'why-this-ad-demo' });
  });

  it('ignores what is not a message, names that are not rule names, and a flood', () => {
    const watch = new BannerWatch('accept');
    for (const junk of [null, 'popupFound', 42, [], { type: 'nonsense' }, { type: 'optInResult', result: 'yes' }, report('x'.repeat(101), 'cmpDetected')]) watch.onMessage(junk, true);
    expect([watch.settled, watch.outcome]).toEqual([false, { banner: 'not-found' }]);
    watch.onMessage({ type: 'popupFound', cmp: '<img src=x onerror=alert(1)>' }, true);
    expect(watch.outcome).toEqual({ banner: 'failed' });

    const flooded = new BannerWatch('accept');
    for (let i = 0; i < MAX_MESSAGES; i++) flooded.onMessage(report(`f${i % 10}`, 'started'), false);
    flooded.onMessage({ type: 'popupFound', cmp: 'late' }, true);
    expect(flooded.outcome).toEqual({ banner: 'not-found' });
  });

  it('waits until settled, at most the time given, and stops waiting when released', async () => {
    vi.useFakeTimers();
    const watch = new BannerWatch('accept');
    let outcome: unknown = null;
    void watch.settle(5_000).then((o) => (outcome = o));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(outcome).toBeNull();
    watch.onMessage({ type: 'popupFound', cmp: 'demo' }, true);
    watch.onMessage({ type: 'autoconsentDone', cmp: 'demo', isCosmetic: false }, true);
    await vi.advanceTimersByTimeAsync(0);
    expect(outcome).toEqual({ banner: 'handled', cmp: 'demo' });

    const slow = new BannerWatch('accept');
    let late: unknown = null;
    void slow.settle(5_000).then((o) => (late = o));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(late).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(late).toEqual({ banner: 'not-found' });

    const released = new BannerWatch('reject');
    let gone: unknown = null;
    void released.settle(5_000).then((o) => (gone = o));
    released.release();
    await vi.advanceTimersByTimeAsync(0);
    expect(gone).toEqual({ banner: 'not-found' });
    expect(await new BannerWatch('none').settle(0)).toEqual({ banner: 'not-found' });
  });
});
