/**
 * Reads Google Publisher Tag (ad-signals.md §3): each slot's ad unit path, element id, targeting
 * (`getConfig('targeting')`, with the deprecated getters as fallback), response information, and
 * the last `slotRenderEnded` of each slot (which alone says `isBackfill`); the page-level
 * targeting; whether Amazon's `apstag` is present. Listening starts as soon as `googletag` exists
 * (through its own command queue), so early renders are heard too.
 */
import type { JsonValue, RawGpt } from '../shared/signals';
import { budget, copy, type Budget } from './copy';
import { afterLoad, invoke, isArray, listen, pageGlobal, read, schedule, str, type Fn } from './own';

const MAX_SLOTS = 50;
const MAX_KEYS = 40;
/** The fields of slotRenderEnded (§3.2); `slot` itself is a page object and stays behind. */
const RENDER_FIELDS = ['isEmpty', 'isBackfill', 'advertiserId', 'campaignId', 'creativeId', 'lineItemId'];

function targetingOf(owner: unknown, b: Budget): JsonValue {
  const config = invoke(owner, 'getConfig', 'targeting');
  const fromConfig = read(config, 'targeting');
  if (fromConfig && typeof fromConfig === 'object') return copy(fromConfig, b) ?? null;
  // Older GPT, or a stand-in without getConfig: the deprecated getters.
  const keys = invoke(owner, 'getTargetingKeys');
  if (!isArray(keys)) return null;
  const out: { [key: string]: JsonValue } = {};
  for (const key of keys.slice(0, MAX_KEYS)) {
    if (typeof key !== 'string' || key.length > 100) continue;
    out[key] = copy(invoke(owner, 'getTargeting', key), b) ?? null;
  }
  return out;
}

export function watchGpt(win: Window, early: boolean, post: (raw: RawGpt) => void): void {
  const renders = new Map<string, JsonValue>();
  const attached = new WeakSet<object>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  const readNow = (): void => {
    timer = null;
    try {
      readSlots();
    } catch {
      // A page whose GPT throws tells us no more.
    }
  };
  const readSlots = (): void => {
    const g = pageGlobal(win, 'googletag');
    const apstag = !!pageGlobal(win, 'apstag');
    if (!g && !apstag) return;
    const b = budget();
    const slots: RawGpt['slots'] = [];
    const pubads = invoke(g, 'pubads');
    const list = invoke(pubads, 'getSlots');
    if (isArray(list)) {
      for (const slot of list.slice(0, MAX_SLOTS)) {
        const elementId = str(invoke(slot, 'getSlotElementId')) ?? '';
        slots.push({
          path: str(invoke(slot, 'getAdUnitPath')) ?? '',
          elementId,
          targeting: targetingOf(slot, b),
          response: copy(invoke(slot, 'getResponseInformation'), b) ?? null,
          render: renders.get(elementId) ?? null,
        });
      }
    }
    post({ version: str(invoke(g, 'getVersion'), 40), pageTargeting: g ? targetingOf(g, b) : null, slots, apstag });
  };
  const later = (): void => {
    if (!timer) timer = schedule(readNow, 50);
  };
  const onRender: Fn = (event) => {
    const id = str(invoke(read(event, 'slot'), 'getSlotElementId'));
    const b = budget(1);
    const fields: { [key: string]: JsonValue } = {};
    for (const field of RENDER_FIELDS) {
      const value = copy(read(event, field), b);
      if (value !== undefined) fields[field] = value;
    }
    if (id && renders.size < MAX_SLOTS) renders.set(id, fields);
    later();
    return undefined;
  };
  const attach = (): boolean => {
    const g = pageGlobal(win, 'googletag');
    if (!g || typeof g !== 'object' || attached.has(g)) return !!g;
    attached.add(g);
    const listen: Fn = () => {
      invoke(invoke(g, 'pubads'), 'addEventListener', 'slotRenderEnded', onRender);
      return undefined;
    };
    // The command queue runs our function once GPT is ready, or at once if it already is.
    const queue = read(g, 'cmd');
    if (queue && typeof read(queue, 'push') === 'function') invoke(queue, 'push', listen);
    else listen();
    return true;
  };
  if (early && win.document.readyState === 'loading') {
    // In the top frame, look for googletag (GPT's stub is set early in the head) once the document
    // is parsed, so that renders before the load event are heard too.
    listen.call(win.document, 'DOMContentLoaded', () => {
      try {
        attach();
      } catch {
        // Nothing to listen to.
      }
    }, { once: true });
  }
  afterLoad(win, () => {
    try {
      attach();
      readNow();
    } catch {
      // A page whose GPT throws tells us no more.
    }
  }, [0, 2_000]);
}
