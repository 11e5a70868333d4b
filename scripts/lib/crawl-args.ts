/** Command-line arguments of `npm run crawl`. Pure, so it is unit-tested. */
import type { Shard } from './crawl-shard';

export type ConsentAnswer = 'accept' | 'reject' | 'none';
export const CONSENT_ANSWERS: readonly ConsentAnswer[] = ['accept', 'reject', 'none'];

/** `auto`: a bar when standard error is a terminal, lines otherwise. */
export type ProgressMode = 'auto' | 'bar' | 'lines' | 'none';
export const PROGRESS_MODES: readonly ProgressMode[] = ['auto', 'bar', 'lines', 'none'];

export interface CrawlArgs {
  urls: string[];
  urlsFile: string | null;
  out: string; // '-' for stdout
  waitMs: number;
  browserArgs: string[];
  headful: boolean;
  timeoutMs: number;
  /** Send Global Privacy Control on every page (the extension's setting), to see whether sites honour it. */
  sendGpc: boolean;
  /** Pages visited at once: tabs of one browser. */
  jobs: number;
  /** Scroll each page down and back before reading it, so that lazily loaded ads load. */
  scroll: boolean;
  consent: ConsentAnswer;
  /** How long to wait for a consent banner to be answered (accept or reject). */
  consentWaitMs: number;
  shard: Shard | null;
  resume: boolean;
  progress: ProgressMode;
}

export const MAX_JOBS = 16;
export const MAX_SHARDS = 10_000;

export const CRAWL_USAGE = `Usage: npm run crawl -- <url…> [--urls file] [--out file|-] [--jobs N] [--wait ms] [--timeout ms]
         [--no-scroll] [--consent accept|reject|none] [--shard i/n] [--resume] [--progress auto|bar|lines|none]
         [--browser-arg FLAG]… [--send-gpc] [--headful]

  <url…>             pages to visit (http or https)
  --urls file        read more URLs from a file, one per line (# after a space starts a comment);
                     a URL given twice is visited once
  --out file|-       where to write the records as NDJSON (default: - for standard output)
  --jobs N           pages visited at once, as tabs of one browser (default 2, at most ${MAX_JOBS})
  --wait ms          how long to stay on each page after it loaded (default 2000)
  --timeout ms       how long a page may take to load (default 30000); a page that hangs longer
                     than its whole visit allows is closed and written as a timeout
  --scroll, --no-scroll
                     scroll each page down in steps over about a second and back up before reading
                     it, so that lazily loaded ads load (default: on)
  --consent accept|reject|none
                     answer the page's consent banner (through @duckduckgo/autoconsent) by accepting
                     or rejecting, or leave it alone (default none); the record says what was found
  --consent-wait ms  how long to wait for the banner to be answered before reading the page
                     (default 5000; used with accept and reject)
  --shard i/n        visit only the i-th of n parts of the list (1-based): the URLs whose position
                     in the list, duplicates removed, modulo n is i-1; the same list gives the same
                     parts on every machine
  --resume           continue the crawl in --out file: keep its complete lines, skip the URLs it
                     has, append the rest (needs --out file)
  --progress mode    auto (default: a bar when standard error is a terminal, else a line every 10%
                     or 25 pages), bar, lines or none; a summary is printed at the end in any case
  --browser-arg FLAG pass a flag to Chromium, e.g. --browser-arg=--proxy-server=http://127.0.0.1:8080
                     (repeatable; also --browser-arg FLAG)
  --send-gpc         send Global Privacy Control (Sec-GPC: 1 and navigator.globalPrivacyControl)
                     on every page, so that the reports flag sites that do not honour it
  --headful          show the browser window

Environment: CHROMIUM_PATH picks the browser binary.`;

export class UsageError extends Error {}

function intOption(name: string, value: string | undefined, min: number, max: number, unit = 'milliseconds'): number {
  if (value === undefined || !/^\d+$/.test(value)) throw new UsageError(`${name} needs a number of ${unit}`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`${name} must be between ${min} and ${max}`);
  return n;
}

function choice<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T {
  const found = allowed.find((a) => a === value);
  if (!found) throw new UsageError(`${name} must be one of ${allowed.join(', ')}`);
  return found;
}

/** `i/n`, 1 ≤ i ≤ n ≤ MAX_SHARDS. */
export function parseShard(value: string | undefined): Shard {
  const match = /^(\d{1,6})\/(\d{1,6})$/.exec(value ?? '');
  if (!match) throw new UsageError('--shard needs i/n, e.g. --shard 1/4');
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || count > MAX_SHARDS) throw new UsageError(`--shard: n must be between 1 and ${MAX_SHARDS}`);
  if (index < 1 || index > count) throw new UsageError(`--shard: i must be between 1 and n (${count})`);
  return { index, count };
}

export function parseCrawlArgs(argv: readonly string[]): CrawlArgs {
  const args: CrawlArgs = {
    urls: [],
    urlsFile: null,
    out: '-',
    waitMs: 2_000,
    browserArgs: [],
    headful: false,
    timeoutMs: 30_000,
    sendGpc: false,
    jobs: 2,
    scroll: true,
    consent: 'none',
    consentWaitMs: 5_000,
    shard: null,
    resume: false,
    progress: 'auto',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => (inline !== undefined ? inline : argv[++i]);
    const noValue = (): void => {
      if (inline !== undefined) throw new UsageError(`${flag} takes no value`);
    };
    switch (flag) {
      case '--urls':
        args.urlsFile = value() ?? null;
        if (!args.urlsFile) throw new UsageError('--urls needs a file');
        break;
      case '--out':
        args.out = value() ?? '';
        if (!args.out) throw new UsageError('--out needs a file, or - for standard output');
        break;
      case '--wait':
        args.waitMs = intOption('--wait', value(), 0, 600_000);
        break;
      case '--timeout':
        args.timeoutMs = intOption('--timeout', value(), 1_000, 600_000);
        break;
      case '--jobs':
        args.jobs = intOption('--jobs', value(), 1, MAX_JOBS, 'pages');
        break;
      case '--scroll':
        noValue();
        args.scroll = true;
        break;
      case '--no-scroll':
        noValue();
        args.scroll = false;
        break;
      case '--consent':
        args.consent = choice('--consent', value(), CONSENT_ANSWERS);
        break;
      case '--consent-wait':
        args.consentWaitMs = intOption('--consent-wait', value(), 0, 60_000);
        break;
      case '--shard':
        args.shard = parseShard(value());
        break;
      case '--resume':
        noValue();
        args.resume = true;
        break;
      case '--progress':
        args.progress = choice('--progress', value(), PROGRESS_MODES);
        break;
      case '--browser-arg': {
        const v = value();
        if (!v) throw new UsageError('--browser-arg needs a flag, e.g. --browser-arg=--proxy-server=…');
        args.browserArgs.push(v);
        break;
      }
      case '--headful':
        noValue();
        args.headful = true;
        break;
      case '--send-gpc':
        noValue();
        args.sendGpc = true;
        break;
      case '--help':
      case '-h':
        throw new UsageError('');
      default:
        if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
        args.urls.push(arg);
    }
  }
  if (args.resume && args.out === '-') throw new UsageError('--resume needs --out file: it continues the crawl written there');
  return args;
}

/**
 * URLs from a list file: one a line, blank lines and comments skipped. A comment starts with a #
 * at the start of a line or after a space, so that a URL's own #fragment stays.
 */
export function parseUrlList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/(^|\s)#.*/, '').trim())
    .filter(Boolean);
}

const quote = (arg: string): string => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

/** The command that continues a crawl started with these arguments (shell-quoted). */
export function resumeCommand(argv: readonly string[]): string {
  const args = argv.includes('--resume') ? argv : [...argv, '--resume'];
  return `npm run crawl -- ${args.map(quote).join(' ')}`;
}
