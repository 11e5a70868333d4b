import { describe, expect, it } from 'vitest';
import { CRAWL_USAGE, parseCrawlArgs, parseShard, parseUrlList, resumeCommand, UsageError } from '../../scripts/lib/crawl-args';

describe('crawl arguments', () => {
  it('reads URLs and every option, with values inline or after the flag', () => {
    const args = parseCrawlArgs([
      'https://a.example/',
      '--wait',
      '500',
      '--browser-arg',
      '--host-resolver-rules=MAP x 127.0.0.1',
      '--browser-arg=--proxy-server=http://127.0.0.1:1',
      '--out=reports.ndjson',
      '--urls',
      'list.txt',
      '--timeout=5000',
      '--send-gpc',
      '--jobs',
      '8',
      '--no-scroll',
      '--consent=reject',
      '--consent-wait',
      '2500',
      '--shard',
      '2/5',
      '--resume',
      '--progress=lines',
      '--headful',
      'http://b.example/',
    ]);
    expect(args).toEqual({
      urls: ['https://a.example/', 'http://b.example/'],
      urlsFile: 'list.txt',
      out: 'reports.ndjson',
      waitMs: 500,
      browserArgs: ['--host-resolver-rules=MAP x 127.0.0.1', '--proxy-server=http://127.0.0.1:1'],
      headful: true,
      timeoutMs: 5000,
      sendGpc: true,
      jobs: 8,
      scroll: false,
      consent: 'reject',
      consentWaitMs: 2500,
      shard: { index: 2, count: 5 },
      resume: true,
      progress: 'lines',
    });
  });

  it('has the documented defaults', () => {
    expect(parseCrawlArgs(['https://a.example/'])).toEqual({
      urls: ['https://a.example/'],
      urlsFile: null,
      out: '-',
      waitMs: 2000,
      browserArgs: [],
      headful: false,
      timeoutMs: 30_000,
      sendGpc: false,
      jobs: 2,
      scroll: true,
      consent: 'none',
      consentWaitMs: 5000,
      shard: null,
      resume: false,
      progress: 'auto',
    });
  });

  it('takes the last of --scroll and --no-scroll, and every consent answer and progress mode', () => {
    expect(parseCrawlArgs(['--no-scroll', '--scroll']).scroll).toBe(true);
    expect(parseCrawlArgs(['--scroll', '--no-scroll']).scroll).toBe(false);
    for (const consent of ['accept', 'reject', 'none'] as const) expect(parseCrawlArgs(['--consent', consent]).consent).toBe(consent);
    for (const progress of ['auto', 'bar', 'lines', 'none'] as const) expect(parseCrawlArgs([`--progress=${progress}`]).progress).toBe(progress);
    expect(parseCrawlArgs(['--jobs=1']).jobs).toBe(1);
    expect(parseCrawlArgs(['--jobs=16']).jobs).toBe(16);
    expect(parseCrawlArgs(['--shard=1/1']).shard).toEqual({ index: 1, count: 1 });
  });

  it.each([
    [['--wait'], '--wait needs'],
    [['--wait', 'soon'], '--wait needs'],
    [['--timeout=1'], 'between'],
    [['--browser-arg'], '--browser-arg needs'],
    [['--frobnicate'], 'unknown option'],
    [['--jobs'], '--jobs needs a number of pages'],
    [['--jobs=0'], 'between 1 and 16'],
    [['--jobs=17'], 'between 1 and 16'],
    [['--jobs=-2'], '--jobs needs'],
    [['--consent'], '--consent must be one of accept, reject, none'],
    [['--consent=yes'], '--consent must be one of'],
    [['--consent-wait=60001'], 'between 0 and 60000'],
    [['--shard'], '--shard needs i/n'],
    [['--shard=2'], '--shard needs i/n'],
    [['--shard=0/3'], 'i must be between 1 and n'],
    [['--shard=4/3'], 'i must be between 1 and n'],
    [['--shard=1/0'], 'n must be between 1 and'],
    [['--shard=1/20000'], 'n must be between 1 and'],
    [['--shard=-1/3'], '--shard needs i/n'],
    [['--resume'], '--resume needs --out file'],
    [['--resume', '--out', '-'], '--resume needs --out file'],
    [['--progress=fancy'], '--progress must be one of auto, bar, lines, none'],
    [['--no-scroll=1'], '--no-scroll takes no value'],
    [['--resume=yes', '--out=x'], '--resume takes no value'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCrawlArgs(argv)).toThrow(UsageError);
    expect(() => parseCrawlArgs(argv)).toThrow(message);
  });

  it('asks for help with --help and -h (an empty usage error)', () => {
    expect(() => parseCrawlArgs(['--help'])).toThrow(new UsageError(''));
    expect(() => parseCrawlArgs(['-h'])).toThrow(new UsageError(''));
  });

  it('documents every option in its usage', () => {
    for (const flag of ['--urls', '--out', '--jobs', '--wait', '--timeout', '--no-scroll', '--consent ', '--consent-wait', '--shard', '--resume', '--progress', '--browser-arg', '--send-gpc', '--headful']) {
      expect(CRAWL_USAGE).toContain(flag);
    }
  });

  it('parses shards', () => {
    expect(parseShard('3/7')).toEqual({ index: 3, count: 7 });
    expect(() => parseShard(undefined)).toThrow(UsageError);
    expect(() => parseShard('1/2/3')).toThrow(UsageError);
  });

  it('reads URL lists with comments and blank lines, keeping fragments', () => {
    expect(parseUrlList('https://a.example/\n\n# skip\nhttps://b.example/  # note\r\nhttps://c.example/#top\n  # indented comment\n')).toEqual([
      'https://a.example/',
      'https://b.example/',
      'https://c.example/#top',
    ]);
  });

  it('says how to resume, quoting what the shell would split', () => {
    expect(resumeCommand(['--urls', 'list.txt', '--out', 'out.ndjson', '--shard=1/2'])).toBe('npm run crawl -- --urls list.txt --out out.ndjson --shard=1/2 --resume');
    expect(resumeCommand(['--out=my file.ndjson', '--resume', "--browser-arg=--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE it's"])).toBe(
      `npm run crawl -- '--out=my file.ndjson' --resume '--browser-arg=--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE it'\\''s'`,
    );
  });
});
