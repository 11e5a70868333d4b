/**
 * Hosts that serve ad creatives into iframes, with the company behind them and its role.
 * Sources: the host dictionary in shared/reference/ad-signals.md §6.2 (taken from Prebid.js
 * adapter sources) and §3 (Google). The full company directory with sourced facts comes later;
 * this list is only what the detector needs to tell an ad iframe from any other iframe.
 */
export interface AdHost {
  /** Matches the host itself and every subdomain of it. */
  suffix: string;
  company: string;
  role: 'ad-server' | 'ssp' | 'dsp' | 'exchange' | 'network';
}

export const AD_HOSTS: readonly AdHost[] = [
  { suffix: 'doubleclick.net', company: 'Google', role: 'ad-server' },
  { suffix: 'googlesyndication.com', company: 'Google', role: 'network' },
  { suffix: 'googleadservices.com', company: 'Google', role: 'network' },
  { suffix: '2mdn.net', company: 'Google', role: 'ad-server' },
  { suffix: 'adnxs.com', company: 'Microsoft (Xandr)', role: 'ssp' },
  { suffix: 'adnxs-simple.com', company: 'Microsoft (Xandr)', role: 'ssp' },
  { suffix: 'rubiconproject.com', company: 'Magnite', role: 'ssp' },
  { suffix: 'casalemedia.com', company: 'Index Exchange', role: 'ssp' },
  { suffix: 'indexww.com', company: 'Index Exchange', role: 'ssp' },
  { suffix: 'pubmatic.com', company: 'PubMatic', role: 'ssp' },
  { suffix: 'openx.net', company: 'OpenX', role: 'ssp' },
  { suffix: 'criteo.com', company: 'Criteo', role: 'dsp' },
  { suffix: 'criteo.net', company: 'Criteo', role: 'dsp' },
  { suffix: '3lift.com', company: 'TripleLift', role: 'ssp' },
  { suffix: 'lijit.com', company: 'Sovrn', role: 'ssp' },
  { suffix: 'sharethrough.com', company: 'Sharethrough (Equativ)', role: 'ssp' },
  { suffix: 'smartadserver.com', company: 'Equativ', role: 'ssp' },
  { suffix: 'teads.tv', company: 'Teads', role: 'ssp' },
  { suffix: '360yield.com', company: 'Improve Digital (Azerion)', role: 'ssp' },
  { suffix: 'media.net', company: 'Media.net', role: 'ssp' },
  { suffix: 'gumgum.com', company: 'GumGum', role: 'ssp' },
  { suffix: 'amazon-adsystem.com', company: 'Amazon Ads', role: 'exchange' },
  { suffix: 'adsrvr.org', company: 'The Trade Desk', role: 'dsp' },
  { suffix: 'bidswitch.net', company: 'BidSwitch', role: 'exchange' },
  { suffix: 'taboola.com', company: 'Taboola', role: 'network' },
  { suffix: 'outbrain.com', company: 'Outbrain (Teads)', role: 'network' },
  { suffix: 'adform.net', company: 'Adform', role: 'ad-server' },
  { suffix: 'yieldlab.net', company: 'Yieldlab', role: 'ssp' },
  { suffix: 'adition.com', company: 'Adition', role: 'ad-server' },
];

export function hostOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.hostname.toLowerCase() : null;
  } catch {
    return null;
  }
}

export function findAdHost(url: string): AdHost | null {
  const host = hostOf(url);
  if (!host) return null;
  for (const entry of AD_HOSTS) {
    if (host === entry.suffix || host.endsWith(`.${entry.suffix}`)) return entry;
  }
  return null;
}
