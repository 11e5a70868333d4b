import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const load = (lang: string): Messages => JSON.parse(readFileSync(join(ROOT, 'public', '_locales', lang, 'messages.json'), 'utf8')) as Messages;
const en = load('en');
const nl = load('nl');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(tsx?|json)$/.test(name) ? [path] : [];
  });
}

describe('locales', () => {
  it('Dutch has every English message, and nothing English lacks', () => {
    expect(Object.keys(nl).sort()).toEqual(Object.keys(en).sort());
  });

  it('every message is non-empty, and Dutch uses the same placeholders', () => {
    for (const [key, value] of Object.entries(en)) {
      expect(value.message.trim(), key).not.toBe('');
      const nlValue = nl[key];
      expect(nlValue?.message.trim(), key).not.toBe('');
      const names = (m: string): string[] => [...m.matchAll(/\$([A-Z_]+)\$/g)].map((x) => x[1] ?? '').sort();
      expect(names(nlValue?.message ?? ''), key).toEqual(names(value.message));
      expect(Object.keys(nlValue?.placeholders ?? {}).sort(), key).toEqual(Object.keys(value.placeholders ?? {}).sort());
      for (const name of names(value.message)) expect(value.placeholders?.[name.toLowerCase()], `${key} ${name}`).toBeDefined();
    }
  });

  it('every key the code asks for exists, and every message is used', () => {
    const code = sourceFiles(join(ROOT, 'src')).map((f) => readFileSync(f, 'utf8')).join('\n') + readFileSync(join(ROOT, 'manifest.json'), 'utf8');
    const used = new Set([...code.matchAll(/\bt\('([A-Za-z0-9]+)'/g), ...code.matchAll(/'([a-z][A-Za-z0-9]+)'/g), ...code.matchAll(/__MSG_([A-Za-z0-9]+)__/g)].map((m) => m[1] ?? ''));
    const asked = [...code.matchAll(/\bt\('([A-Za-z0-9]+)'/g)].map((m) => m[1] ?? '');
    for (const key of asked) expect(en[key], key).toBeDefined();
    const unused = Object.keys(en).filter((k) => !used.has(k));
    expect(unused).toEqual([]);
  });
});
