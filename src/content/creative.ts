/**
 * Inside an ad frame (a creative GPT or AdSense named, a SafeFrame, a frame an SSP or a creative
 * nested): one cheap read of the DOM once the frame has loaded, and once more a little later for
 * creatives that render late. It reads attributes and text only (no layout, no observer) and sends
 * raw, capped facts; the background decides what they mean and which ad they belong to.
 */
import { CREATIVE_LIMITS, type CreativeFacts, type CreativeLink, type CreativeLinkMark } from '../shared/creative-facts';
import { request } from './messaging';

/** Elements looked at per selector: a creative has a handful; a frame with thousands is no creative. */
const MAX_ELEMENTS = 200;
const MAX_TEXT_NODES = 400;
const MAX_INLINE_SCRIPTS = 16;
const MAX_SCRIPT_CHARS = 64 * 1024;
const MAX_ATTRIBUTE_CHARS = 16 * 1024;
/** A second read for creatives that render after load (a script writing the ad into a nested frame). */
const LATE_READ_MS = 1_500;
/** document.open() erases the load listener of a frame a script writes into: a read at this time stands in. */
const FALLBACK_MS = 3_000;

/** The words of SPONSOR, anywhere in the text: the cheap test before looking for where. */
const SPONSOR_ANYWHERE = /\b(?:sponsored by|promoted by|paid for by|gesponsord door|aangeboden door)/i;
/** Documents with more elements than this are not read for a sponsor line. */
const MAX_SPONSOR_ELEMENTS = 2_000;
const SPONSOR = /\b(?:sponsored by|promoted by|paid for by|gesponsord door|aangeboden door)\s*[:\-–]?\s*(.*)$/i;
/** AdCOM `display.priv` and ORTB native `privacy`, as JSON in a creative's inline script (the TripleLift creative in prebid.js has one). */
const NOTICE_IN_SCRIPT = /"(?:priv|privacy)"\s*:\s*"((?:[^"\\\n]|\\.){8,2048})"/g;
const WHY_THIS_AD_IN_ATTRIBUTE = /https:(?:\\?\/){2}adssettings\.google\.com(?:\\?\/)whythisad[^"'\s\\,\]]*/;

function absoluteHttp(raw: string | null, base: string): string | null {
  if (!raw || raw.startsWith('#')) return null;
  try {
    const url = new URL(raw, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.href.length <= CREATIVE_LIMITS.hrefLength ? url.href : null;
  } catch {
    return null;
  }
}

function firstOf<T extends Element>(list: NodeListOf<T>): T[] {
  const out: T[] = [];
  for (let i = 0; i < list.length && i < MAX_ELEMENTS; i++) out.push(list[i] as T);
  return out;
}

function sponsorOf(doc: Document): string | undefined {
  const root = doc.body;
  if (!root) return undefined;
  // Most creatives name no sponsor: one native read of the text rules that out without making a
  // wrapper for each text node. A document this big is no creative.
  if (doc.getElementsByTagName('*').length > MAX_SPONSOR_ELEMENTS || !SPONSOR_ANYWHERE.test(root.textContent ?? '')) return undefined;
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  let pending = false;
  for (let i = 0; i < MAX_TEXT_NODES; i++) {
    const node = walker.nextNode();
    if (!node) break;
    const parent = node.parentElement?.localName;
    if (parent === 'script' || parent === 'style' || parent === 'noscript' || parent === 'template') continue;
    const value = (node.nodeValue ?? '').slice(0, 500).replace(/\s+/g, ' ').trim();
    if (!value) continue;
    // "Sponsored by" and the name are often two elements: the name is then the next text.
    if (pending) return value.slice(0, CREATIVE_LIMITS.sponsorLength);
    const m = SPONSOR.exec(value);
    if (!m) continue;
    const name = (m[1] ?? '').trim();
    if (name) return name.slice(0, CREATIVE_LIMITS.sponsorLength);
    pending = true;
  }
  return undefined;
}

/** Reads a creative's document. Exported for the unit tests; the extension calls watchCreative(). */
export function readCreative(doc: Document, frameName: string): CreativeFacts {
  const base = doc.baseURI;
  const links = new Map<string, CreativeLink>();
  const add = (href: string | null, mark?: CreativeLinkMark): void => {
    if (!href || links.size >= CREATIVE_LIMITS.links) return;
    const known = links.get(href);
    if (known) {
      if (mark && !known.mark) known.mark = mark;
      return;
    }
    links.set(href, mark ? { href, mark } : { href });
  };

  // Marked links first, so the cap never drops them: Google's AdChoices block (§5.1) and any
  // anchor around an AdChoices icon (§5.2).
  for (const a of firstOf(doc.querySelectorAll<HTMLAnchorElement>('a#abgl[href], a.abgl[href]'))) add(absoluteHttp(a.getAttribute('href'), base), 'abgl');
  for (const a of firstOf(doc.querySelectorAll<HTMLAnchorElement>('[id^="abg"] a[href]'))) add(absoluteHttp(a.getAttribute('href'), base), 'adchoices');
  for (const img of firstOf(doc.querySelectorAll('img[alt="AdChoices" i]'))) add(absoluteHttp(img.closest('a[href]')?.getAttribute('href') ?? null, base), 'adchoices');
  // Best effort (§5.1): abg_lite.js names the whythisad URL in an attribute; the format drifts.
  for (const s of firstOf(doc.querySelectorAll('script[data-jcp-attribution-data]'))) {
    const found = WHY_THIS_AD_IN_ATTRIBUTE.exec((s.getAttribute('data-jcp-attribution-data') ?? '').slice(0, MAX_ATTRIBUTE_CHARS));
    if (found) add(absoluteHttp(found[0].replace(/\\\//g, '/'), base), 'abgl');
  }
  let scripts = 0;
  for (const s of firstOf(doc.querySelectorAll<HTMLScriptElement>('script:not([src])'))) {
    if (++scripts > MAX_INLINE_SCRIPTS) break;
    for (const m of s.text.slice(0, MAX_SCRIPT_CHARS).matchAll(NOTICE_IN_SCRIPT)) {
      let value: unknown = null;
      try {
        value = JSON.parse(`"${m[1] ?? ''}"`);
      } catch {
        continue;
      }
      if (typeof value === 'string') add(absoluteHttp(value, base), 'privacy');
    }
  }
  for (const a of firstOf(doc.querySelectorAll('a[href], area[href]'))) add(absoluteHttp(a.getAttribute('href'), base));

  const hosts = new Set<string>();
  for (const el of firstOf(doc.querySelectorAll('img[src], iframe[src], script[src], embed[src], video[src], source[src]'))) {
    if (hosts.size >= CREATIVE_LIMITS.hosts) break;
    const href = absoluteHttp(el.getAttribute('src'), base);
    if (!href) continue;
    const host = new URL(href).hostname.toLowerCase();
    if (host.length <= CREATIVE_LIMITS.hostLength) hosts.add(host);
  }

  const sponsor = sponsorOf(doc);
  const name = /^google_ads_iframe_/.test(frameName) ? frameName.slice(0, CREATIVE_LIMITS.nameLength) : undefined;
  return { links: [...links.values()], hosts: [...hosts], ...(sponsor ? { sponsor } : {}), ...(name ? { name } : {}) };
}

/** Reads this frame after load and once more later, sending what it found when it changed. */
export function watchCreative(): void {
  let last = '';
  let stopped = false;
  let loaded = false;
  // The number of elements when last read (a live collection: its length costs no walk). A late
  // read of a document that has not grown or shrunk since would find the same, so it is skipped.
  const all = document.getElementsByTagName('*');
  let readAt = -1;
  const read = (): void => {
    if (stopped || all.length === readAt) return;
    readAt = all.length;
    let facts: CreativeFacts;
    try {
      facts = readCreative(document, window.name);
    } catch {
      return; // a document torn down under us: nothing to say
    }
    if (!facts.links.length && !facts.hosts.length && !facts.sponsor) return;
    const key = JSON.stringify(facts);
    if (key === last) return;
    last = key;
    void request('content:creative', facts).then((reply) => {
      if (reply.ok && !reply.data.active) stopped = true;
    });
  };
  const afterLoad = (): void => {
    loaded = true;
    read();
    setTimeout(read, LATE_READ_MS);
  };
  if (document.readyState === 'complete') setTimeout(afterLoad, 0);
  else window.addEventListener('load', afterLoad, { once: true });
  // Only if load has not come by then (the listener was erased, or the frame loads slowly): the
  // reads after load still follow when it does.
  setTimeout(() => {
    if (!loaded) read();
  }, FALLBACK_MS);
}
