import { describe, expect, it } from 'vitest';
import { companyById } from '../../src/core/companies';
import enMessages from '../../public/_locales/en/messages.json';
import nlMessages from '../../public/_locales/nl/messages.json';
import { COMPANY_OPT_OUTS, OPT_OUTS, PROGRAMMES, optOutsFor, programmesFor } from '../../src/core/opt-outs';
import { safeLink } from '../../src/core/safe-link';

type Messages = Record<string, { message: string; description?: string }>;
const en: Messages = enMessages;
const nl: Messages = nlMessages;

describe('opt-out directory', () => {
  it.each(OPT_OUTS.map((o) => [o.id, o.url]))('%s passes safeLink unchanged, over https', (_id, url) => {
    expect(url.startsWith('https://')).toBe(true);
    expect(safeLink(url)).toBe(url);
  });

  it('has unique ids and URLs, sources, and company ids from the registry', () => {
    expect(new Set(OPT_OUTS.map((o) => o.id)).size).toBe(OPT_OUTS.length);
    expect(new Set(OPT_OUTS.map((o) => o.url)).size).toBe(OPT_OUTS.length);
    for (const o of OPT_OUTS) {
      expect(o.id, o.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(o.source.trim(), o.id).not.toBe('');
    }
    for (const o of COMPANY_OPT_OUTS) expect(companyById(o.company), o.id).not.toBeNull();
    for (const o of Object.values(PROGRAMMES)) expect(o.kind).toBe('programme');
  });

  it('has an English and a Dutch label for every entry, and no label it does not use', () => {
    const keys = OPT_OUTS.map((o) => o.labelKey);
    const ours = (m: Messages): string[] => Object.keys(m).filter((k) => k.startsWith('optOut')).sort();
    expect(ours(en)).toEqual([...new Set(keys)].sort());
    expect(ours(nl)).toEqual(ours(en));
    for (const key of keys) {
      expect(key).toMatch(/^optOut[A-Z]/);
      expect(en[key]?.message.trim(), key).not.toBe('');
      expect(en[key]?.description?.trim(), key).not.toBe('');
      expect(nl[key]?.message.trim(), key).not.toBe('');
    }
  });
});

describe('programmesFor', () => {
  it('gives Dutch readers the Dutch Your Online Choices pages first', () => {
    for (const locale of ['nl', 'nl-NL', 'nl_BE', 'NL']) {
      expect(programmesFor(locale)[0]?.url).toBe('https://www.youronlinechoices.com/nl/');
    }
    expect(programmesFor('nl').map((o) => o.id)).toEqual(['edaa-youronlinechoices-nl', 'edaa-youronlinechoices']);
  });

  it('gives English readers EDAA, DAA and NAI, with the US programmes first in the US', () => {
    expect(programmesFor('en').map((o) => o.id)).toEqual(['edaa-youronlinechoices', 'daa-webchoices', 'nai-opt-out']);
    expect(programmesFor('en-GB').map((o) => o.id)).toEqual(['edaa-youronlinechoices', 'daa-webchoices', 'nai-opt-out']);
    expect(programmesFor('en-US').map((o) => o.id)).toEqual(['daa-webchoices', 'nai-opt-out', 'edaa-youronlinechoices']);
    expect(programmesFor('').map((o) => o.id)).toEqual(['edaa-youronlinechoices', 'daa-webchoices', 'nai-opt-out']);
  });
});

describe('optOutsFor', () => {
  it('lists company entries first, in the order asked, then the programmes, without duplicates', () => {
    const list = optOutsFor({ companies: ['criteo', 'google', 'criteo', 'no-such-company'], locale: 'nl' });
    const ids = list.map((o) => o.id);
    expect(ids).toEqual([
      'criteo-opt-out',
      'criteo-privacy',
      'google-my-ad-center',
      'google-personalisation-off',
      'google-partner-ads',
      'google-ads-transparency',
      'edaa-youronlinechoices-nl',
      'edaa-youronlinechoices',
    ]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('still offers the programmes when no company is known', () => {
    expect(optOutsFor({ companies: [], locale: 'en' }).every((o) => o.kind === 'programme')).toBe(true);
    expect(optOutsFor({ companies: ['triplelift'], locale: 'en' })).toHaveLength(3);
  });
});
