/** Test helper: a GVL for @iabtechlabtcf/core's encoder, built from the bundled vendor-list snapshot. */
import { GVL, TCModel, TCString, type Feature, type Purpose, type Vendor, type VendorList } from '@iabtechlabtcf/core';
import vendorList from '../../src/core/data/vendor-list.json';

export function bundledGvl(): GVL {
  const items = (names: Record<string, string>): Record<string, Purpose & Feature> =>
    Object.fromEntries(Object.entries(names).map(([id, name]) => [id, { id: Number(id), name, description: '' }]));
  const vendors: Record<string, Vendor> = Object.fromEntries(
    Object.entries(vendorList.vendors).map(([id, v]) => [
      id,
      { id: Number(id), ...v, flexiblePurposes: [], usesCookies: true, cookieMaxAgeSeconds: null, cookieRefresh: false, usesNonCookieAccess: false },
    ]),
  );
  const list: VendorList = {
    gvlSpecificationVersion: vendorList.gvlSpecificationVersion,
    vendorListVersion: vendorList.vendorListVersion,
    tcfPolicyVersion: vendorList.tcfPolicyVersion,
    lastUpdated: vendorList.lastUpdated,
    purposes: items(vendorList.purposes),
    specialPurposes: items(vendorList.specialPurposes),
    features: items(vendorList.features),
    specialFeatures: items(vendorList.specialFeatures),
    stacks: {},
    vendors,
  };
  return new GVL(list);
}

/** A real TC string with the given purpose and vendor consents (fixed dates, CMP 31). */
export function tcString(purposes: number[], vendors: number[], specialFeatures: number[] = []): string {
  const model = new TCModel(bundledGvl());
  model.cmpId = 31;
  model.cmpVersion = 1;
  model.publisherCountryCode = 'NL';
  model.created = new Date('2026-03-01T10:00:00Z');
  model.lastUpdated = new Date('2026-03-01T10:00:00Z');
  model.purposeConsents.set(purposes);
  model.vendorConsents.set(vendors);
  if (specialFeatures.length) model.specialFeatureOptins.set(specialFeatures);
  return TCString.encode(model);
}
