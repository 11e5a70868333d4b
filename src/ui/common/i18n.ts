/**
 * User-visible text comes only from _locales (English is the source, Dutch is kept complete by a
 * test). Keys are typed from the English file, so a missing key fails the type check.
 */
import browser from 'webextension-polyfill';

export type MessageKey = keyof typeof import('../../../public/_locales/en/messages.json');

export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  const text = browser.i18n.getMessage(key, substitutions.map(String));
  return text || key;
}

/**
 * The language our messages are shown in, for the page's lang attribute: each translation names
 * itself (langCode), because Chromium started with --lang shows that translation while
 * `@@ui_locale` and getUILanguage() still report its default locale.
 */
export function uiLanguage(): string {
  return t('langCode');
}
