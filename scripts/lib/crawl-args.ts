/** Command-line arguments of `npm run crawl`. Pure, so it is unit-tested. */
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
}

export const CRAWL_USAGE = `Usage: npm run crawl -- <url…> [--urls file] [--out file|-] [--wait ms] [--timeout ms] [--browser-arg FLAG]… [--send-gpc] [--headful]

  <url…>             pages to visit (http or https)
  --urls file        read more URLs from a file, one per line (# starts a comment)
  --out file|-       where to write the reports as NDJSON (default: - for standard output)
  --wait ms          how long to stay on each page after it loaded (default 2000)
  --timeout ms       how long a page may take to load (default 30000)
  --browser-arg FLAG pass a flag to Chromium, e.g. --browser-arg=--proxy-server=http://127.0.0.1:8080
                     (repeatable; also --browser-arg FLAG)
  --send-gpc         send Global Privacy Control (Sec-GPC: 1 and navigator.globalPrivacyControl)
                     on every page, so that the reports flag sites that do not honour it
  --headful          show the browser window

Environment: CHROMIUM_PATH picks the browser binary.`;

export class UsageError extends Error {}

function intOption(name: string, value: string | undefined, min: number, max: number): number {
  if (value === undefined || !/^\d+$/.test(value)) throw new UsageError(`${name} needs a number of milliseconds`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`${name} must be between ${min} and ${max}`);
  return n;
}

export function parseCrawlArgs(argv: readonly string[]): CrawlArgs {
  const args: CrawlArgs = { urls: [], urlsFile: null, out: '-', waitMs: 2_000, browserArgs: [], headful: false, timeoutMs: 30_000, sendGpc: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => (inline !== undefined ? inline : argv[++i]);
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
      case '--browser-arg': {
        const v = value();
        if (!v) throw new UsageError('--browser-arg needs a flag, e.g. --browser-arg=--proxy-server=…');
        args.browserArgs.push(v);
        break;
      }
      case '--headful':
        args.headful = true;
        break;
      case '--send-gpc':
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
  return args;
}

/** URLs from a list file: one a line, blank lines and # comments skipped. */
export function parseUrlList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean);
}
