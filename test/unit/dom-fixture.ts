/** Loads an HTML fixture into happy-dom (scripts off) and runs the real content-script extraction and core detection. */
import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { detectAds, type DetectedAd } from '../../src/core/detect';
import { toRecords } from '../../src/content/candidates';
import { collect } from '../../src/content/collect';

export function loadHtml(html: string, url = 'https://publisher.example/article'): Document {
  const window = new Window({
    url,
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      navigation: { disableChildFrameNavigation: true, disableChildPageNavigation: true },
    },
  });
  window.document.write(html);
  return window.document as unknown as Document;
}

export async function detectIn(doc: Document): Promise<Omit<DetectedAd, 'ref'>[]> {
  const { candidates, labelled } = await collect(doc);
  return detectAds(toRecords(candidates, labelled)).map(({ ref: _ref, ...ad }) => ad);
}

export function fixture(path: string, origins: Record<string, string> = {}): string {
  let html = readFileSync(path, 'utf8');
  for (const [k, v] of Object.entries(origins)) html = html.replaceAll(`{{${k}}}`, v);
  return html;
}
