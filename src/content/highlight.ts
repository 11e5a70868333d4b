/**
 * "Show on page": scroll the ad into view and outline it for a few seconds. The outline lives in
 * a closed shadow root of our own, so the page's styles cannot hide it and ours cannot leak.
 */
const SHOW_MS = 4_000;
let current: HTMLElement | null = null;

export function showElement(el: Element): void {
  current?.remove();
  el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'smooth' });
  const rect = el.getBoundingClientRect();
  const host = document.createElement('why-this-ad-highlight');
  const shadow = host.attachShadow({ mode: 'closed' });
  const box = document.createElement('div');
  box.style.cssText = [
    'position:absolute',
    `left:${rect.left + window.scrollX - 4}px`,
    `top:${rect.top + window.scrollY - 4}px`,
    `width:${Math.max(rect.width, 8) + 8}px`,
    `height:${Math.max(rect.height, 8) + 8}px`,
    'border:4px solid #e0115f',
    'border-radius:4px',
    'box-shadow:0 0 0 4px rgba(255,255,255,.8)',
    'pointer-events:none',
    'z-index:2147483647',
    'box-sizing:border-box',
  ].join(';');
  shadow.append(box);
  host.style.cssText = 'position:absolute;left:0;top:0;width:0;height:0;pointer-events:none;';
  document.documentElement.append(host);
  current = host;
  setTimeout(() => {
    if (current === host) current = null;
    host.remove();
  }, SHOW_MS);
}
