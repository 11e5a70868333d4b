/**
 * `--resume`: what an interrupted crawl's output already holds. Lines are read as bytes, in chunks
 * (an output of many thousands of pages need not fit in memory as one string). A complete line
 * is one that ends in a newline; what follows the last newline is a line cut off by the
 * interruption, and the file is truncated to drop it before the run appends. The run id is the
 * one of the first valid record; records of other runs (a file someone appended to) and lines
 * that are not crawl records stay in the file but are counted, not trusted.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { LOG_RECORD_SCHEMA } from '../../src/core/log/record';
import { parseRecordId } from './crawl-record';

export interface ResumeState {
  /** The run the file continues; null when it has no valid record (then a new run starts). */
  runId: string | null;
  /** URL keys (crawl-record.ts urlKey) of the run's records: the URLs to skip. */
  done: Set<string>;
  /** Complete lines that are records of the run. */
  kept: number;
  /** Valid crawl records of another run. */
  foreign: number;
  /** Complete lines that are not crawl records (not JSON, another schema, a bad id). */
  invalid: number;
  /** Where the complete lines end: the file is truncated to this many bytes. */
  completeBytes: number;
  /** The bytes after the last newline (0 when the file ends with one). */
  partialBytes: number;
}

const NEWLINE = 0x0a;

/** The run id and URL key of a line when it is a crawl record, else null. */
export function recordKeyOf(line: string): { runId: string; key: string } | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  if (record.schema !== LOG_RECORD_SCHEMA || record.where !== 'crawl' || typeof record.id !== 'string') return null;
  const report = record.report as Record<string, unknown> | null | undefined;
  if (!report || typeof report !== 'object' || typeof report.url !== 'string') return null;
  if (!record.crawl || typeof record.crawl !== 'object') return null;
  return parseRecordId(record.id);
}

/** Scans an output given as chunks of bytes, cut anywhere (even inside a character). */
export function scanResume(chunks: Iterable<Uint8Array>): ResumeState {
  const state: ResumeState = { runId: null, done: new Set(), kept: 0, foreign: 0, invalid: 0, completeBytes: 0, partialBytes: 0 };
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const line = (bytes: Buffer): void => {
    const text = bytes.toString('utf8').trim();
    if (!text) return;
    const key = recordKeyOf(text);
    if (!key) {
      state.invalid++;
      return;
    }
    state.runId ??= key.runId;
    if (key.runId !== state.runId) {
      state.foreign++;
      return;
    }
    state.kept++;
    state.done.add(key.key);
  };
  for (const chunk of chunks) {
    const buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    for (let nl = buffer.indexOf(NEWLINE, start); nl !== -1; nl = buffer.indexOf(NEWLINE, start)) {
      const piece = buffer.subarray(start, nl);
      line(pending.length ? Buffer.concat([...pending, piece]) : piece);
      state.completeBytes += pendingBytes + piece.length + 1;
      pending = [];
      pendingBytes = 0;
      start = nl + 1;
    }
    if (start < buffer.length) {
      // Copied: the reader reuses its buffer for the next chunk.
      pending.push(Buffer.from(buffer.subarray(start)));
      pendingBytes += buffer.length - start;
    }
  }
  state.partialBytes = pendingBytes;
  return state;
}

/** The chunks of a file, read with one reused buffer. */
export function* fileChunks(path: string, size = 1 << 20): Generator<Uint8Array> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(size);
    for (let n = readSync(fd, buffer, 0, size, null); n > 0; n = readSync(fd, buffer, 0, size, null)) yield buffer.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

export function readResume(path: string): ResumeState {
  return scanResume(fileChunks(path));
}
