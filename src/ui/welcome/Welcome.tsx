import { BrandHeader } from '../common/BrandHeader';
import { t, type MessageKey } from '../common/i18n';
import { openSettings } from '../common/tab';

const PERMISSIONS: ReadonlyArray<readonly [MessageKey, MessageKey]> = [
  ['permAllSitesTitle', 'permAllSitesText'],
  ['permFramesTitle', 'permFramesText'],
  ['permNavigationTitle', 'permNavigationText'],
  ['permStorageTitle', 'permStorageText'],
  ['permNetworkTitle', 'permNetworkText'],
  ['permGpcTitle', 'permGpcText'],
  ['permHistoryTitle', 'permHistoryText'],
];

export function Welcome() {
  return (
    <main>
      <BrandHeader titleKey="welcomeTitle" />
      <p>{t('welcomeIntro')}</p>
      <section aria-labelledby="permissions">
        <h2 id="permissions">{t('welcomePermissionsTitle')}</h2>
        <dl class="permissions">
          {PERMISSIONS.map(([title, text]) => (
            <>
              <dt>{t(title)}</dt>
              <dd>{t(text)}</dd>
            </>
          ))}
        </dl>
      </section>
      <section aria-labelledby="privacy">
        <h2 id="privacy">{t('welcomePrivacyTitle')}</h2>
        <p>{t('welcomePrivacyText')}</p>
      </section>
      <p>
        <a
          href="#settings"
          onClick={(e) => {
            e.preventDefault();
            void openSettings();
          }}
        >
          {t('welcomeSettingsLink')}
        </a>
      </p>
    </main>
  );
}
