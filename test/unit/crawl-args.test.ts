import { describe, expect, it } from 'vitest';
import { parseCrawlArgs, parseUrlList, UsageError } from '../../scripts/lib/crawl-args';

describe('crawl arguments', () => {
  it('reads URLs and every option, with --browser-arg in both forms', () => {
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
      'http://b.example/',
    ]);
    expect(args).toEqual({
      urls: ['https://a.example/', 'http://b.example/'],
      urlsFile: 'list.txt',
      out: 'reports.ndjson',
      waitMs: 500,
      browserArgs: ['--host-resolver-rules=MAP x 127.0.0.1', '--proxy-server=http://127.0.0.1:1'],
      headful: false,
      timeoutMs: 5000,
      sendGpc: true,
    });
    expect(parseCrawlArgs(['https://a.example/']).sendGpc).toBe(false);
  });

  it.each([
    [['--wait'], '--wait needs'],
    [['--wait', 'soon'], '--wait needs'],
    [['--timeout=1'], 'between'],
    [['--browser-arg'], '--browser-arg needs'],
    [['--frobnicate'], 'unknown option'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCrawlArgs(argv)).toThrow(UsageError);
    expect(() => parseCrawlArgs(argv)).toThrow(message);
  });

  it('reads URL lists with comments and blank lines', () => {
    expect(parseUrlList('https://a.example/\n\n# skip\nhttps://b.example/  # note\r\n')).toEqual(['https://a.example/', 'https://b.example/']);
  });
});
