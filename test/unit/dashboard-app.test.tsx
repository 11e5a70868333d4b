// @vitest-environment happy-dom
/**
 * The dashboard as a person uses it, rendered in happy-dom on the real log database
 * (fake-indexeddb) with the real English messages: the table, each filter and the hash that
 * keeps it, paging, the detail view, the charts' numbers, "what they seem to think of you", and
 * the privacy controls' messages to the background. The real-browser test is test/e2e/dashboard.test.ts.
 */
import 'fake-indexeddb/auto';
import { cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeLogRecord, type LogRecord } from '../../src/core/log/record';
import { openLog } from '../../src/platform/log-db';
import { PAGE_REPORT_SCHEMA, type Reason, type ReportAd } from '../../src/shared/page-report';
import type { LogStatus, Settings } from '../../src/shared/protocol';
import en from '../../public/_locales/en/messages.json';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

const sent: { type: string; payload: unknown }[] = [];
let settings: Settings;
let status: LogStatus;

vi.mock('webextension-polyfill', () => ({
  default: {
    i18n: {
      getMessage: (key: string, subs: string[] = []) => {
        const entry = (en as Messages)[key];
        if (!entry) return '';
        return entry.message.replace(/\$([A-Z_]+)\$/g, (_: string, name: string) => {
          const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
          return subs[Number(content.slice(1)) - 1] ?? '';
        });
      },
    },
    runtime: {
      id: 'test',
      getManifest: () => ({ version: '0.1.0' }),
      getURL: (p: string) => `chrome-extension://test/${p}`,
      // The background, as far as the dashboard talks to it.
      sendMessage: async (message: { type: string; payload: Record<string, unknown> }) => {
        sent.push(message);
        switch (message.type) {
          case 'ui:flushLog':
            return { ok: true, data: { written: 0 } };
          case 'ui:getSettings':
            return { ok: true, data: settings };
          case 'ui:setSettings':
            settings = { ...settings, ...message.payload };
            return { ok: true, data: settings };
          case 'ui:getLogStatus':
            return { ok: true, data: status };
          case 'ui:deleteLog': {
            const db = await openLog();
            const deleted = typeof message.payload.site === 'string' ? await db.deleteSite(message.payload.site) : (await db.counts()).records;
            if (typeof message.payload.site !== 'string') await db.deleteAll();
            db.close();
            return { ok: true, data: { deleted } };
          }
          default:
            return { ok: false, error: `unexpected ${message.type}` };
        }
      },
    },
    permissions: { contains: async () => false },
  },
}));

// fake-indexeddb and happy-dom are slow on a busy two-core machine: wait generously, fail only on a real hang.
configure({ asyncUtilTimeout: 10_000 });
vi.setConfig({ testTimeout: 60_000 });

const { Dashboard } = await import('../../src/ui/dashboard/Dashboard');
const { PAGE_SIZE } = await import('../../src/ui/dashboard/AdsView');

const NOW = Date.now();
const DAY = 86_400_000;

function ad(id: string, advertiser: string | null, kinds: Reason['kind'][], flags: string[] = [], status: ReportAd['status'] = 'shown'): ReportAd {
  return {
    id,
    status,
    format: 'display',
    slot: { width: 300, height: 250 },
    detectedBy: ['prebid'],
    advertiser: advertiser ? { name: advertiser, domain: `${advertiser.toLowerCase().replace(/\W+/g, '-')}.example` } : null,
    paidBy: null,
    sellers: [{ company: advertiser ? 'Xandr' : 'Google', role: 'ssp' }],
    reasons: kinds.map((kind) => ({
      kind,
      basis: 'declared' as const,
      detail: kind === 'audience-segment' ? 'Interest > Running and Jogging' : undefined,
      evidence: [{ source: 'prebid.bidderRequest.user.data', value: 'dmp.demo-data.example: segtax 4, id 410' }],
    })),
    dsa: null,
    optOuts: [],
    flags: flags.map((code) => ({ code, severity: 'warn' as const })),
  };
}

function record(id: string, site: string, daysAgo: number, ads: ReportAd[]): LogRecord {
  const at = new Date(NOW - daysAgo * DAY).toISOString();
  return makeLogRecord(
    {
      schema: PAGE_REPORT_SCHEMA,
      url: `https://${site}/`,
      observedAt: at,
      ads,
      consent: { tcf: null, gpp: null, usp: null, gpc: true },
      companies: [],
      identifiers: [],
      dataFlows: [],
      flags: [],
    },
    { id, site, loggedAt: at, redaction: 'origin', where: 'browser', signals: null },
  );
}

const RECORDS = [
  record('b:1', 'news.example', 1, [ad('0:a1', 'Acme Shoes', ['profiling', 'audience-segment', 'auction']), ad('0:a2', null, ['unknown'], [], 'unfilled')]),
  record('b:2', 'news.example', 2, [ad('0:a1', 'Sunny Travel', ['contextual', 'auction'])]),
  record('b:3', 'shop.example', 3, [ad('0:a1', null, ['auction'], ['dsa-info-missing']), ad('0:a2', 'Acme Shoes', ['audience-segment'], ['gpc-not-honoured'])]),
];

async function fill(records: LogRecord[]): Promise<void> {
  const db = await openLog();
  await db.put(records);
  db.close();
}

async function clear(): Promise<void> {
  const db = await openLog();
  await db.deleteAll();
  db.close();
}

const rows = (): HTMLElement[] => screen.queryAllByTestId('ad-row');
const advertisers = (): string[] => rows().map((r) => r.querySelector('[data-col="advertiser"]')?.textContent ?? '');

beforeEach(async () => {
  sent.length = 0;
  settings = { enabled: true, useEasyList: false, pausedSites: [], sendGpc: false, logEnabled: true, logRedaction: 'origin', logMaxAgeDays: 180, logMaxRecords: 100_000 };
  status = { enabled: true, redaction: 'origin', lastWriteAt: null, written: 0, problem: null, pruned: 0 };
  history.replaceState(null, '', '/src/ui/dashboard/index.html');
  await clear();
});
afterEach(() => cleanup());

describe('the dashboard', () => {
  it('lists the shown ads newest first with their words, counts them, and marks its first render', async () => {
    await fill(RECORDS);
    render(<Dashboard />);
    await waitFor(() => expect(rows()).toHaveLength(4));
    expect(sent[0]?.type).toBe('ui:flushLog');
    // Newest first; within one page by ad id, descending (the log's order).
    expect(advertisers()).toEqual(['Acme Shoes', 'Sunny Travel', 'Acme Shoes', 'unknown']);
    const first = rows()[0];
    expect(first?.querySelector('[data-col="reasons"]')?.textContent).toBe('profile, audience segment, auction');
    expect(rows()[3]?.querySelector('[data-col="flags"]')?.textContent).toBe('DSA information missing');
    await waitFor(() => expect(screen.getByTestId('log-counts').textContent).toBe('4 ads on 3 pages in the log'));
    expect(performance.getEntriesByName('dashboard-first-render')).toHaveLength(1);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Dashboard');
    expect(screen.getByRole('link', { name: 'Settings' }).getAttribute('href')).toBe('/src/ui/settings/index.html');
  });

  it('narrows by each filter and keeps the filters in the address', async () => {
    await fill(RECORDS);
    render(<Dashboard />);
    await waitFor(() => expect(rows()).toHaveLength(4));
    // The pickers are filled from the log.
    const site = screen.getByLabelText('Site') as HTMLSelectElement;
    await waitFor(() => expect([...site.options].map((o) => o.value)).toEqual(['', 'news.example', 'shop.example']));
    fireEvent.change(site, { target: { value: 'shop.example' } });
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(location.hash).toBe('#site=shop.example');
    fireEvent.change(site, { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Advertiser'), { target: { value: 'Acme Shoes' } });
    await waitFor(() => expect(advertisers()).toEqual(['Acme Shoes', 'Acme Shoes']));
    fireEvent.change(screen.getByLabelText('Advertiser'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Company'), { target: { value: 'Google' } });
    await waitFor(() => expect(advertisers()).toEqual(['unknown']));
    fireEvent.change(screen.getByLabelText('Company'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'contextual' } });
    await waitFor(() => expect(advertisers()).toEqual(['Sunny Travel']));
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('What looks wrong'), { target: { value: 'gpc-not-honoured' } });
    await waitFor(() => expect(rows().map((r) => r.dataset.rowId)).toEqual(['b:3#0:a2']));
    fireEvent.change(screen.getByLabelText('What looks wrong'), { target: { value: '' } });
    const twoDaysAgo = new Date(NOW - 2 * DAY).toISOString().slice(0, 10);
    fireEvent.change(screen.getByLabelText('From (UTC)'), { target: { value: twoDaysAgo } });
    fireEvent.change(screen.getByLabelText('To (UTC)'), { target: { value: twoDaysAgo } });
    await waitFor(() => expect(advertisers()).toEqual(['Sunny Travel']));
    expect(location.hash).toBe(`#from=${twoDaysAgo}&to=${twoDaysAgo}`);
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(rows()).toHaveLength(4));
    fireEvent.change(screen.getByLabelText('Slots'), { target: { value: 'all' } });
    await waitFor(() => expect(rows()).toHaveLength(5));
    fireEvent.change(screen.getByLabelText('Slots'), { target: { value: 'unfilled' } });
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]?.querySelector('[data-col="reasons"]')?.textContent).toContain('Empty slots');
  });

  it('searches after typing stops, and opens a bookmarked search', async () => {
    await fill(RECORDS);
    history.replaceState(null, '', '#q=sunny');
    render(<Dashboard />);
    await waitFor(() => expect(advertisers()).toEqual(['Sunny Travel']));
    expect((screen.getByLabelText('Search') as HTMLInputElement).value).toBe('sunny');
    fireEvent.input(screen.getByLabelText('Search'), { target: { value: 'running' } });
    await waitFor(() => expect(advertisers()).toEqual(['Acme Shoes', 'Acme Shoes']));
    expect(location.hash).toBe('#q=running');
    fireEvent.input(screen.getByLabelText('Search'), { target: { value: 'nothing like this' } });
    await waitFor(() => expect(screen.getByTestId('no-ads').textContent).toBe('No ads in the log match these filters.'));
  });

  it('pages through 50 rows at a time', async () => {
    const many = Array.from({ length: PAGE_SIZE + 7 }, (_, i) => record(`b:p${String(i).padStart(3, '0')}`, 'news.example', i / 100, [ad('0:a1', `Advertiser ${i}`, ['auction'])]));
    await fill(many);
    render(<Dashboard />);
    await waitFor(() => expect(rows()).toHaveLength(PAGE_SIZE));
    expect(advertisers()[0]).toBe('Advertiser 0');
    expect((screen.getByRole('button', { name: 'Previous 50' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Next 50' }));
    await waitFor(() => expect(rows()).toHaveLength(7));
    expect(advertisers()[0]).toBe(`Advertiser ${PAGE_SIZE}`);
    expect(screen.getByTestId('page-number').textContent).toBe('Page 2');
    expect((screen.getByRole('button', { name: 'Next 50' }) as HTMLButtonElement).disabled).toBe(true);
    // An ad opened from page 2 comes back to page 2, on its row.
    fireEvent.click(within(rows()[3] as HTMLElement).getByRole('button'));
    await screen.findByTestId('ad-detail');
    fireEvent.click(screen.getByRole('button', { name: '← Back to the ads' }));
    await waitFor(() => expect(document.activeElement?.closest('tr')).toBe(rows()[3]));
    expect(screen.getByTestId('page-number').textContent).toBe('Page 2');
    fireEvent.click(screen.getByRole('button', { name: 'Previous 50' }));
    await waitFor(() => expect(rows()).toHaveLength(PAGE_SIZE));
    expect(advertisers()[0]).toBe('Advertiser 0');
  });

  it('opens an ad as the popup explains it, with its page as text, and goes back', async () => {
    await fill(RECORDS);
    render(<Dashboard />);
    await waitFor(() => expect(rows()).toHaveLength(4));
    fireEvent.click(within(rows()[0] as HTMLElement).getByRole('button'));
    const detail = await screen.findByTestId('ad-detail');
    expect(location.hash).toBe(`#detail=${encodeURIComponent('b:1#0:a1')}`);
    expect(within(detail).getByTestId('detail-url').textContent).toBe('https://news.example/');
    expect(within(detail).getByTestId('detail-url').closest('a')).toBeNull();
    expect(within(detail).getByTestId('detail-redaction').textContent).toBe('Only the site\'s origin');
    expect(within(detail).getByTestId('advertiser').textContent).toBe('Acme Shoes (acme-shoes.example)');
    expect([...within(detail).getByTestId('reasons').querySelectorAll(':scope > li')].map((li) => li.getAttribute('data-kind'))).toEqual(['profiling', 'audience-segment', 'auction']);
    await waitFor(() => expect(document.activeElement?.id).toBe('detail-heading'));
    fireEvent.click(screen.getByRole('button', { name: '← Back to the ads' }));
    await waitFor(() => expect(rows()).toHaveLength(4));
    expect(location.hash).toBe('');
    // The focus returns to the row that was opened.
    await waitFor(() => expect(document.activeElement?.closest('tr')?.dataset.rowId).toBe('b:1#0:a1'));
  });

  it('says so when a bookmarked ad is no longer in the log', async () => {
    await fill(RECORDS);
    history.replaceState(null, '', `#detail=${encodeURIComponent('b:gone#0:a1')}`);
    render(<Dashboard />);
    expect((await screen.findByRole('alert')).textContent).toContain('no longer in the log');
  });

  it('draws the overview from the day sums, with the numbers as tables', async () => {
    await fill(RECORDS);
    history.replaceState(null, '', '#view=overview');
    render(<Dashboard />);
    await waitFor(() => expect(screen.getByTestId('overview-totals').textContent).toMatch(/^4 ads on 3 pages from /));
    const table = (id: string): string[][] =>
      [...screen.getByTestId(`chart-${id}`).querySelectorAll('[data-testid="chart-table"] tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent ?? ''));
    expect(table('advertisers')).toEqual([['Acme Shoes', '2'], ['Sunny Travel', '1']]);
    expect(table('reasons')).toEqual([['auction', '3'], ['audience segment', '2'], ['page content', '1'], ['profile', '1']]);
    expect(table('consent')).toEqual([['no consent tool', '3']]);
    // Companies count pages (Google sold only the shown ad of one page; the empty slot does not count).
    expect(table('companies')).toEqual([['Xandr', '3'], ['Google', '1']]);
    expect(table('per-day')).toHaveLength(30);
    expect(table('per-day').reduce((sum, r) => sum + Number(r[1]), 0)).toBe(4);
    for (const id of ['per-day', 'advertisers', 'companies', 'reasons', 'consent']) {
      const svg = screen.getByTestId(`chart-${id}`).querySelector('svg');
      expect(svg?.getAttribute('role')).toBe('img');
      const names = (svg?.getAttribute('aria-labelledby') ?? '').split(' ').map((n) => document.getElementById(n)?.textContent ?? '');
      expect(names.join(' ').length).toBeGreaterThan(10);
    }
  });

  it('shows what they seem to think of you, most often first, with the caveat', async () => {
    await fill(RECORDS);
    history.replaceState(null, '', '#view=you');
    render(<Dashboard />);
    const table = await screen.findByTestId('you-table');
    const first = table.querySelector('tbody tr');
    expect([...(first?.children ?? [])].map((c) => c.textContent)).toEqual([
      'Interest > Running and Jogging',
      'audience segment or interest',
      '2',
      expect.any(String),
      expect.any(String),
      'dmp.demo-data.example (2); prebid.bidderRequest.user.data (2)',
    ]);
    expect(screen.getByTestId('you-caveat').textContent).toContain('guesses, not facts');
  });

  it('sends the privacy controls to the background and shows the log status', async () => {
    await fill(RECORDS);
    status = { ...status, problem: { code: 'full', message: 'QuotaExceededError', at: NOW, pruned: 12 } };
    history.replaceState(null, '', '#view=log');
    render(<Dashboard />);
    const logging = (await screen.findByLabelText('Keep a log of the ads on the pages I visit')) as HTMLInputElement;
    expect(logging.checked).toBe(true);
    fireEvent.click(logging);
    await waitFor(() => expect(sent.some((m) => m.type === 'ui:setSettings' && (m.payload as Settings).logEnabled === false)).toBe(true));
    fireEvent.click(screen.getByLabelText('A salted hash'));
    await waitFor(() => expect(settings.logRedaction).toBe('hash'));
    expect((await screen.findByTestId('log-problem')).textContent).toContain('the oldest records were deleted (12 pages)');
    expect(screen.getByTestId('private-windows').textContent).toContain('Never in private windows');

    fireEvent.input(screen.getByLabelText('Keep pages for (days)'), { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByText('Days: a whole number from 1 to 3650.')).getAttribute('role')).toBe('alert');
    fireEvent.input(screen.getByLabelText('Keep pages for (days)'), { target: { value: '30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(settings.logMaxAgeDays).toBe(30));

    fireEvent.input(screen.getByLabelText('Delete everything logged on one site'), { target: { value: 'not a site' } });
    fireEvent.click(screen.getByRole('button', { name: 'Delete site…' }));
    await screen.findByText('That is not a site name. Type one like example.com.');
    fireEvent.input(screen.getByLabelText('Delete everything logged on one site'), { target: { value: 'https://www.shop.example/x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Delete site…' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Delete shop.example' }));
    await waitFor(() => expect(screen.getByTestId('deleted').textContent).toBe('1 page of shop.example deleted.'));
    await waitFor(() => expect(screen.getByTestId('storage-counts').textContent).toBe('2 pages with 3 ads and empty slots in the log.'));

    fireEvent.click(screen.getByRole('button', { name: 'Delete the whole log…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(sent.filter((m) => m.type === 'ui:deleteLog')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Delete the whole log…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete everything' }));
    await waitFor(() => expect(screen.getByTestId('deleted').textContent).toBe('The log is empty: 2 pages deleted.'));
    await waitFor(() => expect(screen.getByTestId('storage-counts').textContent).toBe('0 pages with 0 ads and empty slots in the log.'));
  });

  it('says the log is empty when it is', async () => {
    render(<Dashboard />);
    expect((await screen.findByTestId('no-ads')).textContent).toContain('The log is empty.');
  });
});
