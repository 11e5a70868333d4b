import { useEffect, useState } from 'preact/hooks';
import type { Feedback } from '../../shared/feedback';
import { askBackground } from '../../platform/messaging';
import { t } from '../common/i18n';
import { downloadJson } from '../common/download';

function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/** The person's corrections ("not an ad", "missed an ad"): listed, deletable, exportable as JSON. */
export function FeedbackList() {
  const [items, setItems] = useState<Feedback[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const apply = (r: { ok: true; data: Feedback[] } | { ok: false; error: string }): void => (r.ok ? setItems(r.data) : setError(r.error));

  useEffect(() => {
    void askBackground('ui:getFeedback', {}).then(apply);
  }, []);

  const exportAll = (): void => {
    downloadJson('why-this-ad-corrections.json', { schema: 'why-this-ad/feedback/1', exportedAt: new Date().toISOString(), items: items ?? [] });
  };

  return (
    <section aria-labelledby="feedback">
      <h2 id="feedback">{t('feedbackTitle')}</h2>
      <p class="muted">{t('feedbackHint')}</p>
      {error && (
        <p role="alert" class="error">
          {t('errorLoading', error)}
        </p>
      )}
      {items && items.length === 0 && <p>{t('feedbackEmpty')}</p>}
      {items && items.length > 0 && (
        <>
          <ul class="plain" data-testid="feedback">
            {items.map((f) => (
              <li key={f.id} data-kind={f.kind}>
                <span>
                  {t('feedbackItem', t(f.kind === 'not-an-ad' ? 'feedbackNotAnAd' : 'feedbackMissed'), hostOf(f.pageUrl), new Date(f.at).toLocaleString())}
                  <br />
                  <code class="muted">{f.element.selector ?? f.element.tag ?? ''}</code>
                </span>
                <button type="button" class="secondary" onClick={() => void askBackground('ui:deleteFeedback', { id: f.id }).then(apply)}>
                  {t('feedbackDelete')}
                </button>
              </li>
            ))}
          </ul>
          <p class="actions">
            <button type="button" onClick={exportAll}>
              {t('feedbackExport')}
            </button>
            <button type="button" class="secondary" onClick={() => void askBackground('ui:deleteFeedback', {}).then(apply)}>
              {t('feedbackDeleteAll')}
            </button>
          </p>
        </>
      )}
    </section>
  );
}
