import { t, type MessageKey } from './i18n';

/** The heading of a full-tab page (settings, first run): our icon and the page's title. */
export function BrandHeader({ titleKey }: { titleKey: MessageKey }) {
  return (
    <header class="brand">
      <img src="/icons/icon-128.png" alt="" />
      <h1>{t(titleKey)}</h1>
    </header>
  );
}
