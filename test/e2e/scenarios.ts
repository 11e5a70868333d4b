/** The "Why this ad?" demo scenarios' ground truth (scripts/demo-site/why/scenarios.json) and checks of a report against it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { PROJECT_ROOT } from '../../scripts/lib/build';
import type { PageReport, ReportAd } from '../../src/shared/page-report';

export interface ExpectedReason {
  kind: string;
  basis: string;
}
export interface ExpectedAd {
  elementId: string;
  advertiser: { name: string | null; domain: string | null } | null;
  paidBy: string | null;
  reasons: { required: ExpectedReason[]; allowed: string[]; forbidden: string[] };
  flags: { required: { code: string }[]; forbidden: string[] };
}
export interface Scenario {
  id: string;
  path: string;
  expected: { ads: ExpectedAd[]; identifiers: { source: string; atype?: number }[] };
}

export const GROUND_TRUTH = JSON.parse(readFileSync(join(PROJECT_ROOT, 'scripts', 'demo-site', 'why', 'scenarios.json'), 'utf8')) as { scenarios: Scenario[] };

/** The explanation is complete once every expected ad is there with its required reasons. */
export function complete(r: PageReport | null, s: Scenario): boolean {
  if (!r || r.consent.tcf?.status === undefined) return false;
  return s.expected.ads.every((e) => {
    const ad = r.ads.find((a) => a.slot.elementId === e.elementId && a.status === 'shown');
    return !!ad && e.reasons.required.every((x) => ad.reasons.some((y) => y.kind === x.kind && y.basis === x.basis)) && e.flags.required.every((f) => ad.flags.some((g) => g.code === f.code));
  });
}

export function checkAd(ad: ReportAd | undefined, e: ExpectedAd): void {
  expect(ad, e.elementId).toBeDefined();
  if (!ad) return;
  const advertiser = e.advertiser && (e.advertiser.name || e.advertiser.domain) ? { ...(e.advertiser.name ? { name: e.advertiser.name } : {}), ...(e.advertiser.domain ? { domain: e.advertiser.domain } : {}) } : null;
  expect(ad.advertiser, `${e.elementId} advertiser`).toEqual(advertiser);
  expect(ad.paidBy, `${e.elementId} paid by`).toBe(e.paidBy);
  const got = ad.reasons.map((r) => `${r.kind}/${r.basis}`);
  for (const r of e.reasons.required) expect(got, e.elementId).toContain(`${r.kind}/${r.basis}`);
  const allowedKinds = new Set([...e.reasons.required.map((r) => r.kind), ...e.reasons.allowed]);
  for (const r of ad.reasons) {
    expect(allowedKinds.has(r.kind), `${e.elementId}: unexpected reason ${r.kind}`).toBe(true);
    expect(e.reasons.forbidden, e.elementId).not.toContain(r.kind);
    if (r.kind !== 'unknown') expect(r.evidence.length, `${e.elementId}: ${r.kind} without evidence`).toBeGreaterThan(0);
  }
  expect(ad.flags.map((f) => f.code).sort(), `${e.elementId} flags`).toEqual(e.flags.required.map((f) => f.code).sort());
}


/** The report's shown ads, identifiers, and each expected ad checked against the ground truth. */
export function checkReport(report: PageReport | null, scenario: Scenario): void {
  const shown = (report?.ads ?? []).filter((a) => a.status === 'shown');
  expect(shown.map((a) => a.slot.elementId).sort()).toEqual(scenario.expected.ads.map((a) => a.elementId).sort());
  for (const e of scenario.expected.ads) checkAd(shown.find((a) => a.slot.elementId === e.elementId), e);
  expect((report?.identifiers ?? []).map((i) => [i.source, i.atype ?? null]).sort()).toEqual(scenario.expected.identifiers.map((i) => [i.source, i.atype ?? null]).sort());
}
