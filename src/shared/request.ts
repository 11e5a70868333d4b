/** Sends one typed request through whichever send function the context has, turning failures into values. */
import type { BackgroundRequests, BackgroundRequestType, Reply } from './protocol';

export async function requestVia<K extends BackgroundRequestType>(
  send: (message: unknown) => Promise<unknown>,
  type: K,
  payload: BackgroundRequests[K]['req'],
): Promise<Reply<BackgroundRequests[K]['res']>> {
  try {
    const reply = (await send({ type, payload })) as Reply<BackgroundRequests[K]['res']> | undefined;
    return reply ?? { ok: false, error: 'no reply' };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
