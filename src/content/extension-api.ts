/**
 * The extension API as a content script needs it, without webextension-polyfill. The content
 * script runs in every frame of every page, and the polyfill would add ~10 KB to parse in each;
 * the few calls made here are promise-based in both Chrome's MV3 `chrome` and Firefox's `browser`,
 * and replies go through `sendResponse`, which both support.
 */
type Listener = (message: unknown, sender: unknown, sendResponse: (reply: unknown) => void) => boolean | undefined;

export interface ContentApi {
  runtime: {
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: { addListener(listener: Listener): void };
  };
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
  i18n: { getMessage(key: string, substitutions?: string[]): string };
}

const scope = globalThis as unknown as { browser?: ContentApi; chrome?: ContentApi };

export function extensionApi(): ContentApi {
  const api = scope.browser ?? scope.chrome;
  if (!api?.runtime) throw new Error('not running as an extension content script');
  return api;
}
