/** From a row of the ads table (AdRow.id) back to its record and ad. Pure, unit-tested. */

/** `${recordId}#${adId}` (AdRow.id): the record's id never contains '#', the ad's may. */
export function splitRowId(rowId: string): { recordId: string; adId: string } | null {
  const at = rowId.indexOf('#');
  return at > 0 && at < rowId.length - 1 ? { recordId: rowId.slice(0, at), adId: rowId.slice(at + 1) } : null;
}

/**
 * The ad of a row in its report: adRows() gives a repeated ad id within one report `#2`, `#3`…
 * after it, so `x#2` is the second ad whose id is `x` (unless an ad's own id is `x#2`).
 */
export function findAd<T extends { id: string }>(ads: readonly T[], adId: string): T | undefined {
  const exact = ads.find((a) => a.id === adId);
  if (exact) return exact;
  const m = /^(.*)#(\d+)$/.exec(adId);
  if (!m) return undefined;
  const [, base, nth] = m;
  return ads.filter((a) => a.id === base)[Number(nth) - 1];
}
