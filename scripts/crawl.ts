/**
 * `npm run crawl -- <url…>`: visits each URL in headless Chromium with the extension, several tabs
 * at once, and writes one LogRecord (the research log's NDJSON schema) per URL, each line as soon as
 * its page is done. Lists of thousands are split with --shard, continued with --resume, and
 * interrupted with Ctrl+C or SIGTERM without harm. Progress and the summary go to stderr.
 */
import { existsSync, readFileSync } from 'node:fs';
import { CRAWL_USAGE, parseCrawlArgs, parseUrlList, resumeCommand, UsageError, type CrawlArgs } from './lib/crawl-args';
import { ConsentDriver } from './lib/crawl-consent';
import { openSink, type RecordSink } from './lib/crawl-output';
import { runPool } from './lib/crawl-pool';
import { Progress } from './lib/crawl-progress';
import { crawlRecord, newRunId, urlKey } from './lib/crawl-record';
import { readResume } from './lib/crawl-resume';
import { visitPage, type PageVisit } from './lib/crawl-run';
import { dedupe, shardOf } from './lib/crawl-shard';
import { CrawlStop, exitCodeFor } from './lib/crawl-stop';
import { countRecord, formatSummary, newStats } from './lib/crawl-summary';
import { log, runMain } from './lib/cli';
import { ensureBuilt } from './lib/build';
import { ask, launchWithExtension, type ExtensionBrowser } from './lib/extension-browser';

/** How long closing the browser may take before the crawl exits anyway (Playwright's exit handler then kills it). */
const CLOSE_TIMEOUT_MS = 15_000;

function parse(argv: string[]): CrawlArgs | number {
  try {
    const args = parseCrawlArgs(argv);
    if (args.urlsFile) args.urls.push(...parseUrlList(readFileSync(args.urlsFile, 'utf8')));
    if (!args.urls.length) throw new UsageError('no URL given');
    return args;
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message) log(`crawl: ${error.message}\n`);
      log(CRAWL_USAGE);
      return error.message ? 2 : 0;
    }
    log(`crawl: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

async function closeBrowser(ext: ExtensionBrowser): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([ext.close(), new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_TIMEOUT_MS)))]);
  clearTimeout(timer);
}

async function main(argv: string[]): Promise<number> {
  const parsed = parse(argv);
  if (typeof parsed === 'number') return parsed;
  const args = parsed;

  const listed = dedupe(args.urls);
  const mine = shardOf(listed, args.shard);
  let runId: string | null = null;
  let keepBytes: number | null = null;
  let done = new Set<string>();
  if (args.resume && existsSync(args.out)) {
    const state = readResume(args.out);
    ({ runId, done } = state);
    keepBytes = state.completeBytes;
    const notes = [`${state.kept} records of run ${runId ?? '(none)'} kept`];
    if (state.partialBytes) notes.push(`a cut-off last line of ${state.partialBytes} bytes dropped`);
    if (state.foreign) notes.push(`${state.foreign} records of other runs ignored`);
    if (state.invalid) notes.push(`${state.invalid} lines that are not crawl records ignored`);
    log(`Resuming ${args.out}: ${notes.join(', ')}.`);
  } else if (args.resume) {
    log(`Resuming: ${args.out} does not exist yet, starting a new run.`);
  }
  runId ??= newRunId();
  const todo = mine.filter((url) => !done.has(urlKey(url)));
  const skipped = mine.length - todo.length;
  const shardNote = args.shard ? `, shard ${args.shard.index}/${args.shard.count} of ${listed.length} listed` : '';
  log(`Crawl ${runId}: ${todo.length} pages to visit${shardNote}${skipped ? `, ${skipped} already done` : ''}, ${args.jobs} at a time.`);

  const stats = newStats(todo.length, skipped, Date.now());
  const progress = new Progress(args.progress, process.stderr);
  const summary = (interrupted: boolean): void => {
    for (const line of formatSummary(stats, { consent: args.consent, now: Date.now(), interrupted, out: args.out })) progress.log(line);
  };
  if (!todo.length) {
    // Nothing left to visit; a cut-off last line (of another run's URL) still goes.
    if (keepBytes !== null) openSink(args.out, keepBytes).close();
    summary(false);
    return 0;
  }

  const stop = new CrawlStop();
  stop.install();
  let sink: RecordSink | null = null;
  let ext: ExtensionBrowser | null = null;
  try {
    const extensionDir = ensureBuilt(log);
    ext = await launchWithExtension({ extensionDir, headless: !args.headful, args: args.browserArgs });
    stop.takeOver();
    const browser = ext;
    let browserClosed = false;
    const closed = new Promise<'browser'>((resolve) =>
      browser.context.on('close', () => {
        browserClosed = true;
        resolve('browser');
      }),
    );
    const halted = (): boolean => stop.requested || browserClosed;

    let ended: 'done' | 'signal' | 'browser' = 'signal';
    if (!stop.requested) {
      // The crawl's output is its log: the extension's own log in this throwaway profile would only cost time.
      await ask(browser, 'ui:setSettings', { logEnabled: false, ...(args.sendGpc ? { sendGpc: true } : {}) });
      const consent = await ConsentDriver.install(browser.context, args.consent);
      // Opened once the browser is up: a crawl that cannot start leaves the output as it was.
      const output = (sink = openSink(args.out, args.resume ? keepBytes : null));
      const options = { waitMs: args.waitMs, timeoutMs: args.timeoutMs, scroll: args.scroll, consentWaitMs: args.consentWaitMs };
      const pool = runPool(
        todo,
        args.jobs,
        async (url) => {
          let visit: PageVisit;
          try {
            visit = await visitPage(browser, url, options, consent);
          } catch (error) {
            if (halted()) return;
            throw error;
          }
          // A page under way when the crawl was stopped is dropped, not written as an error: --resume does it.
          if (halted()) return;
          const record = crawlRecord(runId, url, visit.report, visit.crawl);
          output.writeLine(JSON.stringify(record));
          countRecord(stats, record);
          progress.update(stats);
        },
        halted,
      );
      ended = await Promise.race([pool.then(() => 'done' as const), stop.stopped.then(() => 'signal' as const), closed]);
    }

    progress.clear();
    if (ended === 'signal') log(`crawl: ${stop.signal ?? 'a signal'} received: stopping; the pages under way are not written.`);
    if (ended === 'browser') log('crawl: the browser closed unexpectedly; the pages under way are not written.');
    await closeBrowser(browser);
    ext = null;
    sink?.close();
    sink = null;
    summary(ended !== 'done');
    if (ended === 'done') return 0;
    log(args.out === '-' ? 'To be able to resume a crawl, write it to a file with --out file.' : `To continue: ${resumeCommand(argv)}`);
    if (ended === 'browser') return 1;
    const code = exitCodeFor(stop.signal ?? 'SIGTERM');
    // Whatever of the dropped pages still waits on a timer must not keep the process alive.
    setTimeout(() => process.exit(code), 2_000).unref();
    return code;
  } finally {
    if (ext) await closeBrowser(ext);
    sink?.close();
    stop.dispose();
  }
}

runMain('crawl', main);
