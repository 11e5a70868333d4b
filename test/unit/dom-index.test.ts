/**
 * The content script's index finds, by a few selector queries, exactly the elements a walk over
 * every element with elementKind would: on a small page (one query) and on the benchmark's
 * 10,000-element page (the tags and classes one by one, then the rest in parts).
 */
import { describe, expect, it } from 'vitest';
import { benchPageHtml } from '../../scripts/lib/bench-page';
import { DomIndex } from '../../src/content/dom-index';
import { CANDIDATE, CONTAINER, elementKind, NAMED_LABEL } from '../../src/core/detectors/element-kind';
import { loadHtml } from './dom-fixture';

function byWalk(doc: Document): { candidates: Element[]; containers: Element[]; namedLabels: Element[] } {
  const all = Array.from(doc.querySelectorAll('*'));
  const candidates = all.filter((el) => elementKind(el) & CANDIDATE);
  // A GPT slot with a publisher-chosen id is known only through its "__container__" child.
  const hosts = candidates.filter((el) => el.id.endsWith('__container__')).map((el) => el.parentElement as Element);
  return {
    candidates: all.filter((el) => candidates.includes(el) || hosts.includes(el)),
    containers: all.filter((el) => elementKind(el) & CONTAINER),
    namedLabels: all.filter((el) => elementKind(el) & NAMED_LABEL),
  };
}

const SMALL = `<!doctype html><body>
  <article><span aria-label="Sponsored"></span><p>Post</p></article>
  <div id="slot"><div id="google_ads_iframe_/1/a_0__container__"><iframe id="google_ads_iframe_/1/a_0"></iframe></div></div>
  <div role="article" data-ad-slot="1"><ins class="adsbygoogle"></ins></div>
  <aside aria-label="Advertisement"><div class="OUTBRAIN"></div></aside>
</body>`;

describe('the DOM index', () => {
  it.each([
    ['a small page', SMALL],
    ['the benchmark page', benchPageHtml()],
  ])('finds on %s what a walk over every element finds, in document order', async (_name, html) => {
    const doc = loadHtml(html);
    const snap = await new DomIndex().snapshot(doc);
    expect(snap).toEqual(byWalk(doc));
  });

  it('keeps up with added subtrees and says when they matter', async () => {
    const doc = loadHtml(SMALL);
    const index = new DomIndex();
    await index.snapshot(doc);
    const plain = doc.createElement('p');
    plain.textContent = 'nothing to see';
    expect(index.added([plain])).toBe(false);
    const slot = doc.createElement('div');
    slot.innerHTML = '<ins class="adsbygoogle"></ins>';
    doc.body.prepend(slot, plain);
    expect(index.added([slot, plain])).toBe(true);
    expect((await index.snapshot(doc)).candidates).toEqual(byWalk(doc).candidates);
    slot.remove();
    expect(index.lostAny()).toBe(true);
  });
});
