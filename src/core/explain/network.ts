/**
 * What the network observer saw, added to the report: the companies the page's requests reached
 * (with their roles, request counts and what each received), the identifiers sent in bid requests
 * and to whom, the data flows (bid requests, ID syncs, pixels), and counters of what was too much
 * to keep or to read.
 */
import type { PageReport } from '../../shared/page-report';
import type { TabNetwork } from '../network/tab-network';

export function mergeNetwork(report: PageReport, network: TabNetwork): PageReport {
  const companies = Object.values(network.companies)
    .sort((a, b) => b.requests - a.requests || a.name.localeCompare(b.name))
    .map((c) => ({ id: c.id, name: c.name, domain: c.domain, category: c.category, requests: c.requests, roles: [...c.roles], receives: [...c.receives] }));
  const identifiers = [...report.identifiers];
  for (const id of network.identifiers) if (!identifiers.some((i) => i.source === id.source && i.via === id.via)) identifiers.push(id);
  const dataFlows = [...report.dataFlows];
  for (const f of network.flows) {
    if (!dataFlows.some((x) => x.from === f.from && x.to === f.to && x.kind === f.kind && x.carries.join() === f.carries.join())) dataFlows.push(f);
  }
  // Each ad's sellers chain: the supply chain the winning seller's bid request declared, in order.
  const chains = new Map(Object.values(network.companies).filter((c) => c.schain?.length).map((c) => [c.name, c.schain ?? []]));
  const ads = report.ads.map((ad) => {
    const chain = ad.sellers.map((s) => (s.company ? chains.get(s.company) : undefined)).find((c) => c?.length);
    if (!chain) return ad;
    const sellers = [...ad.sellers];
    for (const asi of chain) if (!sellers.some((s) => s.domain === asi)) sellers.push({ domain: asi, role: 'seller' });
    return { ...ad, sellers };
  });
  const unreadable = Object.values(network.unreadable).reduce((n, v) => n + (v ?? 0), 0);
  return {
    ...report,
    ads,
    companies,
    identifiers,
    dataFlows,
    network: {
      requests: network.requests,
      adTechRequests: network.adTechRequests,
      bidRequests: network.bidRequests,
      unreadableBodies: unreadable,
      dropped: { ...network.dropped },
    },
  };
}
