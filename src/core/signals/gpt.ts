/** The probe's Google Publisher Tag signal (shared/signals.ts RawGpt) made into typed facts (ad-signals.md §3). */
import { bool, int, list, obj, text } from './read';

export interface GptRender {
  isEmpty: boolean | null;
  isBackfill: boolean | null;
  advertiserId: number | null;
  campaignId: number | null;
  lineItemId: number | null;
  creativeId: number | null;
}

export interface GptSlot {
  path: string;
  elementId: string;
  /** Key-values, each as a list of strings (GPT's own shape). */
  targeting: Record<string, string[]>;
  /** getResponseInformation(): set for direct line items, null for empty and backfill. */
  response: { advertiserId: number | null; campaignId: number | null; lineItemId: number | null; creativeId: number | null } | null;
  render: GptRender | null;
}

export interface GptFacts {
  version: string | null;
  pageTargeting: Record<string, string[]>;
  slots: GptSlot[];
  apstag: boolean;
}

function targetingOf(value: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, v] of Object.entries(obj(value) ?? {}).slice(0, 40)) {
    if (!/^[\w.-]{1,40}$/.test(key)) continue;
    const values = (Array.isArray(v) ? v : [v])
      .slice(0, 10)
      .map((x) => text(x, 200) ?? (typeof x === 'number' ? String(x) : null))
      .filter((x): x is string => !!x);
    if (values.length) out[key] = values;
  }
  return out;
}

const id = (v: unknown): number | null => int(v, 0, Number.MAX_SAFE_INTEGER);

export function gptFacts(raw: unknown): GptFacts | null {
  const g = obj(raw);
  if (!g) return null;
  const slots: GptSlot[] = [];
  for (const entry of list(g.slots, 50)) {
    const s = obj(entry);
    const path = text(s?.path, 300);
    const elementId = text(s?.elementId, 200);
    if (!s || !path || !elementId) continue;
    const response = obj(s.response);
    const render = obj(s.render);
    slots.push({
      path,
      elementId,
      targeting: targetingOf(s.targeting),
      response: response
        ? { advertiserId: id(response.advertiserId), campaignId: id(response.campaignId), lineItemId: id(response.lineItemId), creativeId: id(response.creativeId) }
        : null,
      render: render
        ? {
            isEmpty: bool(render.isEmpty),
            isBackfill: bool(render.isBackfill),
            advertiserId: id(render.advertiserId),
            campaignId: id(render.campaignId),
            lineItemId: id(render.lineItemId),
            creativeId: id(render.creativeId),
          }
        : null,
    });
  }
  return { version: text(g.version, 40), pageTargeting: targetingOf(g.pageTargeting), slots, apstag: g.apstag === true };
}
