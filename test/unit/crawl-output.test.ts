import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSink } from '../../scripts/lib/crawl-output';

const dir = mkdtempSync(join(tmpdir(), 'crawl-output-'));

describe('crawl output', () => {
  it('starts a file afresh and writes each line whole, at once', () => {
    const path = join(dir, 'fresh.ndjson');
    writeFileSync(path, 'old content\n');
    const sink = openSink(path);
    expect(sink.path).toBe(path);
    sink.writeLine('{"a":1}');
    // Written through, not buffered: the file holds the line before the sink is closed.
    expect(readFileSync(path, 'utf8')).toBe('{"a":1}\n');
    sink.writeLine('{"b":"é"}');
    sink.close();
    sink.close();
    sink.writeLine('{"late":true}');
    expect(readFileSync(path, 'utf8')).toBe('{"a":1}\n{"b":"é"}\n');
  });

  it('on resume, cuts the file to its complete lines and appends', () => {
    const path = join(dir, 'resume.ndjson');
    writeFileSync(path, '{"a":1}\n{"b":2}\n{"c":');
    const sink = openSink(path, Buffer.byteLength('{"a":1}\n{"b":2}\n'));
    sink.writeLine('{"c":3}');
    sink.close();
    expect(readFileSync(path, 'utf8')).toBe('{"a":1}\n{"b":2}\n{"c":3}\n');
    // Resuming a file that is not there starts it.
    const fresh = openSink(join(dir, 'missing.ndjson'), 0);
    fresh.writeLine('{}');
    fresh.close();
    expect(readFileSync(join(dir, 'missing.ndjson'), 'utf8')).toBe('{}\n');
  });

  it('writes to standard output for -', () => {
    expect(openSink('-').path).toBeNull();
  });
});
