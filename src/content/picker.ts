/**
 * "Missed an ad": lets the person click the ad we did not find. The element under the pointer is
 * outlined; a click is swallowed (so the ad is not opened) and described — tag, id, classes,
 * selector, size, never its text; Escape or a minute without a click ends it.
 */
import type { ElementDescription } from '../shared/feedback';
import { selectorFor } from './candidates';
import { extensionApi } from './extension-api';

const TIMEOUT_MS = 60_000;
const OUTLINE = 'position:fixed;pointer-events:none;z-index:2147483647;border:3px solid #e0115f;border-radius:3px;box-sizing:border-box;display:none';
const BANNER =
  'position:fixed;top:0;left:0;right:0;z-index:2147483647;padding:10px 16px;font:15px/1.4 system-ui,sans-serif;background:#8a1538;color:#fff;text-align:center;pointer-events:none';

export function describeElement(el: Element): ElementDescription {
  const rect = el.getBoundingClientRect(); // the person clicked: one layout read is fine here
  const src = el.getAttribute('src');
  const aria = el.getAttribute('aria-label');
  return {
    tag: el.localName.slice(0, 64),
    ...(el.id ? { id: el.id.slice(0, 200) } : {}),
    ...(el.classList.length ? { classes: Array.from(el.classList, (c) => c.slice(0, 100)).slice(0, 16) } : {}),
    selector: selectorFor(el),
    width: Math.max(0, Math.round(rect.width)),
    height: Math.max(0, Math.round(rect.height)),
    ...(src ? { src: src.slice(0, 2048) } : {}),
    ...(aria ? { ariaLabel: aria.slice(0, 100) } : {}),
  };
}

export class Picker {
  private host: HTMLElement | null = null;
  private outline: HTMLElement | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners: [string, EventListener][] = [];

  constructor(
    private readonly isTop: boolean,
    private readonly onPick: (element: ElementDescription) => void,
  ) {}

  get active(): boolean {
    return this.host !== null;
  }

  start(): void {
    if (this.host) return;
    const host = document.createElement('why-this-ad-picker');
    const shadow = host.attachShadow({ mode: 'closed' });
    const outline = document.createElement('div');
    outline.style.cssText = OUTLINE;
    shadow.append(outline);
    if (this.isTop) {
      const banner = document.createElement('div');
      banner.setAttribute('role', 'status');
      banner.style.cssText = BANNER;
      banner.textContent = extensionApi().i18n.getMessage('pickBanner');
      shadow.append(banner);
    }
    document.documentElement.append(host);
    this.host = host;
    this.outline = outline;
    this.on('mouseover', (event) => {
      const target = event.target as Element | null;
      if (!target || !this.outline || target === this.host) return;
      const r = target.getBoundingClientRect();
      this.outline.style.cssText = `${OUTLINE};display:block;left:${r.left}px;top:${r.top}px;width:${r.width}px;height:${r.height}px`;
    });
    this.on('click', (event) => {
      event.preventDefault();
      event.stopImmediatePropagation();
      const target = event.target as Element | null;
      this.stop();
      if (target) this.onPick(describeElement(target));
    });
    this.on('keydown', (event) => {
      if ((event as KeyboardEvent).key === 'Escape') this.stop();
    });
    this.timer = setTimeout(() => this.stop(), TIMEOUT_MS);
  }

  stop(): void {
    for (const [type, listener] of this.listeners.splice(0)) window.removeEventListener(type, listener, true);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.host?.remove();
    this.host = null;
    this.outline = null;
  }

  private on(type: string, listener: EventListener): void {
    window.addEventListener(type, listener, true);
    this.listeners.push([type, listener]);
  }
}
