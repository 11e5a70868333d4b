/** Mounts an extension page: sets its language and title, then renders the Preact root. */
import { render, type ComponentChild } from 'preact';
import { t, uiLanguage, type MessageKey } from './i18n';

export function mountPage(titleKey: MessageKey, app: ComponentChild): void {
  document.documentElement.lang = uiLanguage();
  document.title = t(titleKey);
  const root = document.getElementById('app');
  if (root) render(app, root);
}
