/**
 * The "ready" marker: written to storage.session once every listener is registered and start-up
 * work is done. Tests and the crawl command wait for it before navigating. The boot id changes on
 * every start of the worker, which is how a test proves that the worker really restarted.
 */
import { writeKeys } from '../platform/storage';

export const READY_KEY = 'ready';
export const bootId = crypto.randomUUID();

export async function markReady(): Promise<void> {
  await writeKeys('session', { [READY_KEY]: { bootId, readyAt: Date.now() } });
}
