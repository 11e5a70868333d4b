/**
 * What the content script does in a frame that is not an ad's creative: it meets the main-world
 * probe, asks the background whether to look at this page at all (the site may be paused), and
 * then reports this frame's ad slots as a full snapshot each time they change.
 */
import type { FrameAd } from '../shared/frame-ad';
import type { ProbeState } from '../shared/protocol';
import type { JsonValue, SignalSource } from '../shared/signals';
import { startBridge } from './bridge';
import { elementOf } from './candidates';
import { showElement } from './highlight';
import { request, serve } from './messaging';
import { Picker } from './picker';
import { Scanner } from './scanner';
import { installTestHooks } from './test-hooks';

const isTop = window === window.top;
let probe: ProbeState | null = null;
let active = false;
let scanner: Scanner | null = null;
let prebidUnits: string[] = [];
/** The newest signal of each source, kept to be sent once the page turns out to be one we look at. */
const signals = new Map<SignalSource, JsonValue>();

function sendSignal(source: SignalSource, data: JsonValue): void {
  void request('content:signals', { source, data }).then((reply) => {
    if (reply.ok && !reply.data.active) deactivate();
  });
}

function send(ads: FrameAd[]): void {
  void request('content:frame', { ads, probe }).then((reply) => {
    if (reply.ok && !reply.data.active) deactivate();
  });
}

async function askEasyList(tokens: string[]): Promise<[string, string][] | null> {
  const reply = await request('content:easyList', { tokens });
  return reply.ok ? reply.data.rules : null;
}

function activate(easyList: boolean): void {
  if (active) {
    scanner?.useEasyList(easyList);
    return;
  }
  active = true;
  scanner = new Scanner(isTop, send, askEasyList);
  scanner.useEasyList(easyList);
  scanner.setPrebidUnits(prebidUnits);
  scanner.start();
  for (const [source, data] of signals) sendSignal(source, data);
}

function deactivate(): void {
  active = false;
  scanner?.stop();
  scanner = null;
}

export function main(): void {
  const picker = new Picker(isTop, (element) => void request('content:picked', { element }));

  startBridge((message) => {
    if (message.type === 'prebid') {
      prebidUnits = message.units;
      scanner?.setPrebidUnits(prebidUnits);
      return;
    }
    if (message.type === 'signal') {
      signals.set(message.source, message.data);
      if (active) sendSignal(message.source, message.data);
      return;
    }
    const changed = probe?.gpc !== message.gpc;
    probe = { gpc: message.gpc };
    // The top frame's probe tells the page's GPC signal; send it even when there are no ads, but
    // only when it changed (the probe says hello again once the page has loaded).
    if (changed && active && isTop) void scanner?.rescan();
  });

  serve({
    'bg:rescan': async () => {
      // Ask again: the person may have paused the site, or switched EasyList on, since.
      const hello = await request('content:hello', { top: isTop });
      if (!hello.ok) return { ads: 0 };
      if (!hello.data.active) {
        deactivate();
        return { ads: 0 };
      }
      const wasActive = active;
      activate(hello.data.easyList);
      return { ads: wasActive ? ((await scanner?.rescan()) ?? 0) : 0 };
    },
    'bg:pick': async ({ active: on }) => {
      if (on) picker.start();
      else picker.stop();
      return { picking: picker.active };
    },
    'bg:show': async ({ key }) => {
      const ref = Number(key.replace(/^a/, ''));
      const el = Number.isInteger(ref) ? elementOf(ref) : undefined;
      if (!el || !el.isConnected) return { shown: false };
      showElement(el);
      return { shown: true };
    },
  });

  void request('content:hello', { top: isTop }).then((reply) => {
    if (reply.ok && reply.data.active) activate(reply.data.easyList);
  });

  // A page restored from the back/forward cache is a new visit for the background: report again.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted && active) void scanner?.rescan();
  });

  // A frame the page removes is gone for good, and no browser event tells the background (Chromium's
  // webNavigation.getAllFrames cannot be asked either: it omits the subframes of a page restored
  // from the back/forward cache). So the frame says it has no ads any more as it goes. A frame that
  // goes into the cache with its page (persisted) keeps them.
  window.addEventListener('pagehide', (event) => {
    if (!isTop && active && !event.persisted) {
      scanner?.stop();
      send([]);
    }
  });

  if (__WTA_TEST_HOOKS__ && isTop) installTestHooks();
}
