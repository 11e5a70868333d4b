/**
 * Scrolls a page down in steps and back to the top, so that ads loaded only when their slot
 * comes near the screen (lazy loading, infinite scroll) load before the page is read. It scrolls
 * with the mouse wheel, as a person does (the page's own scrolling functions may be replaced by the
 * page), and gives up quietly on pages that forbid or break it: a page that cannot be scrolled is
 * read as it is.
 */
import type { Page } from 'playwright-core';

export interface ScrollOptions {
  /** About how long the way down takes. */
  durationMs: number;
  steps: number;
}

export const DEFAULT_SCROLL: ScrollOptions = { durationMs: 1_000, steps: 8 };

/** The scroll positions, from the first step down to the bottom; empty when nothing scrolls. */
export function scrollPositions(scrollHeight: number, viewportHeight: number, steps: number): number[] {
  const max = Math.max(0, Math.floor(scrollHeight - viewportHeight));
  if (max === 0 || steps < 1) return [];
  return Array.from({ length: steps }, (_, i) => Math.round((max * (i + 1)) / steps));
}

/** Never throws; resolves within about durationMs plus a second even on a page that hangs. */
export async function scrollPage(page: Page, options: ScrollOptions = DEFAULT_SCROLL): Promise<void> {
  const pause = Math.max(0, Math.floor(options.durationMs / Math.max(1, options.steps)));
  const run = async (): Promise<void> => {
    const size = await page.evaluate(() => {
      const root = document.scrollingElement ?? document.documentElement;
      return { height: root ? root.scrollHeight : 0, viewport: window.innerHeight };
    });
    const positions = scrollPositions(size.height, size.viewport, options.steps);
    let at = 0;
    for (const y of positions) {
      await page.mouse.wheel(0, y - at);
      at = y;
      await page.waitForTimeout(pause);
    }
    if (positions.length) {
      await page.mouse.wheel(0, -at);
      await page.evaluate(() => {
        (document.scrollingElement ?? document.documentElement)?.scrollTo?.(0, 0);
      });
    }
  };
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, options.durationMs + 1_000);
  });
  await Promise.race([run().catch(() => undefined), limit]);
  clearTimeout(timer);
}
