/** Builds the extension once before the end-to-end tests (scripts/test-all.ts builds it already). */
import { ensureBuilt } from '../../scripts/lib/build';

export default function setup(): void {
  if (process.env.WTA_SKIP_BUILD === '1') return;
  ensureBuilt((line) => process.stderr.write(`${line}\n`), true);
}
