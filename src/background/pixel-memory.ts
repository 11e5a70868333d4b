/**
 * The sites where a retargeting or conversion pixel was seen (core/retargeting.ts), in
 * storage.local so that last week's shop is still known today. Written in batches; the person
 * can see how many sites it holds and forget them all in the settings.
 */
import { rememberPixel, type PixelMemory } from '../core/retargeting';
import { isRecord } from '../shared/validate';
import { readKey, removeKeys, writeKeys } from '../platform/storage';

const KEY = 'pixel-sites:v1';
const FLUSH_MS = 2_000;
let memory: PixelMemory | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;

function valid(value: unknown): PixelMemory {
  if (!isRecord(value)) return {};
  const out: PixelMemory = {};
  for (const [site, s] of Object.entries(value)) {
    if (isRecord(s) && Array.isArray(s.companies) && s.companies.every((c) => typeof c === 'string') && typeof s.firstSeen === 'number' && typeof s.lastSeen === 'number') {
      out[site] = { companies: s.companies as string[], firstSeen: s.firstSeen, lastSeen: s.lastSeen };
    }
  }
  return out;
}

export async function readPixelMemory(): Promise<PixelMemory> {
  memory ??= valid(await readKey('local', KEY));
  return memory;
}

export async function notePixel(site: string, company: string): Promise<void> {
  memory = rememberPixel(await readPixelMemory(), site, company, Date.now());
  timer ??= setTimeout(() => {
    timer = null;
    void writeKeys('local', { [KEY]: memory ?? {} }).catch((error: unknown) => console.warn('why-this-ad: pixel sites not saved', error));
  }, FLUSH_MS);
}

export async function forgetPixelMemory(): Promise<void> {
  memory = {};
  if (timer) clearTimeout(timer);
  timer = null;
  await removeKeys('local', [KEY]);
}
