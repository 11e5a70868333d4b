/**
 * Writes each page's report to the research log (IndexedDB, platform/log-db.ts).
 *
 * A record is made (and redacted) as soon as it is due, then kept in an outbox in storage.session
 * until the IndexedDB transaction that writes it has committed. So a worker stopped in the middle
 * of a write loses nothing: the transaction is rolled back as a whole, the outbox still holds the
 * record, and the next start writes it. A record is due:
 * - shortly after the page's state last changed (batched: one write for many quick changes),
 * - when the popup shows the report (written before the popup gets it: what was shown is logged),
 * - when the tab leaves the page or closes (the state is gone after that).
 * Logging the same visit again replaces its record (the id is stable for one visit).
 */
import browser from 'webextension-polyfill';
import { makeLogRecord, type LogRecord } from '../core/log/record';
import { redactRecord } from '../core/log/redact';
import { siteOf } from '../core/site';
import type { TabSnapshot } from '../core/tab-snapshot';
import type { TabNetwork } from '../core/network/tab-network';
import type { PageReport } from '../shared/page-report';
import type { LogStatus, Settings } from '../shared/protocol';
import { isRecord } from '../shared/validate';
import { LogFullError, openLog, putWithRoom, type LogDb } from '../platform/log-db';
import { readAll, readKey, removeKeys, writeKeys } from '../platform/storage';
import { getSettings } from './settings';

const OUTBOX_PREFIX = 'log:out:';
const STATUS_KEY = 'log:status';
const FORGET_KEY = 'log:forgetBefore';
const PRUNED_AT_KEY = 'log:prunedAt';
const SALT_KEY = 'log:salt';
/** Changes of a page within this time are written together. */
const BATCH_MS = 1_000;
/** Retention rules are applied at most this often (and at start). */
const PRUNE_EVERY_MS = 10 * 60_000;
/** Records waiting when the log cannot be written (a full disk): the oldest beyond this go. */
const MAX_OUTBOX = 200;

/** How a report for a tab is made; given by tab-report.ts (kept out of here to avoid a cycle). */
export type ReportSource = (tabId: number, network?: Promise<TabNetwork | null>) => Promise<{ snapshot: TabSnapshot; report: PageReport } | null>;

let source: ReportSource = async () => null;
let timer: ReturnType<typeof setTimeout> | null = null;
const dirty = new Set<number>();
const incognito = new Map<number, boolean>();
/** What each tab's record said when last logged: the popup asking again for the same report writes nothing. */
const lastLogged = new Map<number, string>();
let chain: Promise<unknown> = Promise.resolve();
let db: Promise<LogDb> | null = null;

export function setReportSource(fn: ReportSource): void {
  source = fn;
}

function database(): Promise<LogDb> {
  const open =
    db ??
    openLog().catch((error: unknown) => {
      db = null; // try again next time: a log that failed to open once (a full disk) may open later
      throw error;
    });
  db = open;
  return open;
}

/** One write (or delete) at a time: records of one tab must land in the order they were made. */
function serial<T>(work: () => Promise<T>): Promise<T> {
  const next = chain.catch(() => undefined).then(work);
  chain = next;
  return next;
}

async function isIncognito(tabId: number): Promise<boolean> {
  const known = incognito.get(tabId);
  if (known !== undefined) return known;
  let value = true; // a tab we cannot look at is treated as private: better unlogged than leaked
  try {
    value = (await browser.tabs.get(tabId)).incognito;
  } catch {
    // the tab is gone
  }
  incognito.set(tabId, value);
  return value;
}

async function salt(): Promise<string> {
  const stored = await readKey('local', SALT_KEY);
  if (typeof stored === 'string' && /^[0-9a-f]{64}$/.test(stored)) return stored;
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const fresh = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  await writeKeys('local', { [SALT_KEY]: fresh });
  return fresh;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A page with nothing of ad tech on it (no ad, no ad-tech company, no consent tool) is not
 * logged: its record would be a line of browsing history that explains no ad.
 */
export function worthLogging(report: PageReport): boolean {
  const c = report.consent;
  return report.ads.length > 0 || report.companies.length > 0 || c.tcf !== null || c.gpp !== null || c.usp !== null;
}

async function forgetBefore(): Promise<Record<string, number>> {
  const stored = await readKey('session', FORGET_KEY);
  return isRecord(stored) ? (stored as Record<string, number>) : {};
}

/**
 * The record of a tab's current page, or null when it is not to be logged. The id is stable for
 * one visit: the tab, when its document started, and a salted hash of the address (a
 * single-page app's next page is another record; the hash says nothing without the salt).
 */
async function recordOf(tabId: number, snapshot: TabSnapshot, report: PageReport, settings: Settings): Promise<LogRecord | null> {
  if (!settings.logEnabled || !worthLogging(report)) return null;
  const site = siteOf(report.url) ?? '';
  const forget = await forgetBefore();
  if ((forget['*'] ?? 0) >= snapshot.startedAt || (forget[`site:${site}`] ?? 0) >= snapshot.startedAt) return null;
  const secret = await salt();
  const id = `b:${snapshot.startedAt.toString(36)}.${tabId}.${(await sha256Hex(`${secret}\n${report.url}`)).slice(0, 16)}`;
  const record = makeLogRecord(report, {
    id,
    site,
    loggedAt: new Date().toISOString(),
    redaction: 'full',
    where: 'browser',
    signals: { frames: Object.values(snapshot.frames) },
  });
  return redactRecord(record, settings.logRedaction, secret);
}

async function readStatus(): Promise<LogStatus> {
  const settings = await getSettings();
  const stored = await readKey('session', STATUS_KEY);
  const base: LogStatus = { enabled: settings.logEnabled, redaction: settings.logRedaction, lastWriteAt: null, written: 0, problem: null, pruned: 0 };
  return isRecord(stored) ? { ...base, ...(stored as Partial<LogStatus>), enabled: settings.logEnabled, redaction: settings.logRedaction } : base;
}

async function updateStatus(change: (status: LogStatus) => LogStatus): Promise<void> {
  await writeKeys('session', { [STATUS_KEY]: change(await readStatus()) });
}

export const logStatus = readStatus;

async function toOutbox(records: LogRecord[]): Promise<void> {
  if (!records.length) return;
  await writeKeys('session', Object.fromEntries(records.map((r) => [`${OUTBOX_PREFIX}${r.id}`, r])));
}

/** Writes every record in the outbox in one transaction, then empties it. */
function flushOutbox(): Promise<number> {
  return serial(async () => {
    const all = await readAll('session');
    const keys = Object.keys(all).filter((k) => k.startsWith(OUTBOX_PREFIX));
    if (!keys.length) return 0;
    const records = keys.map((k) => all[k] as LogRecord);
    const settings = await getSettings();
    const rules = { maxAgeDays: settings.logMaxAgeDays, maxRecords: settings.logMaxRecords };
    try {
      const { pruned } = await putWithRoom(await database(), records, rules, Date.now());
      await removeKeys('session', keys);
      await updateStatus((s) => ({
        ...s,
        lastWriteAt: Date.now(),
        written: s.written + records.length,
        pruned: s.pruned + pruned,
        // Room had to be made: say so (the person may want to export or raise nothing: the disk is full).
        problem: pruned > 0 ? { code: 'full', message: 'the disk was full: the oldest records were deleted to make room', at: Date.now(), pruned } : null,
      }));
      return records.length;
    } catch (error) {
      const full = error instanceof LogFullError;
      const message = error instanceof Error ? error.message : String(error);
      console.warn('why-this-ad: log not written', error);
      // Kept for the next attempt, but bounded: a disk that stays full must not fill session storage.
      if (keys.length > MAX_OUTBOX) await removeKeys('session', keys.sort((a, b) => String((all[a] as LogRecord).loggedAt).localeCompare(String((all[b] as LogRecord).loggedAt))).slice(0, keys.length - MAX_OUTBOX));
      await updateStatus((s) => ({ ...s, problem: { code: full ? 'full' : 'write-failed', message: message.slice(0, 300), at: Date.now(), pruned: 0 } }));
      return 0;
    }
  });
}

async function capture(tabIds: Iterable<number>, network?: Promise<TabNetwork | null>): Promise<void> {
  const settings = await getSettings();
  if (!settings.logEnabled) return;
  const records: LogRecord[] = [];
  for (const tabId of tabIds) {
    const made = await source(tabId, network);
    if (!made) continue;
    const record = await recordOf(tabId, made.snapshot, made.report, settings);
    if (record) records.push(record);
  }
  await toOutbox(records);
}

async function flushDirty(): Promise<void> {
  timer = null;
  const tabs = [...dirty];
  dirty.clear();
  await capture(tabs);
  await flushOutbox();
  await pruneIfDue();
}

/** A tab's state changed: its record is written within BATCH_MS, together with other changes. */
export async function noteChanged(tabId: number): Promise<void> {
  if (await isIncognito(tabId)) return;
  dirty.add(tabId);
  timer ??= setTimeout(() => void flushDirty().catch((error: unknown) => console.warn('why-this-ad: log flush failed', error)), BATCH_MS);
}

/** The popup is about to show this report: log it first. */
export async function logShown(tabId: number, snapshot: TabSnapshot, report: PageReport): Promise<void> {
  if (await isIncognito(tabId)) return;
  const same = `${snapshot.startedAt}\n${JSON.stringify({ ...report, observedAt: '' })}`;
  if (lastLogged.get(tabId) === same) return;
  const record = await recordOf(tabId, snapshot, report, await getSettings());
  if (!record) return;
  dirty.delete(tabId);
  lastLogged.set(tabId, same);
  await toOutbox([record]);
  await flushOutbox();
}

/**
 * The tab leaves its page or closes: what is known of the page now is its last record. `network`:
 * the page's network state read before the new page reset it (the reset must not wait for us: the
 * new page's first requests need it).
 */
export async function logLeaving(tabId: number, network?: Promise<TabNetwork | null>): Promise<void> {
  if (await isIncognito(tabId)) return;
  dirty.delete(tabId);
  await capture([tabId], network);
  void flushOutbox();
}

export function forgetTabForLog(tabId: number): void {
  dirty.delete(tabId);
  lastLogged.delete(tabId);
  incognito.delete(tabId);
}

/** Everything the log owes, now (start-up, and the dashboard before it reads). */
export async function flushLog(): Promise<number> {
  const tabs = [...dirty];
  dirty.clear();
  await capture(tabs);
  return flushOutbox();
}

async function pruneIfDue(force = false): Promise<void> {
  const last = await readKey('session', PRUNED_AT_KEY);
  if (!force && typeof last === 'number' && Date.now() - last < PRUNE_EVERY_MS) return;
  await writeKeys('session', { [PRUNED_AT_KEY]: Date.now() });
  const settings = await getSettings();
  const pruned = await serial(async () => (await database()).prune({ maxAgeDays: settings.logMaxAgeDays, maxRecords: settings.logMaxRecords }, Date.now()));
  if (pruned) await updateStatus((s) => ({ ...s, pruned: s.pruned + pruned }));
}

/** At the worker's start: write what a stopped worker left in the outbox, apply retention. */
export async function startLog(): Promise<void> {
  await flushOutbox();
  await pruneIfDue(true).catch((error: unknown) => console.warn('why-this-ad: log retention not applied', error));
}

/** Logging was switched off: nothing waiting is written any more. */
export async function stopLogging(): Promise<void> {
  dirty.clear();
  await serial(async () => {
    const all = await readAll('session');
    await removeKeys('session', Object.keys(all).filter((k) => k.startsWith(OUTBOX_PREFIX)));
  });
}

/**
 * Deletes the whole log or one site's records, with what is waiting to be written, and keeps
 * pages open now from being logged again: only pages visited after this are.
 */
export async function deleteLog(site: string | undefined): Promise<number> {
  const now = Date.now();
  await writeKeys('session', { [FORGET_KEY]: { ...(await forgetBefore()), [site === undefined ? '*' : `site:${site}`]: now } });
  if (site === undefined) dirty.clear();
  return serial(async () => {
    const all = await readAll('session');
    const waiting = Object.keys(all).filter((k) => k.startsWith(OUTBOX_PREFIX) && (site === undefined || (all[k] as LogRecord).site === site));
    await removeKeys('session', waiting);
    const log = await database();
    if (site !== undefined) return log.deleteSite(site);
    const { records } = await log.counts();
    await log.deleteAll();
    return records;
  });
}
