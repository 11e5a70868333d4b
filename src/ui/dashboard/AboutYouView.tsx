import { useEffect, useState } from 'preact/hooks';
import { OTHER_KEY } from '../../core/log/summary';
import { t, uiLanguage } from '../common/i18n';
import { formatDay, formatNumber } from './format';
import { segmentKindWord } from './labels';
import { useLog } from './log-context';
import { aboutThePage, segmentsSeen, type SegmentSeen } from './segments';

const FIRST_ROWS = 100;

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; you: SegmentSeen[]; pages: SegmentSeen[] };

function SegmentTable({ id, caption, segments }: { id: string; caption: string; segments: SegmentSeen[] }) {
  const [all, setAll] = useState(false);
  const language = uiLanguage();
  const rows = all ? segments : segments.slice(0, FIRST_ROWS);
  return (
    <>
      <div class="table-wrap">
        <table data-testid={`${id}-table`} class="you-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashYouColLabel')}</th>
              <th scope="col">{t('dashYouColKind')}</th>
              <th scope="col">{t('dashYouColTimes')}</th>
              <th scope="col">{t('dashYouColFirst')}</th>
              <th scope="col">{t('dashYouColLast')}</th>
              <th scope="col">{t('dashYouColFrom')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.key} data-kind={s.kind} data-testid={`${id}-row`}>
                <th scope="row" data-col="label">
                  {s.key === OTHER_KEY ? t('dashYouOther') : s.label}
                </th>
                <td data-col="kind">{segmentKindWord(t, s.kind)}</td>
                <td data-col="n">{formatNumber(s.n, language)}</td>
                <td data-col="first">{formatDay(s.first, language)}</td>
                <td data-col="last">{formatDay(s.last, language)}</td>
                <td data-col="from">{s.from.map((f) => t('dashYouFromItem', f.source, formatNumber(f.n, language))).join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!all && segments.length > FIRST_ROWS && (
        <button type="button" class="secondary" onClick={() => setAll(true)}>
          {t('dashYouShowAll', formatNumber(segments.length, language))}
        </button>
      )}
    </>
  );
}

/**
 * "What they seem to think of you": the audience segments, interests and demographics that pages'
 * ad tech sent about the person in bid requests (and the companies that said they used a profile
 * or the person's location), over the whole log, most often seen first. Said plainly as the
 * industry's guesses, not facts about the person. What the ad tech said about the pages (their
 * topics) is listed apart: it is about what the person read, not about them.
 */
export function AboutYouView() {
  const { db, version } = useLog();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const language = uiLanguage();

  useEffect(() => {
    let live = true;
    db.days().then(
      (days) => {
        if (!live) return;
        const seen = segmentsSeen(days);
        setState({ kind: 'ready', you: seen.filter((s) => !aboutThePage(s)), pages: seen.filter(aboutThePage) });
      },
      (e: unknown) => live && setState({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [db, version]);

  let body;
  if (state.kind === 'loading') body = <p role="status">{t('dashLoading')}</p>;
  else if (state.kind === 'error') {
    body = (
      <p role="alert" class="error">
        {t('dashErrorQuery', state.message)}
      </p>
    );
  } else {
    body = (
      <>
        {state.you.length === 0 ? (
          <p data-testid="you-empty">{t('dashYouEmpty')}</p>
        ) : (
          <SegmentTable id="you" caption={t('dashYouCaption', formatNumber(state.you.length, language))} segments={state.you} />
        )}
        {state.pages.length > 0 && (
          <section aria-labelledby="pages-heading">
            <h3 id="pages-heading">{t('dashYouPagesTitle')}</h3>
            <p class="muted">{t('dashYouPagesHint')}</p>
            <SegmentTable id="topics" caption={t('dashYouCaption', formatNumber(state.pages.length, language))} segments={state.pages} />
          </section>
        )}
      </>
    );
  }

  return (
    <section aria-labelledby="you-heading">
      <h2 id="you-heading">{t('dashYouTitle')}</h2>
      <p>{t('dashYouExplain')}</p>
      <p class="notice" data-testid="you-caveat">
        {t('dashYouCaveat')}
      </p>
      {body}
    </section>
  );
}
