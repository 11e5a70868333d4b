/**
 * The demo site's consent-management platform: the real IAB CMP APIs (`@iabtechlabtcf/cmpapi` for
 * `__tcfapi`, `@iabgpp/cmpapi` for `__gpp`) bundled for the browser with esbuild, in memory, and
 * fed a choice the visitor "already made". The TC strings are encoded here, in Node, with
 * `@iabtechlabtcf/core` and the committed GVL subset (scripts/demo-site/data/gvl-subset.json), with
 * fixed dates, so every page load gets byte-identical strings. Served at /vendor/cmp.js?consent=NAME.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { GVL, TCModel, TCString } from '@iabtechlabtcf/core';
import { GppModel } from '@iabgpp/cmpapi';
import { PROJECT_ROOT } from './build';

/** 4095 is the largest 12-bit CMP id; no registered CMP uses it, so the demo names no real company. */
export const DEMO_CMP_ID = 4095;
export const DEMO_CMP_VERSION = 1;
/** Day precision, as CMPs store it: the same string on every run. */
export const DEMO_CONSENT_DATE = '2026-01-15T00:00:00.000Z';
/** The demo publisher, "The Daily Example", is Dutch. */
export const DEMO_PUBLISHER_CC = 'NL';

const ALL_PURPOSES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
/** TCF 2.2 allows legitimate interest for purposes 2 and 7–11 only (not 1, nor 3–6). */
const LI_PURPOSES = [2, 7, 8, 9, 10, 11];
const ALL_VENDORS = [2, 12, 32, 755];

export interface TcfChoice {
  purposes: number[];
  legitimateInterests: number[];
  specialFeatures: number[];
  vendors: number[];
  vendorLegitimateInterests: number[];
}

/** usnat field values (`@iabgpp/cmpapi` names), including the GPC subsection. */
export type UsNatChoice = Record<string, number | boolean | number[]>;

export interface ConsentChoice {
  /** What the visitor chose, in a sentence (shown on the page). */
  summary: string;
  /** null: GDPR does not apply (the CMP answers `gdprApplies: false`). */
  tcf: TcfChoice | null;
  /** null: no US section. */
  usnat: UsNatChoice | null;
}

export const CONSENT_CHOICES = {
  'accept-all': {
    summary: 'You accepted all purposes for all vendors (special feature "precise geolocation" not opted in).',
    tcf: { purposes: ALL_PURPOSES, legitimateInterests: LI_PURPOSES, specialFeatures: [], vendors: ALL_VENDORS, vendorLegitimateInterests: ALL_VENDORS },
    usnat: null,
  },
  'accept-all-geo': {
    summary: 'You accepted all purposes for all vendors and opted in to precise geolocation.',
    tcf: { purposes: ALL_PURPOSES, legitimateInterests: LI_PURPOSES, specialFeatures: [1], vendors: ALL_VENDORS, vendorLegitimateInterests: ALL_VENDORS },
    usnat: null,
  },
  'no-personalisation': {
    summary: 'You refused personalised ads and content (purposes 3–6) and accepted the rest.',
    tcf: { purposes: [1, 2, 7, 8, 9, 10, 11], legitimateInterests: LI_PURPOSES, specialFeatures: [], vendors: ALL_VENDORS, vendorLegitimateInterests: ALL_VENDORS },
    usnat: null,
  },
  'refuse-profiling': {
    summary: 'You accepted only purposes 1 and 2 (store information, limited data for ads), refused all others, and refused vendor 32.',
    tcf: { purposes: [1, 2], legitimateInterests: [], specialFeatures: [], vendors: [2, 12, 755], vendorLegitimateInterests: [] },
    usnat: null,
  },
  'us-no-opt-out': {
    summary: 'A US visit: notices given, you did not opt out of sale, sharing or targeted advertising (GPP usnat, GPC subsection: Gpc false).',
    tcf: null,
    usnat: {
      SharingNotice: 1,
      SaleOptOutNotice: 1,
      SharingOptOutNotice: 1,
      TargetedAdvertisingOptOutNotice: 1,
      SensitiveDataProcessingOptOutNotice: 1,
      SensitiveDataLimitUseNotice: 1,
      SaleOptOut: 2,
      SharingOptOut: 2,
      TargetedAdvertisingOptOut: 2,
      MspaCoveredTransaction: 2,
      GpcSegmentIncluded: true,
      Gpc: false,
    },
  },
} satisfies Record<string, ConsentChoice>;

export type ConsentName = keyof typeof CONSENT_CHOICES;

export const isConsentName = (name: string): name is ConsentName => Object.hasOwn(CONSENT_CHOICES, name);

/** What the browser side (scripts/demo-site/why/demo-cmp.ts) is given before it starts. */
export interface DemoCmpConfig {
  cmpId: number;
  cmpVersion: number;
  /** null: GDPR does not apply. */
  tcString: string | null;
  gpp: { supportedAPIs: string[]; applicableSections: number[]; tcfeuv2: string | null; usnat: UsNatChoice | null };
  summary: string;
}

export const GVL_SUBSET_FILE = join(PROJECT_ROOT, 'scripts', 'demo-site', 'data', 'gvl-subset.json');

let gvl: GVL | undefined;
function demoGvl(): GVL {
  if (!gvl) {
    const { _about: _, ...list } = JSON.parse(readFileSync(GVL_SUBSET_FILE, 'utf8')) as Record<string, unknown>;
    // Given the list itself (not a version number) the GVL is ready at once and fetches nothing.
    gvl = new GVL(list as unknown as ConstructorParameters<typeof GVL>[0]);
  }
  return gvl;
}

export function tcStringFor(choice: TcfChoice): string {
  const model = new TCModel(demoGvl());
  model.cmpId = DEMO_CMP_ID;
  model.cmpVersion = DEMO_CMP_VERSION;
  model.consentScreen = 1;
  model.publisherCountryCode = DEMO_PUBLISHER_CC;
  model.isServiceSpecific = true;
  model.created = new Date(DEMO_CONSENT_DATE);
  model.lastUpdated = new Date(DEMO_CONSENT_DATE);
  model.purposeConsents.set(choice.purposes);
  model.purposeLegitimateInterests.set(choice.legitimateInterests);
  model.specialFeatureOptins.set(choice.specialFeatures);
  model.vendorConsents.set(choice.vendors);
  model.vendorLegitimateInterests.set(choice.vendorLegitimateInterests);
  // The CMP disclosed every vendor of its list, whatever the visitor chose.
  model.vendorsDisclosed.set(ALL_VENDORS);
  return TCString.encode(model);
}

/** The GPP string the browser CMP ends up with: the same library, the same section operations. */
export function gppStringFor(choice: ConsentChoice): string {
  const model = new GppModel();
  if (choice.tcf) model.decodeSection('tcfeuv2', tcStringFor(choice.tcf));
  for (const [field, value] of Object.entries(choice.usnat ?? {})) model.setFieldValue('usnat', field, value);
  return model.encode();
}

export function cmpConfigFor(name: ConsentName): DemoCmpConfig {
  const choice: ConsentChoice = CONSENT_CHOICES[name];
  const tcString = choice.tcf ? tcStringFor(choice.tcf) : null;
  const sections = [...(tcString ? [2] : []), ...(choice.usnat ? [7] : [])];
  return {
    cmpId: DEMO_CMP_ID,
    cmpVersion: DEMO_CMP_VERSION,
    tcString,
    gpp: { supportedAPIs: ['2:tcfeuv2', '7:usnat'], applicableSections: sections.length ? sections : [-1], tcfeuv2: tcString, usnat: choice.usnat },
    summary: choice.summary,
  };
}

export const CMP_ENTRY = join(PROJECT_ROOT, 'scripts', 'demo-site', 'why', 'demo-cmp.ts');

let bundle: string | undefined;
/** The browser bundle, built once per process: both CMP APIs and the demo's glue, an IIFE. */
export function buildCmpBundle(): string {
  bundle ??= buildSync({
    entryPoints: [CMP_ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'inline',
    logLevel: 'silent',
  }).outputFiles[0]?.text;
  if (!bundle) throw new Error('esbuild produced no CMP bundle');
  return bundle;
}

/** The script for one page: its configuration first, then the bundle that reads it. */
export function cmpScript(name: ConsentName): string {
  return `/* Demo CMP: @iabtechlabtcf/cmpapi and @iabgpp/cmpapi, bundled locally; consent "${name}" */\nwindow.__whyDemoConsent = ${JSON.stringify(cmpConfigFor(name))};\n${buildCmpBundle()}`;
}
