/** The optional EasyList layer, switched on and off in settings, in real Chromium. */
import { describe, expect, it } from 'vitest';
import { ask } from '../../scripts/lib/extension-browser';
import type { Settings } from '../../src/shared/protocol';
import { open, settledReport, shown, summary, useHarness } from './harness';

const harness = useHarness();

describe('EasyList layer', () => {
  it('is off by default; switched on, it finds what only EasyList knows, and never an empty slot', async () => {
    const h = harness();
    expect((await ask<Settings>(h.ext, 'ui:getSettings', {})).useEasyList).toBe(false);
    const { page } = await open(h, '/easylist.html');
    const off = await settledReport(h, page, (r) => shown(r) === 1);
    expect(summary(off)).toEqual(['shown gpt div-gpt-ad-el-0 300x250 top']);

    await ask<Settings>(h.ext, 'ui:setSettings', { useEasyList: true });
    const on = await settledReport(h, page, (r) => shown(r) === 3);
    expect(summary(on)).toEqual(['shown easylist AD_160 0x0 top', 'shown easylist - 0x0 top', 'shown gpt sidebar-ad 300x250 top']);

    // With EasyList on, the element it names around the GPT slot is that one ad's outer element.
    // A page opened afterwards uses it from the start.
    const fresh = await open(h, '/easylist.html');
    expect(shown(await settledReport(h, fresh.page, (r) => shown(r) === 3))).toBe(3);
    await ask<Settings>(h.ext, 'ui:setSettings', { useEasyList: false });
    expect(summary(await settledReport(h, fresh.page, (r) => shown(r) === 1))).toEqual(['shown gpt div-gpt-ad-el-0 300x250 top']);
    await fresh.page.close();
    await page.close();
  });
});
