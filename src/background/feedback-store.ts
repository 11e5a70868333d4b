/** Feedback on our detection, kept in storage.local (newest first, capped) until the person deletes it. */
import { feedbackValidator, MAX_FEEDBACK, type ElementDescription, type Feedback, type FeedbackKind } from '../shared/feedback';
import { array } from '../shared/validate';
import { readKey, writeKeys } from '../platform/storage';

const KEY = 'feedback:v1';
const stored = array(feedbackValidator, MAX_FEEDBACK);
let queue: Promise<unknown> = Promise.resolve();

export async function listFeedback(): Promise<Feedback[]> {
  const parsed = stored(await readKey('local', KEY));
  return parsed.ok ? parsed.value : [];
}

/** Serialised, so two reports at once cannot overwrite each other. */
function change(update: (list: Feedback[]) => Feedback[]): Promise<Feedback[]> {
  const next = queue.catch(() => undefined).then(async () => {
    const list = update(await listFeedback()).slice(0, MAX_FEEDBACK);
    await writeKeys('local', { [KEY]: list });
    return list;
  });
  queue = next;
  return next;
}

export async function addFeedback(kind: FeedbackKind, pageUrl: string, element: ElementDescription, frameUrl?: string): Promise<Feedback> {
  const entry: Feedback = {
    id: crypto.randomUUID(),
    kind,
    at: new Date().toISOString(),
    pageUrl: pageUrl.slice(0, 2048),
    ...(frameUrl ? { frameUrl: frameUrl.slice(0, 2048) } : {}),
    element,
  };
  await change((list) => [entry, ...list]);
  return entry;
}

export function deleteFeedback(id?: string): Promise<Feedback[]> {
  return change((list) => (id === undefined ? [] : list.filter((f) => f.id !== id)));
}
