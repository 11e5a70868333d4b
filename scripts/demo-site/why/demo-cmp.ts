/**
 * Browser entry of the demo CMP (bundled by scripts/lib/cmp-bundle.ts, served at /vendor/cmp.js).
 * The visitor "already decided": the page gets the decision as `window.__whyDemoConsent` (set by
 * the served script just before this bundle) and this file hands it to the real IAB CMP APIs, so `__tcfapi`
 * and `__gpp` answer exactly as a real CMP's would, with no banner. The CMP APIs leave the
 * cross-frame part (locator frames and postMessage) to a CMP's stub, so that part is here.
 */
import { CmpApi as TcfCmpApi } from '@iabtechlabtcf/cmpapi';
import { CmpApi as GppCmpApi, CmpDisplayStatus, CmpStatus, SignalStatus } from '@iabgpp/cmpapi';
import type { DemoCmpConfig } from '../../lib/cmp-bundle';

type PageApi = (command: string, ...rest: unknown[]) => unknown;

const win = window as unknown as { __whyDemoConsent?: DemoCmpConfig; __tcfapi?: PageApi; __gpp?: PageApi };
const config = win.__whyDemoConsent;

if (config) {
  const tcf = new TcfCmpApi(config.cmpId, config.cmpVersion, true);
  // No UI: the choice was made on an earlier visit. null means GDPR does not apply.
  tcf.update(config.tcString, false);

  const gpp = new GppCmpApi(config.cmpId, config.cmpVersion);
  gpp.setSupportedAPIs(config.gpp.supportedAPIs);
  if (config.gpp.tcfeuv2) gpp.setSectionString('tcfeuv2', config.gpp.tcfeuv2);
  for (const [field, value] of Object.entries(config.gpp.usnat ?? {})) gpp.setFieldValue('usnat', field, value);
  gpp.setApplicableSections(config.gpp.applicableSections);
  gpp.setCmpStatus(CmpStatus.LOADED);
  gpp.setCmpDisplayStatus(CmpDisplayStatus.HIDDEN);
  // Readers (Prebid among them) trust GPP data only once the signal is ready.
  gpp.setSignalStatus(SignalStatus.READY);

  addLocator('__tcfapiLocator');
  addLocator('__gppLocator');
  window.addEventListener('message', answerFrames);

  const showChoice = (): void => {
    const note = document.getElementById('consent-choice');
    if (note) note.textContent = config.summary;
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', showChoice);
  else showChoice();
}

/** Frames find the CMP by looking up the ancestors for a frame with this name (CMP API spec). */
function addLocator(name: string): void {
  const add = (): void => {
    if (document.querySelector(`iframe[name="${name}"]`) || !document.body) return;
    const frame = document.createElement('iframe');
    frame.name = name;
    frame.title = 'CMP locator';
    frame.style.display = 'none';
    document.body.appendChild(frame);
  };
  if (document.body) add();
  else document.addEventListener('DOMContentLoaded', add);
}

interface Call {
  command?: unknown;
  parameter?: unknown;
  version?: unknown;
  callId?: unknown;
}

/** The postMessage side of both APIs: `{__tcfapiCall}` → `{__tcfapiReturn}`, `{__gppCall}` → `{__gppReturn}`. */
function answerFrames(event: MessageEvent): void {
  let data: unknown = event.data;
  const isString = typeof data === 'string';
  if (isString) {
    try {
      data = JSON.parse(data as string);
    } catch {
      return;
    }
  }
  if (!data || typeof data !== 'object' || !event.source) return;
  const source = event.source as WindowProxy;
  const reply = (key: string, payload: unknown): void => {
    const message = { [key]: payload };
    source.postMessage(isString ? JSON.stringify(message) : message, '*');
  };
  const tcfCall = (data as { __tcfapiCall?: Call }).__tcfapiCall;
  if (tcfCall && typeof tcfCall.command === 'string' && win.__tcfapi) {
    win.__tcfapi(
      tcfCall.command,
      tcfCall.version,
      (returnValue: unknown, success: unknown) => reply('__tcfapiReturn', { returnValue, success, callId: tcfCall.callId }),
      tcfCall.parameter,
    );
    return;
  }
  const gppCall = (data as { __gppCall?: Call }).__gppCall;
  if (gppCall && typeof gppCall.command === 'string' && win.__gpp) {
    win.__gpp(
      gppCall.command,
      (returnValue: unknown, success: unknown) => reply('__gppReturn', { returnValue, success, callId: gppCall.callId }),
      gppCall.parameter,
      gppCall.version,
    );
  }
}
