/**
 * Where the crawl's records go: standard output or a file, one NDJSON line per record, each
 * written whole with one call as soon as its page is done. So the file is valid NDJSON at every
 * moment, except perhaps for a last line cut off by a kill at the wrong instant, which `--resume`
 * drops. Nothing is buffered in this process: an interrupted crawl has nothing left to flush.
 */
import { closeSync, existsSync, fsyncSync, openSync, truncateSync, writeSync } from 'node:fs';

export interface RecordSink {
  /** The file, or null for standard output. */
  readonly path: string | null;
  writeLine(json: string): void;
  close(): void;
}

function writeAll(fd: number, bytes: Buffer): void {
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}

/**
 * Opens the output. `keepBytes` (resume): the file is cut to that length (its complete lines) and
 * appended to; otherwise it is created or emptied.
 */
export function openSink(out: string, keepBytes: number | null = null): RecordSink {
  if (out === '-') {
    return {
      path: null,
      // Node writes to pipes and files synchronously on Linux and macOS: one write, not buffered.
      writeLine: (json) => void process.stdout.write(`${json}\n`),
      close: () => undefined,
    };
  }
  let fd: number;
  if (keepBytes !== null && existsSync(out)) {
    truncateSync(out, keepBytes);
    fd = openSync(out, 'a');
  } else {
    fd = openSync(out, 'w');
  }
  let open = true;
  return {
    path: out,
    writeLine: (json) => {
      if (open) writeAll(fd, Buffer.from(`${json}\n`, 'utf8'));
    },
    close: () => {
      if (!open) return;
      open = false;
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    },
  };
}
