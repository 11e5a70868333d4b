/** What one scan of a frame looks at: the indexed candidates plus the posts found by their label. */
import { DomIndex, inDocumentOrder } from './dom-index';
import { LabelFinder, type FoundLabel } from './labels';

export interface Collected {
  candidates: Element[];
  labelled: Map<Element, FoundLabel>;
}

/**
 * `prepare` may look at the posts not seen yet beforehand (the scanner does so in 4 ms slices);
 * whatever it leaves is looked at here.
 */
export async function collect(
  doc: Document,
  index: DomIndex = new DomIndex(),
  labels: LabelFinder = new LabelFinder(),
  prepare: (unknown: Element[]) => Promise<void> = async () => undefined,
): Promise<Collected> {
  const snap = await index.snapshot(doc);
  await prepare(labels.unknown(snap.containers));
  const labelled = labels.find(snap.containers, snap.namedLabels);
  const candidates = labelled.size ? inDocumentOrder([...new Set([...snap.candidates, ...labelled.keys()])]) : snap.candidates;
  return { candidates, labelled };
}
