import { existsSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildVendorListData, VENDOR_LIST_DATA, VENDOR_LIST_SOURCE } from '../../scripts/build-vendor-list';
import { featureName, purposeName, specialFeatureName, specialPurposeName, VENDOR_LIST_INFO, vendorDeclaration, vendorName } from '../../src/core/vendor-list';

describe('bundled vendor list', () => {
  it('names vendors by GVL id', () => {
    expect(vendorName(1)).toBe('Exponential Interactive, Inc d/b/a VDX.tv');
    expect(vendorName(755)).toBe('Google Advertising Products');
  });

  it.each([3, 0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60])('has no vendor %s', (id) => {
    expect(vendorName(id)).toBeNull();
    expect(vendorDeclaration(id)).toBeNull();
  });

  it('keeps what each vendor declares', () => {
    expect(vendorDeclaration(755)).toMatchObject({ id: 755, purposes: [1, 3, 4], legIntPurposes: [2, 7, 9, 10], deletedDate: null });
  });

  it('names purposes and features from the list itself', () => {
    expect(purposeName(1)).toBe('Store and/or access information on a device');
    expect(purposeName(4)).toBe('Use profiles to select personalised advertising');
    expect(purposeName(12)).toBeNull();
    // The source has a trailing newline in this name.
    expect(specialPurposeName(1)).toBe('Ensure security, prevent and detect fraud, and fix errors');
    expect(featureName(2)).toBe('Link different devices');
    expect(specialFeatureName(1)).toBe('Use precise geolocation data');
    expect(specialFeatureName(3)).toBeNull();
  });

  it('says which list it is and how old', () => {
    expect(VENDOR_LIST_INFO).toMatchObject({ version: 7, lastUpdated: '2023-06-29T16:07:26Z', policyVersion: 4 });
    expect(VENDOR_LIST_INFO.terms).toMatch(/IAB Europe/);
  });

  it('stays small enough to ship', () => {
    expect(statSync(VENDOR_LIST_DATA).size).toBeLessThan(150 * 1024);
  });
});

const shared = existsSync(VENDOR_LIST_SOURCE);
if (!shared) process.stderr.write(`Vendor list data check skipped: ${VENDOR_LIST_SOURCE} is absent.\n`);

describe.skipIf(!shared)('bundled vendor list data (skipped when ../shared/data/tcf is absent)', () => {
  it('is what the script makes from ../shared/data/tcf/vendor-list-v2.2.json', () => {
    expect(readFileSync(VENDOR_LIST_DATA, 'utf8')).toBe(buildVendorListData(readFileSync(VENDOR_LIST_SOURCE, 'utf8')));
  });
});
