/**
 * The dashboard in real Chromium with the built extension: browse the "Why this ad?" demo pages
 * (on two sites), then use the dashboard as a person would: the table and its counts, each filter,
 * search, an ad's explanation, the charts, "what they seem to think of you", export in each format
 * and re-import after deleting everything, a broken import, and each privacy control (logging off,
 * redaction that really removes the address, deleting one site, the storage used), with axe in
 * light and dark. Expected values come from the reports the extension made of the pages visited.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../scripts/lib/build';
import { ask } from '../../scripts/lib/extension-browser';
import { parseImport } from '../../src/core/log/import';
import type { LogRecord } from '../../src/core/log/record';
import { consentOutcome } from '../../src/core/log/summary';
import type { PageReport, ReportAd } from '../../src/shared/page-report';
import type { Settings } from '../../src/shared/protocol';
import { axeViolations, settledReport, useHarness, type Harness } from './harness';
import { complete, GROUND_TRUTH } from './scenarios';

const harness = useHarness();

/** The pages browsed: scenario id and the site it is visited on. */
const VISITS: { id: string; other?: boolean }[] = [
  { id: 'profiled' },
  { id: 'contextual' },
  { id: 'consent-refused' },
  { id: 'gpc' },
  { id: 'dsa-missing' },
  { id: 'gpt' },
  // A second site: `localhost` resolves to the same server, and is a site of its own.
  { id: 'sensitive', other: true },
];

const scenario = (id: string) => {
  const s = GROUND_TRUTH.scenarios.find((x) => x.id === id);
  if (!s) throw new Error(`no scenario ${id}`);
  return s;
};

const localOrigin = (h: Harness): string => `http://localhost:${new URL(h.server.siteOrigin).port}`;

/** Opens a page, waits until its ad tech is done and the report settled (so the log has it), and closes it. */
async function visit(h: Harness, path: string, origin: string, done: (r: PageReport | null) => boolean): Promise<PageReport> {
  const page = await h.ext.context.newPage();
  await page.goto(`${origin}${path}`, { waitUntil: 'load' });
  // Generous: on a busy machine the demo's ad tech can take a while (the test's own timeout still applies).
  await page.waitForFunction(() => document.documentElement.getAttribute('data-why-demo') === 'done', undefined, { timeout: 30_000 });
  const report = await settledReport(h, page, done, 30_000);
  if (!report || !done(report)) throw new Error(`${path}: the report did not settle`);
  await page.close();
  return report;
}

async function visitScenario(h: Harness, id: string, other = false, query = ''): Promise<PageReport> {
  const s = scenario(id);
  // The GPC scenario is about a browser that sends Global Privacy Control.
  await ask(h.ext, 'ui:setSettings', { sendGpc: id === 'gpc' });
  return visit(h, `${s.path}${query}`, other ? localOrigin(h) : h.server.siteOrigin, (r) => complete(r, s));
}

async function openDashboard(h: Harness, hash = '', colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await h.ext.context.newPage();
  await page.emulateMedia({ colorScheme });
  await page.goto(`chrome-extension://${h.ext.extensionId}/src/ui/dashboard/index.html${hash}`);
  return page;
}

const ROWS = 'section.ads-view:not([hidden]) [data-testid="ad-row"]';
const rowCount = (dash: Page): Promise<number> => dash.locator(ROWS).count();
const column = (dash: Page, col: string): Promise<string[]> => dash.locator(`${ROWS} [data-col="${col}"]`).allTextContents();

/** Polls until an expectation holds; generous, since the machine running the tests may be busy. */
const poll = <T,>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 });

/**
 * Waits until the table shows the rows of the filters chosen (its section is no longer aria-busy)
 * and they are `n`.
 */
async function expectRows(dash: Page, n: number): Promise<void> {
  if (n === 0) await dash.getByTestId('no-ads').waitFor();
  await poll(async () => ((await dash.locator('section.ads-view[aria-busy="false"]').count()) === 1 ? rowCount(dash) : -1)).toBe(n);
}

async function download(dash: Page, format: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([dash.waitForEvent('download'), dash.locator(`button[data-format="${format}"]`).click()]);
  await dash.getByTestId('export-status').filter({ hasText: 'exported to' }).waitFor();
  return { name: file.suggestedFilename(), text: readFileSync((await file.path()) ?? '', 'utf8') };
}

async function importFile(dash: Page, name: string, text: string): Promise<void> {
  await dash.locator('input[type="file"]').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(text, 'utf8') });
}

const ndjsonRecords = (text: string): LogRecord[] =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LogRecord);

const shownOf = (reports: PageReport[]): ReportAd[] => reports.flatMap((r) => r.ads.filter((a) => a.status === 'shown'));
const advertiserOf = (a: ReportAd): string => a.advertiser?.name || a.advertiser?.domain || '';
const companiesOf = (a: ReportAd): string[] => [...new Set([...a.sellers.map((s) => s.company || s.domain || ''), a.paidBy ?? ''].filter(Boolean))];
/** Screenshots of each view for review (test-results/, not committed). */
async function shot(page: Page, name: string): Promise<void> {
  const dir = join(PROJECT_ROOT, 'test-results');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

const today = (): string => new Date().toISOString().slice(0, 10);
const CONSENT_WORDS: Record<string, string> = {
  accepted: 'accepted everything',
  'partly-refused': 'refused some purposes',
  refused: 'refused everything',
  'no-answer': 'no answer from the consent tool',
  gpp: 'US privacy string (GPP)',
  'us-privacy': 'US Privacy string',
  none: 'no consent tool',
};

/** What the pages browsed gave, shared by the tests below (they run in order). */
const seen: { reports: PageReport[]; localReports: PageReport[]; exports: Record<string, { name: string; text: string }> } = { reports: [], localReports: [], exports: {} };

describe('the dashboard', () => {
  it('lists every ad of the pages browsed, with the counts, and passes axe in light and dark', async () => {
    const h = harness();
    await ask(h.ext, 'ui:setSettings', { logEnabled: true, logRedaction: 'origin' });
    for (const v of VISITS) {
      const report = await visitScenario(h, v.id, v.other);
      (v.other ? seen.localReports : seen.reports).push(report);
    }
    const all = [...seen.reports, ...seen.localReports];
    const shown = shownOf(all);
    // The ground truth's ads, and nothing else, are what the pages showed.
    expect(shown.length).toBe(VISITS.reduce((n, v) => n + scenario(v.id).expected.ads.length, 0));

    const dash = await openDashboard(h);
    await expectRows(dash, shown.length);
    expect(await dash.getByTestId('log-counts').textContent()).toBe(`${shown.length} ads on ${all.length} pages in the log`);
    expect((await column(dash, 'advertiser')).sort()).toEqual(shown.map((a) => advertiserOf(a) || 'unknown').sort());
    expect(await dash.locator('h1').textContent()).toBe('Dashboard');
    expect(await dash.title()).toBe('Dashboard');
    expect(await dash.evaluate(() => performance.getEntriesByName('dashboard-first-render').length)).toBe(1);
    expect(await dash.getByRole('link', { name: 'Settings' }).getAttribute('href')).toBe('/src/ui/settings/index.html');
    // The settings page links to the dashboard.
    const settings = await h.ext.context.newPage();
    await settings.goto(`chrome-extension://${h.ext.extensionId}/src/ui/settings/index.html`);
    await settings.getByRole('link', { name: /^Open the dashboard/ }).click();
    await settings.waitForURL(/\/src\/ui\/dashboard\/index\.html$/);
    await settings.close();
    expect(await axeViolations(dash)).toEqual([]);

    const shotDir = process.env.UPDATE_SCREENSHOTS === '1' ? join(PROJECT_ROOT, 'docs', 'screenshots') : join(PROJECT_ROOT, 'test-results');
    mkdirSync(shotDir, { recursive: true });
    await dash.setViewportSize({ width: 1280, height: 760 });
    await dash.screenshot({ path: join(shotDir, 'dashboard.png') });

    const dark = await openDashboard(h, '', 'dark');
    await expectRows(dark, shown.length);
    expect(await axeViolations(dark)).toEqual([]);
    await dark.close();
    await dash.close();
  }, 240_000);

  it('narrows the table by each filter and by search, and keeps the view in the address', async () => {
    const h = harness();
    const shown = shownOf(seen.reports);
    const localShown = shownOf(seen.localReports);
    const all = [...shown, ...localShown];
    const dash = await openDashboard(h);
    await expectRows(dash, all.length);

    const pick = async (label: string, value: string): Promise<void> => {
      await dash.getByLabel(label, { exact: true }).selectOption(value);
    };
    // Site: the pickers list the sites of the log.
    await poll(() => dash.getByLabel('Site', { exact: true }).locator('option').allTextContents()).toEqual(['All sites', '127.0.0.1', 'localhost']);
    await pick('Site', 'localhost');
    await expectRows(dash, localShown.length);
    expect(new URL(dash.url()).hash).toBe('#site=localhost');
    await pick('Site', '127.0.0.1');
    await expectRows(dash, shown.length);
    await pick('Site', '');

    // Advertiser: one of the scenario advertisers.
    await pick('Advertiser', 'Acme Shoes B.V.');
    await expectRows(dash, all.filter((a) => advertiserOf(a) === 'Acme Shoes B.V.').length);
    expect(await column(dash, 'advertiser')).toEqual(['Acme Shoes B.V.']);
    await pick('Advertiser', '');

    // Company: the picker lists the companies of the log; the first of them that sold or paid for an
    // ad narrows the table to that ad's rows, counted from the reports as the log counts them.
    await poll(() => dash.getByLabel('Company', { exact: true }).locator('option').count()).toBeGreaterThan(1);
    const companies = (await dash.getByLabel('Company', { exact: true }).locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).filter(Boolean);
    const company = companies.find((c) => all.some((a) => companiesOf(a).includes(c))) ?? '';
    const withCompany = all.filter((a) => companiesOf(a).includes(company)).length;
    expect(withCompany, `one of ${companies.join(', ')}`).toBeGreaterThan(0);
    await pick('Company', company);
    await expectRows(dash, withCompany);
    await pick('Company', '');

    // Reason kind and flag.
    for (const [kind, word] of [['contextual', 'page content'], ['profiling', 'profile'], ['audience-segment', 'audience segment']] as const) {
      const expected = all.filter((a) => a.reasons.some((r) => r.kind === kind)).length;
      expect(expected, kind).toBeGreaterThan(0);
      await pick('Reason', kind);
      await expectRows(dash, expected);
      for (const text of await column(dash, 'reasons')) expect(text, kind).toContain(word);
    }
    await pick('Reason', '');
    const flagWords: Record<string, string> = {
      'gpc-not-honoured': 'GPC ignored',
      'profiling-without-consent': 'profiling without consent',
      'dsa-info-missing': 'DSA information missing',
      'sensitive-category': 'sensitive category',
    };
    for (const [flag, word] of Object.entries(flagWords)) {
      await pick('What looks wrong', flag);
      await expectRows(dash, all.filter((a) => a.flags.some((f) => f.code === flag)).length);
      for (const text of await column(dash, 'flags')) expect(text, flag).toContain(word);
    }
    await pick('What looks wrong', '');

    // Date range (UTC days): today has everything, tomorrow nothing.
    const day = today();
    await dash.getByLabel('From (UTC)').fill(day);
    await dash.getByLabel('To (UTC)').fill(day);
    await expectRows(dash, all.length);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await dash.getByLabel('To (UTC)').fill(tomorrow);
    await dash.getByLabel('From (UTC)').fill(tomorrow);
    await expectRows(dash, 0);
    expect(await dash.getByTestId('no-ads').textContent()).toBe('No ads in the log match these filters.');
    await dash.getByRole('button', { name: 'Clear filters' }).click();
    await expectRows(dash, all.length);

    // Status: empty slots too.
    const everySlot = [...seen.reports, ...seen.localReports].reduce((n, r) => n + r.ads.length, 0);
    await pick('Slots', 'all');
    await expectRows(dash, everySlot);
    await pick('Slots', 'shown');

    // Search (debounced), and a bookmarked view opens as it was.
    await dash.getByLabel('Search', { exact: true }).fill('sunny');
    await expectRows(dash, 1);
    expect(await column(dash, 'advertiser')).toEqual(['Sunny Travel B.V.']);
    await poll(() => new URL(dash.url()).hash).toBe('#q=sunny');
    const bookmarked = await openDashboard(h, '#site=127.0.0.1&flag=gpc-not-honoured');
    await expectRows(bookmarked, 1);
    expect(await bookmarked.getByLabel('What looks wrong').inputValue()).toBe('gpc-not-honoured');
    await bookmarked.close();
    await dash.close();
  });

  it('opens an ad as the popup explains it, from the keyboard, with its page as text', async () => {
    const h = harness();
    const report = seen.reports.find((r) => r.ads.some((a) => advertiserOf(a) === 'Brightside Energy B.V.'));
    const ad = report?.ads.find((a) => advertiserOf(a) === 'Brightside Energy B.V.');
    const dash = await openDashboard(h, '#q=brightside');
    await expectRows(dash, 1);
    await dash.locator(`${ROWS} button`).focus();
    await dash.keyboard.press('Enter');
    const detail = dash.getByTestId('ad-detail');
    await detail.getByTestId('advertiser').waitFor();
    expect(await detail.getByTestId('advertiser').textContent()).toBe('Brightside Energy B.V. (brightside-energy.example)');
    expect(await detail.getByTestId('paid-by').textContent()).toBe('Brightside Energy B.V.');
    expect(await detail.locator('[data-testid="reasons"] > li').evaluateAll((items) => items.map((i) => i.getAttribute('data-kind')))).toEqual(ad?.reasons.map((r) => r.kind));
    expect((await detail.locator('[data-testid="flags"] > li').evaluateAll((items) => items.map((i) => i.getAttribute('data-code')))).sort()).toEqual(['profiling-without-consent', 'vendor-without-consent']);
    // The page as the log kept it (origin only), as text and never a link.
    expect(await detail.getByTestId('detail-url').textContent()).toBe(h.server.siteOrigin);
    expect(await detail.locator('a[href*="127.0.0.1"]').count()).toBe(0);
    expect(await detail.getByTestId('detail-redaction').textContent()).toBe('Only the site\'s origin');
    expect(await detail.getByTestId('detail-consent').textContent()).toContain('You did not agree to');
    // Only "Copy this explanation" of the card's actions: the page is not open here.
    expect(await detail.getByRole('button', { name: 'Show on page' }).isVisible()).toBe(false);
    expect(await detail.getByRole('button', { name: 'Copy this explanation' }).isVisible()).toBe(true);
    await detail.locator('[data-testid="reasons"] details summary').first().click();
    expect(await axeViolations(dash)).toEqual([]);
    await shot(dash, 'dashboard-detail');
    await dash.emulateMedia({ colorScheme: 'dark' });
    expect(await axeViolations(dash)).toEqual([]);
    await dash.emulateMedia({ colorScheme: 'light' });
    await dash.getByRole('button', { name: '← Back to the ads' }).click();
    await expectRows(dash, 1);
    expect(await dash.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-row-id') ?? null)).toContain('#');
    await dash.close();
  });

  it('draws the charts and "what they seem to think of you" from the log', async () => {
    const h = harness();
    const reports = [...seen.reports, ...seen.localReports];
    const shown = shownOf(reports);
    const dash = await openDashboard(h, '#view=overview');
    await dash.getByTestId('overview-totals').waitFor();
    expect(await dash.getByTestId('overview-totals').textContent()).toMatch(new RegExp(`^${shown.length} ads on ${reports.length} pages from `));
    const table = async (id: string): Promise<Record<string, string>> => {
      const rows = await dash.getByTestId(`chart-${id}`).locator('[data-testid="chart-table"] tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.children[0]?.textContent ?? '', tr.children[1]?.textContent ?? '']));
      return Object.fromEntries(rows);
    };
    const perDay = await table('per-day');
    expect(Object.values(perDay).reduce((n, v) => n + Number(v), 0)).toBe(shown.length);
    expect(Object.keys(perDay)).toHaveLength(30);
    const advertisers: Record<string, string> = {};
    for (const a of shown) if (advertiserOf(a)) advertisers[advertiserOf(a)] = String(Number(advertisers[advertiserOf(a)] ?? 0) + 1);
    expect(await table('advertisers')).toEqual(advertisers);
    const reasons = await table('reasons');
    expect(reasons.profile).toBe(String(shown.filter((a) => a.reasons.some((r) => r.kind === 'profiling')).length));
    expect(reasons.auction).toBe(String(shown.filter((a) => a.reasons.some((r) => r.kind === 'auction')).length));
    const expectedConsent: Record<string, string> = {};
    for (const outcome of reports.map(consentOutcome)) {
      const word = CONSENT_WORDS[outcome] ?? outcome;
      expectedConsent[word] = String(Number(expectedConsent[word] ?? 0) + 1);
    }
    expect(await table('consent')).toEqual(expectedConsent);
    expect(Object.keys(await table('companies')).length).toBeGreaterThan(0);
    for (const id of ['per-day', 'advertisers', 'companies', 'reasons', 'consent']) {
      const svg = dash.getByTestId(`chart-${id}`).locator('svg[role="img"]');
      expect(await svg.count(), id).toBe(1);
      expect(((await svg.getAttribute('aria-labelledby')) ?? '').split(' ')).toHaveLength(2);
    }
    await dash.getByTestId('chart-reasons').locator('summary').click();
    expect(await axeViolations(dash)).toEqual([]);
    await shot(dash, 'dashboard-overview');
    await dash.emulateMedia({ colorScheme: 'dark' });
    expect(await axeViolations(dash)).toEqual([]);
    await shot(dash, 'dashboard-overview-dark');
    await dash.emulateMedia({ colorScheme: 'light' });

    await dash.getByRole('link', { name: 'What they seem to think of you' }).click();
    await dash.getByTestId('you-table').waitFor();
    const you = await dash.getByTestId('you-row').evaluateAll((trs) =>
      trs.map((tr) => Object.fromEntries([...tr.querySelectorAll('[data-col]')].map((c) => [c.getAttribute('data-col') ?? '', c.textContent ?? '']))),
    );
    // The profiled page's data partner sent "Female" and "Running and Jogging" (Audience Taxonomy 1.1).
    const running = you.find((r) => (r.label ?? '').includes('Running and Jogging'));
    expect(running).toMatchObject({ kind: 'audience segment or interest' });
    expect(running?.from).toContain('dmp.demo-data.example');
    expect(you.find((r) => (r.label ?? '').includes('Female'))).toMatchObject({ kind: 'demographic' });
    // Most often seen first.
    const counts = you.map((r) => Number(r.n));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(await dash.getByTestId('you-caveat').textContent()).toContain('guesses, not facts');
    expect(await axeViolations(dash)).toEqual([]);
    await shot(dash, 'dashboard-you');
    await dash.emulateMedia({ colorScheme: 'dark' });
    expect(await axeViolations(dash)).toEqual([]);
    await dash.close();
  });

  it('exports in each format, and after "delete everything" an import gives the same log back, duplicates skipped', async () => {
    const h = harness();
    const reports = [...seen.reports, ...seen.localReports];
    const dash = await openDashboard(h, '#view=log');
    await dash.getByTestId('storage-counts').waitFor();
    const day = new Date();
    const local = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
    for (const [format, ext] of [['ndjson', 'ndjson'], ['json', 'json'], ['csv', 'csv']] as const) {
      const file = await download(dash, format);
      expect(file.name).toBe(`why-this-ad-log-${local}.${ext}`);
      const parsed = parseImport(file.text);
      expect(parsed.ok, format).toBe(true);
      if (parsed.ok) expect(parsed.records.map((r) => r.report.url).sort(), format).toEqual(reports.map((r) => new URL(r.url).origin).sort());
      seen.exports[format] = file;
    }
    expect(ndjsonRecords(seen.exports.ndjson?.text ?? '')).toHaveLength(reports.length);
    expect(await axeViolations(dash)).toEqual([]);
    await shot(dash, 'dashboard-log');
    await dash.emulateMedia({ colorScheme: 'dark' });
    expect(await axeViolations(dash)).toEqual([]);
    await shot(dash, 'dashboard-log-dark');
    await dash.emulateMedia({ colorScheme: 'light' });

    // Delete everything (asked first), then the table is empty.
    await dash.getByRole('button', { name: 'Delete the whole log…' }).click();
    await dash.getByRole('button', { name: 'Delete everything' }).click();
    await dash.getByTestId('deleted').filter({ hasText: `The log is empty: ${reports.length} pages deleted.` }).waitFor();
    await poll(() => dash.getByTestId('storage-counts').textContent()).toMatch(/^0 pages/);

    await importFile(dash, 'log.ndjson', seen.exports.ndjson?.text ?? '');
    await dash.getByTestId('import-status').filter({ hasText: `${reports.length} records imported, 0 records already in the log.` }).waitFor();
    // Once more, and in the other formats: all already there.
    for (const format of ['ndjson', 'json', 'csv']) {
      await importFile(dash, `again.${format}`, seen.exports[format]?.text ?? '');
      await dash.getByTestId('import-status').filter({ hasText: `0 records imported, ${reports.length} records already in the log.` }).waitFor();
    }
    const shown = shownOf(reports);
    await dash.getByRole('link', { name: 'Ads' }).click();
    await expectRows(dash, shown.length);
    await poll(() => dash.getByTestId('log-counts').textContent()).toBe(`${shown.length} ads on ${reports.length} pages in the log`);
    // The same records as before, byte for byte.
    await dash.getByRole('link', { name: 'Log & privacy' }).click();
    const again = await download(dash, 'ndjson');
    expect(again.text).toBe(seen.exports.ndjson?.text);
    await dash.close();
  });

  it('refuses a broken import with a clear error and changes nothing', async () => {
    const h = harness();
    const dash = await openDashboard(h, '#view=log');
    await dash.getByTestId('storage-counts').waitFor();
    const before = await dash.getByTestId('storage-counts').textContent();
    await importFile(dash, 'notes.txt', 'hello, this is not an export\n');
    expect(await dash.getByTestId('import-error').textContent()).toContain('Nothing was imported: this is not a file Why This Ad exported');
    // A damaged record on line 2 of an otherwise good file: nothing of it is imported.
    const lines = (seen.exports.ndjson?.text ?? '').split('\n').filter(Boolean);
    const fresh = lines.map((l) => l.replace(/"id":"b:/, '"id":"b:x'));
    const broken = [fresh[0], (fresh[1] ?? '').replace('"schema":"why-this-ad/log-record/1"', '"schema":"nope"'), ...fresh.slice(2)].join('\n');
    await importFile(dash, 'broken.ndjson', broken);
    await dash.getByTestId('import-error').filter({ hasText: 'the record on line 2 is damaged' }).waitFor();
    expect(await dash.getByTestId('import-error').getAttribute('role')).toBe('alert');
    await dash.reload();
    await dash.getByTestId('storage-counts').waitFor();
    expect(await dash.getByTestId('storage-counts').textContent()).toBe(before);
    await dash.close();
  });

  it('logs nothing while logging is off, and logs again once it is on', async () => {
    const h = harness();
    const dash = await openDashboard(h, '#view=log');
    await dash.getByTestId('storage-counts').waitFor();
    const pages = async (): Promise<number> => Number(/^(\d+) page/.exec((await dash.getByTestId('storage-counts').textContent()) ?? '')?.[1] ?? NaN);
    const refresh = async (): Promise<void> => {
      await dash.getByRole('button', { name: 'Refresh' }).click();
      await poll(() => dash.getByRole('button', { name: 'Refresh' }).isEnabled()).toBe(true);
    };
    const before = await pages();
    expect(before).toBeGreaterThan(0);
    await dash.getByLabel('Keep a log of the ads on the pages I visit').uncheck();
    await poll(async () => (await ask<Settings>(h.ext, 'ui:getSettings', {})).logEnabled).toBe(false);
    await visitScenario(h, 'contextual');
    expect((await ask<{ written: number }>(h.ext, 'ui:flushLog', {})).written).toBe(0);
    await refresh();
    expect(await pages()).toBe(before);
    // The control: with logging on, the same visit is logged.
    await dash.getByLabel('Keep a log of the ads on the pages I visit').check();
    await poll(async () => (await ask<Settings>(h.ext, 'ui:getSettings', {})).logEnabled).toBe(true);
    await visitScenario(h, 'contextual');
    await ask(h.ext, 'ui:flushLog', {});
    await refresh();
    await poll(pages).toBe(before + 1);
    await dash.close();
  }, 120_000);

  it('keeps neither the path nor the query of a page under "origin" and "hash" redaction, and keeps them under "full"', async () => {
    const h = harness();
    const dash = await openDashboard(h, '#view=log');
    await dash.getByTestId('storage-counts').waitFor();
    const known = new Set(ndjsonRecords((await download(dash, 'ndjson')).text).map((r) => r.id));
    const path = scenario('contextual').path;
    const secret = 'secret=Pr1vate-Dashboard-Token';
    const results: Record<string, { url: string; json: string }> = {};
    for (const redaction of ['origin', 'hash', 'full'] as const) {
      await dash.getByLabel(redaction === 'origin' ? 'Only the site\'s origin' : redaction === 'hash' ? 'A salted hash' : 'The full address').check();
      await poll(async () => (await ask<Settings>(h.ext, 'ui:getSettings', {})).logRedaction).toBe(redaction);
      await visitScenario(h, 'contextual', false, `?${secret}&r=${redaction}`);
      await dash.getByRole('button', { name: 'Refresh' }).click();
      const records = ndjsonRecords((await download(dash, 'ndjson')).text);
      const added = records.filter((r) => !known.has(r.id));
      expect(added, redaction).toHaveLength(1);
      for (const r of added) known.add(r.id);
      results[redaction] = { url: added[0]?.report.url ?? '', json: JSON.stringify(added[0]) };
    }
    for (const redaction of ['origin', 'hash']) {
      const r = results[redaction];
      expect(r?.json, redaction).not.toContain('Pr1vate-Dashboard-Token');
      expect(r?.json, redaction).not.toContain('secret=');
      expect(r?.json, redaction).not.toContain(path);
      expect(r?.json, redaction).not.toContain(encodeURIComponent(path));
    }
    expect(results.origin?.url).toBe(h.server.siteOrigin);
    expect(results.hash?.url).toMatch(/^sha256:[0-9a-f]{64}$/);
    // The test can fail: under "full" the address is all there.
    expect(results.full?.url).toBe(`${h.server.siteOrigin}${path}?${secret}&r=full`);
    expect(results.full?.json).toContain('Pr1vate-Dashboard-Token');
    await dash.getByLabel('Only the site\'s origin').check();
    await dash.close();
  }, 180_000);

  it('deletes one site only, and shows the storage used', async () => {
    const h = harness();
    const dash = await openDashboard(h, '#view=log');
    await dash.getByTestId('storage-used').waitFor();
    expect(await dash.getByTestId('storage-used').textContent()).toMatch(/^Why This Ad uses [\d.,]+ [kMG]?B of the [\d.,]+ [kMGT]?B the browser allows it\.$/);
    expect(Number(await dash.getByTestId('storage-used').getAttribute('data-usage'))).toBeGreaterThan(0);
    expect(await dash.getByTestId('private-windows').textContent()).toContain('Never in private windows');

    const before = ndjsonRecords((await download(dash, 'ndjson')).text);
    const localCount = before.filter((r) => r.site === 'localhost').length;
    expect(localCount).toBe(seen.localReports.length);
    await dash.getByLabel('Delete everything logged on one site').fill('http://localhost/whatever');
    await dash.getByRole('button', { name: 'Delete site…' }).click();
    await dash.getByRole('button', { name: 'Delete localhost' }).click();
    await dash.getByTestId('deleted').filter({ hasText: `${localCount === 1 ? '1 page' : `${localCount} pages`} of localhost deleted.` }).waitFor();
    const after = ndjsonRecords((await download(dash, 'ndjson')).text);
    expect(after.map((r) => r.id).sort()).toEqual(before.filter((r) => r.site !== 'localhost').map((r) => r.id).sort());
    await dash.getByRole('link', { name: 'Ads' }).click();
    await poll(() => dash.getByLabel('Site', { exact: true }).locator('option').allTextContents()).toEqual(['All sites', '127.0.0.1']);
    await dash.close();
  });
});

describe('the dashboard in Dutch', () => {
  const dutch = useHarness(['--lang=nl']);
  it('speaks Dutch', async () => {
    const h = dutch();
    await visitScenario(h, 'profiled');
    const dash = await openDashboard(h);
    await expectRows(dash, 1);
    expect(await dash.evaluate(() => document.documentElement.lang)).toBe('nl');
    expect(await dash.getByTestId('log-counts').textContent()).toBe('1 advertentie op 1 pagina in het logboek');
    expect(await dash.locator(`${ROWS} [data-col="reasons"]`).textContent()).toContain('profiel');
    expect(await dash.getByRole('link', { name: 'Logboek & privacy' }).count()).toBe(1);
    await dash.close();
  });
});
