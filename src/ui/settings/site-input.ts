/** Turns what a person typed ("https://www.Example.com/page", "example.com") into a site name. */
import { siteOf } from '../../core/site';

export function parseSiteInput(input: string): string | null {
  const trimmed = input.trim();
  if (!trimmed || trimmed.length > 2_000) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  const site = siteOf(withScheme);
  return site && /^[a-z0-9.:[\]-]+$/.test(site) && (site.includes('.') || site === 'localhost') ? site : null;
}
