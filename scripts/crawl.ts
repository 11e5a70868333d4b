/**
 * `npm run crawl -- <url…>`: visits each URL in headless Chromium with the extension and writes
 * one PageReport per URL as NDJSON, each line as soon as its page is done. Progress goes to stderr.
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { CRAWL_USAGE, parseCrawlArgs, parseUrlList, UsageError, type CrawlArgs } from './lib/crawl-args';
import { visit } from './lib/crawl-run';
import { log, runMain } from './lib/cli';
import { ensureBuilt } from './lib/build';
import { ask, launchWithExtension } from './lib/extension-browser';


async function main(argv: string[]): Promise<number> {
  let args: CrawlArgs;
  try {
    args = parseCrawlArgs(argv);
    if (args.urlsFile) args.urls.push(...parseUrlList(readFileSync(args.urlsFile, 'utf8')));
    if (!args.urls.length) throw new UsageError('no URL given');
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message) log(`crawl: ${error.message}\n`);
      log(CRAWL_USAGE);
      return error.message ? 2 : 0;
    }
    log(`crawl: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }

  const out = args.out === '-' ? process.stdout : createWriteStream(args.out, { flags: 'w' });
  const extensionDir = ensureBuilt(log);
  const ext = await launchWithExtension({ extensionDir, headless: !args.headful, args: args.browserArgs });
  let failed = 0;
  try {
    if (args.sendGpc) await ask(ext, 'ui:setSettings', { sendGpc: true });
    for (const [i, url] of args.urls.entries()) {
      const report = await visit(ext, url, { waitMs: args.waitMs, timeoutMs: args.timeoutMs });
      out.write(`${JSON.stringify(report)}\n`);
      if (report.error) failed++;
      const shown = report.ads.filter((a) => a.status === 'shown').length;
      log(`[${i + 1}/${args.urls.length}] ${url} ${report.error ? `error: ${report.error.code}: ${report.error.message}` : `${shown} ads`}`);
    }
  } finally {
    await ext.close();
    if (out !== process.stdout) await new Promise<void>((ok) => (out as ReturnType<typeof createWriteStream>).end(ok));
  }
  log(`Done: ${args.urls.length - failed} pages visited, ${failed} failed.`);
  return 0;
}

runMain('crawl', main);
