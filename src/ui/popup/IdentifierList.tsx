/** The cross-site identifiers a page had, and who carried each: the popup's page section and the dashboard's detail view. */
import type { PageReport } from '../../shared/page-report';
import { t } from '../common/i18n';

export function IdentifierList({ identifiers, testId }: { identifiers: PageReport['identifiers']; testId: string }) {
  if (!identifiers.length) return <p class="muted">{t('identifiersNone')}</p>;
  return (
    <ul data-testid={testId}>
      {identifiers.map((id) => (
        <li key={id.source}>
          {t('identifierItem', id.source, id.via)}
          {id.atype === 3 && <span class="muted"> ({t('identifierPerson')})</span>}
        </li>
      ))}
    </ul>
  );
}
