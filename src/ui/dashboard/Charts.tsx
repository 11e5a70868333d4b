/**
 * Two small inline-SVG charts (no chart library): horizontal bars for "top N" counts and columns
 * for days. Each is an image with an accessible name that says what it shows, and each has its
 * numbers as a table under it, for screen readers and for anyone who wants the exact figures.
 */
import type { ComponentChildren } from 'preact';
import { t, uiLanguage } from '../common/i18n';
import { niceMax, type DayPoint } from './chart-data';
import { formatDay, formatNumber, formatShortDay } from './format';

const MAX_LABEL = 30;
const short = (label: string): string => (label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label);

function Figure({ id, title, summary, children, table }: { id: string; title: string; summary: string; children: ComponentChildren; table: ComponentChildren }) {
  return (
    <figure class="chart" data-testid={`chart-${id}`} aria-labelledby={`${id}-title`}>
      <figcaption>
        <h3 id={`${id}-title`}>{title}</h3>
        <p class="muted" id={`${id}-summary`}>
          {summary}
        </p>
      </figcaption>
      {children}
      <details>
        <summary>{t('dashChartShowTable')}</summary>
        {table}
      </details>
    </figure>
  );
}

export interface Bar {
  key: string;
  label: string;
  n: number;
}

export function BarChart({ id, title, bars, rest, unit, emptyText }: { id: string; title: string; bars: Bar[]; rest: number; unit: string; emptyText: string }) {
  const language = uiLanguage();
  if (bars.length === 0) {
    return (
      <figure class="chart" data-testid={`chart-${id}`} aria-labelledby={`${id}-title`}>
        <figcaption>
          <h3 id={`${id}-title`}>{title}</h3>
        </figcaption>
        <p class="muted" data-testid="chart-empty">
          {emptyText}
        </p>
      </figure>
    );
  }
  const rowHeight = 26;
  const labelWidth = 230;
  const width = 640;
  const barSpace = width - labelWidth - 60;
  const max = Math.max(...bars.map((b) => b.n));
  const height = bars.length * rowHeight + 4;
  const top = bars[0];
  const summary = top ? t('dashChartTopSummary', top.label, formatNumber(top.n, language), bars.length) : '';
  return (
    <Figure
      id={id}
      title={title}
      summary={summary}
      table={
        <table data-testid="chart-table">
          <thead>
            <tr>
              <th scope="col">{t('dashChartColName')}</th>
              <th scope="col">{unit}</th>
            </tr>
          </thead>
          <tbody>
            {bars.map((b) => (
              <tr key={b.key} data-key={b.key}>
                <th scope="row">{b.label}</th>
                <td>{formatNumber(b.n, language)}</td>
              </tr>
            ))}
            {rest > 0 && (
              <tr>
                <th scope="row">{t('dashChartOthers')}</th>
                <td>{formatNumber(rest, language)}</td>
              </tr>
            )}
          </tbody>
        </table>
      }
    >
      <svg class="bars" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-summary`} preserveAspectRatio="xMinYMin meet">
        {bars.map((b, i) => {
          const y = i * rowHeight + 2;
          const w = Math.max(2, (b.n / max) * barSpace);
          return (
            <g key={b.key}>
              <text x={labelWidth - 8} y={y + rowHeight / 2} text-anchor="end" dominant-baseline="middle" class="label">
                {short(b.label)}
              </text>
              <rect x={labelWidth} y={y + 4} width={w} height={rowHeight - 8} rx={3} class="bar" />
              <text x={labelWidth + w + 6} y={y + rowHeight / 2} dominant-baseline="middle" class="value">
                {formatNumber(b.n, language)}
              </text>
            </g>
          );
        })}
      </svg>
    </Figure>
  );
}

export function DayChart({ id, title, points }: { id: string; title: string; points: DayPoint[] }) {
  const language = uiLanguage();
  const total = points.reduce((sum, p) => sum + p.ads, 0);
  const busiest = points.reduce<DayPoint | null>((best, p) => (p.ads > (best?.ads ?? 0) ? p : best), null);
  const first = points[0];
  const last = points[points.length - 1];
  const summary =
    first && last
      ? busiest
        ? t('dashChartDaysSummary', formatNumber(total, language), formatDay(first.day, language), formatDay(last.day, language), formatDay(busiest.day, language), formatNumber(busiest.ads, language))
        : t('dashChartDaysSummaryNone', formatDay(first.day, language), formatDay(last.day, language))
      : '';
  const width = 640;
  const height = 200;
  const left = 40;
  const bottom = 24;
  const plotW = width - left - 8;
  const plotH = height - bottom - 8;
  const max = niceMax(Math.max(0, ...points.map((p) => p.ads)));
  const step = points.length ? plotW / points.length : plotW;
  const labelEvery = Math.max(1, Math.ceil(points.length / 8));
  return (
    <Figure
      id={id}
      title={title}
      summary={summary}
      table={
        <table data-testid="chart-table">
          <thead>
            <tr>
              <th scope="col">{t('dashChartColDay')}</th>
              <th scope="col">{t('dashChartColAds')}</th>
              <th scope="col">{t('dashChartColPages')}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.day} data-key={p.day}>
                <th scope="row">{formatDay(p.day, language)}</th>
                <td>{formatNumber(p.ads, language)}</td>
                <td>{formatNumber(p.pages, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <svg class="columns" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-summary`}>
        {[0, max / 2, max].map((v) => {
          const y = 8 + plotH - (v / max) * plotH;
          return (
            <g key={v}>
              <line x1={left} x2={width - 8} y1={y} y2={y} class="grid" />
              <text x={left - 6} y={y} text-anchor="end" dominant-baseline="middle" class="axis">
                {formatNumber(v, language)}
              </text>
            </g>
          );
        })}
        {points.map((p, i) => {
          const h = (p.ads / max) * plotH;
          const x = left + i * step;
          return (
            <g key={p.day}>
              {p.ads > 0 && <rect x={x + step * 0.15} y={8 + plotH - h} width={Math.max(1, step * 0.7)} height={h} class="bar" />}
              {i % labelEvery === 0 && (
                <text x={x + step / 2} y={height - 6} text-anchor="middle" class="axis">
                  {formatShortDay(p.day, language)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </Figure>
  );
}
