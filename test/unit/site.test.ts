import { describe, expect, it } from 'vitest';
import { isInspectable, normaliseSites, siteOf } from '../../src/core/site';
import { parseSiteInput } from '../../src/ui/settings/site-input';

describe('sites', () => {
  it.each([
    ['https://www.bbc.co.uk/news', 'bbc.co.uk'],
    ['http://127.0.0.1:8080/', '127.0.0.1'],
    ['http://localhost:3000/x', 'localhost'],
    ['https://user.github.io/', 'user.github.io'],
    ['chrome://extensions', null],
    ['not a url', null],
    [null, null],
  ])('siteOf(%s) = %s', (url, site) => expect(siteOf(url)).toBe(site));

  it('knows which pages an extension may read', () => {
    expect(isInspectable('https://news.example/')).toBe(true);
    expect(isInspectable('chrome://settings')).toBe(false);
    expect(isInspectable('https://chromewebstore.google.com/detail/x')).toBe(false);
    expect(isInspectable(null)).toBe(false);
  });

  it('normalises a paused-sites list', () => {
    expect(normaliseSites([' WWW.Example.com', 'example.com', 'b.example', '<script>', ''])).toEqual(['b.example', 'example.com']);
  });

  it.each([
    ['example.com', 'example.com'],
    ['https://www.Example.com/page?q=1', 'example.com'],
    ['news.bbc.co.uk', 'bbc.co.uk'],
    ['localhost', 'localhost'],
    ['hello', null],
    ['   ', null],
    ['javascript:alert(1)', null],
  ])('parseSiteInput(%s) = %s', (input, site) => expect(parseSiteInput(input)).toBe(site));
});
