/**
 * Consent banners in the crawl, through @duckduckgo/autoconsent (MPL-2.0), the way its Playwright
 * integration does it (docs/puppeteer.md, playwright/runner.ts of the package): its content
 * script `dist/autoconsent.playwright.js` runs in every frame from the start (an init script of
 * the browser context), sends its messages to Node through the `autoconsentSendMessage` binding,
 * and is answered with `autoconsentReceiveMessage`: on `init`, the configuration (opt in, opt out,
 * or no action) and the rules, the package's own and ours for the demo site's banner.
 *
 * Settings, and why:
 * - `isMainWorld: true`: the script does run in the page's main world here, so the rules' eval
 *   snippets run in place instead of as code sent to Node and evaluated back in the page.
 * - no prehiding and no cosmetic rules: a crawl records the page as a visitor sees it, and a
 *   banner hidden with CSS is not an answer.
 * - no heuristic clicking: every answer comes from a rule with a name, which the record keeps.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import type { AutoConsentCMPRule, Config } from '@duckduckgo/autoconsent';
import { PROJECT_ROOT } from './build';
import type { ConsentAnswer } from './crawl-args';
import { BannerWatch } from './crawl-banner';

const PACKAGE_DIR = join(PROJECT_ROOT, 'node_modules', '@duckduckgo', 'autoconsent');
export const AUTOCONSENT_SCRIPT = join(PACKAGE_DIR, 'dist', 'autoconsent.playwright.js');
export const AUTOCONSENT_RULES = join(PACKAGE_DIR, 'rules', 'rules.json');
/** Our rule for the demo site's banner (scripts/demo-site/consent/index.html). */
export const DEMO_CONSENT_RULE = join(PROJECT_ROOT, 'scripts', 'demo-site', 'consent', 'autoconsent-rule.json');
export const DEMO_CMP_NAME = 'why-this-ad-demo';

/** A frame asks for its configuration once; a page whose frames ask more often than this is ignored. */
const MAX_INITS_PER_PAGE = 100;

export function autoconsentConfig(answer: ConsentAnswer): Partial<Config> {
  return {
    enabled: true,
    autoAction: answer === 'accept' ? 'optIn' : answer === 'reject' ? 'optOut' : null,
    disabledCmps: [],
    enablePrehide: false,
    enableCosmeticRules: false,
    enableGeneratedRules: true,
    enableHeuristicDetection: false,
    heuristicMode: 'off',
    detectRetries: 20,
    isMainWorld: true,
    visualTest: false,
    logs: { lifecycle: false, rulesteps: false, detectionsteps: false, evals: false, errors: false, messages: false, waits: false },
  };
}

function isRule(value: unknown): value is AutoConsentCMPRule {
  if (!value || typeof value !== 'object') return false;
  const rule = value as Record<string, unknown>;
  return typeof rule.name === 'string' && ['detectCmp', 'detectPopup', 'optIn', 'optOut'].every((k) => Array.isArray(rule[k]));
}

/** The package's rules (the full set: the compact one has no opt-in steps) and ours. */
export function loadRules(): AutoConsentCMPRule[] {
  const bundle = JSON.parse(readFileSync(AUTOCONSENT_RULES, 'utf8')) as { autoconsent?: unknown };
  const theirs = Array.isArray(bundle.autoconsent) ? bundle.autoconsent.filter(isRule) : [];
  const ours: unknown = JSON.parse(readFileSync(DEMO_CONSENT_RULE, 'utf8'));
  if (!isRule(ours)) throw new Error(`${DEMO_CONSENT_RULE} is not an autoconsent rule`);
  if (!theirs.length) throw new Error(`${AUTOCONSENT_RULES} holds no rules`);
  return [...theirs, ours];
}

function urlMatches(pattern: string, url: string): boolean {
  try {
    // As the package tests it: `location.href.match(urlPattern)`.
    return new RegExp(pattern).test(url);
  } catch {
    return false;
  }
}

/**
 * The rules that can run in a frame: those for its kind (top or nested) whose URL pattern, if
 * any, matches. The content script filters the same way; sending only these keeps the message
 * to each frame small (about a sixth of the set).
 */
export function rulesFor(rules: readonly AutoConsentCMPRule[], url: string, mainFrame: boolean): AutoConsentCMPRule[] {
  return rules.filter((rule) => {
    const main = rule.runContext?.main ?? true;
    const frame = rule.runContext?.frame ?? false;
    if (mainFrame ? !main : !frame) return false;
    const pattern = rule.runContext?.urlPattern;
    return !pattern || urlMatches(pattern, url);
  });
}

/**
 * The package's content script, minified (a third smaller): every frame of every page parses it,
 * ad frames included. Its licence comments stay.
 */
export function contentScript(): string {
  return transformSync(readFileSync(AUTOCONSENT_SCRIPT, 'utf8'), { minify: true, target: 'es2020', legalComments: 'inline', logLevel: 'silent' }).code;
}

export class ConsentDriver {
  private readonly watches = new Map<Page, BannerWatch>();
  private readonly inits = new Map<Page, number>();

  private constructor(
    readonly answer: ConsentAnswer,
    private readonly rules: readonly AutoConsentCMPRule[],
  ) {}

  /** Installs the content script and the binding in every page of the context opened from now on. */
  static async install(context: BrowserContext, answer: ConsentAnswer): Promise<ConsentDriver> {
    const driver = new ConsentDriver(answer, loadRules());
    await context.exposeBinding('autoconsentSendMessage', ({ page, frame }: { page: Page; frame: Frame }, message: unknown) => driver.receive(page, frame, message));
    await context.addInitScript({ content: contentScript() });
    return driver;
  }

  /** Starts listening to a page's frames; call before it navigates. Pages not watched are never answered. */
  watch(page: Page): BannerWatch {
    const watch = new BannerWatch(this.answer);
    this.watches.set(page, watch);
    return watch;
  }

  release(page: Page): void {
    this.watches.get(page)?.release();
    this.watches.delete(page);
    this.inits.delete(page);
  }

  private async receive(page: Page, frame: Frame, message: unknown): Promise<void> {
    const watch = this.watches.get(page);
    if (!watch || !message || typeof message !== 'object') return;
    const mainFrame = frame === page.mainFrame();
    if ((message as { type?: unknown }).type !== 'init') {
      watch.onMessage(message, mainFrame);
      return;
    }
    const inits = (this.inits.get(page) ?? 0) + 1;
    this.inits.set(page, inits);
    if (inits > MAX_INITS_PER_PAGE) return;
    // The frame's URL as the browser knows it, not as the message says.
    const response = { type: 'initResp', config: autoconsentConfig(this.answer), rules: { autoconsent: rulesFor(this.rules, frame.url(), mainFrame) } };
    await frame.evaluate(`window.autoconsentReceiveMessage && window.autoconsentReceiveMessage(${JSON.stringify(response)})`).catch(() => undefined);
  }
}
