/** The settings and first-run pages, as a person meets them. */
import { describe, expect, it } from 'vitest';
import { open, settledReport, shown, useHarness } from './harness';

const harness = useHarness();

describe('first-run page', () => {
  it('opens on install and says what each permission is for and that nothing leaves the device', async () => {
    const h = harness();
    const deadline = Date.now() + 5_000;
    let welcome = h.ext.context.pages().find((p) => p.url().includes('/welcome/'));
    while (!welcome && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      welcome = h.ext.context.pages().find((p) => p.url().includes('/welcome/'));
    }
    expect(welcome).toBeDefined();
    if (!welcome) return;
    await welcome.getByRole('heading', { name: 'Welcome to Why This Ad' }).waitFor();
    const terms = await welcome.locator('dl.permissions dt').allTextContents();
    expect(terms).toEqual(['Read and change data on all websites', 'Frames inside pages', 'Know when a page changes', 'Storage', 'The page\'s requests to ad companies', 'Scripting and request headers', 'Browsing history, only if you allow it']);
    expect(await welcome.getByRole('heading', { name: 'Nothing leaves your device' }).count()).toBe(1);
  });
});

describe('settings page', () => {
  it('pauses and resumes a typed site, refuses nonsense, and the switch turns everything off', async () => {
    const h = harness();
    const settings = await h.ext.context.newPage();
    await settings.goto(`chrome-extension://${h.ext.extensionId}/src/ui/settings/index.html`);
    await settings.getByText('No paused sites.').waitFor();

    await settings.getByLabel('Pause a site').fill('hello');
    await settings.getByRole('button', { name: 'Pause', exact: true }).click();
    await settings.getByRole('alert').getByText('That is not a site name').waitFor();

    await settings.getByLabel('Pause a site').fill('https://www.Example.com/news');
    await settings.getByRole('button', { name: 'Pause', exact: true }).click();
    await settings.getByRole('button', { name: 'Resume example.com' }).waitFor();
    expect(await settings.locator('[data-testid="paused-sites"] li span').allTextContents()).toEqual(['example.com']);
    await settings.getByRole('button', { name: 'Resume example.com' }).click();
    await settings.getByText('No paused sites.').waitFor();

    // Switched off: a page reports nothing; switched on again: its ads come back.
    const { page } = await open(h, '/');
    await settledReport(h, page, (r) => shown(r) === 5);
    await settings.getByLabel('Look for ads on the pages I visit').uncheck();
    await page.reload();
    expect((await settledReport(h, page, (r) => r !== null && r.ads.length === 0))?.ads).toEqual([]);
    await settings.getByLabel('Look for ads on the pages I visit').check();
    expect(shown(await settledReport(h, page, (r) => shown(r) === 5))).toBe(5);
    await page.close();
    await settings.close();
  });
});
