// Line charts on uPlot (vendored). The chart box has a fixed height and the placeholder sits on top of
// it, so nothing below moves when the first points arrive or when the window is resized.
import { el, setText } from './dom.js';
import { formatNumber } from './format.js';

/** Colour-blind-safe (Okabe–Ito); dashes tell series apart without colour too. */
export const palette = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000', '#f0e442'];
const dashes = [[], [6, 4], [2, 3], [10, 3, 2, 3]];

const HEIGHT = 240;

function lastValue(column) {
  for (let i = (column?.length ?? 0) - 1; i >= 0; i--) if (column[i] != null) return column[i];
  return null;
}

/**
 * @param {HTMLElement} host empty element the chart fills
 * @param {{title: string, series: string[], xLabel?: string, yLabel?: string, empty?: string}} options
 * @returns {{setData(xs: number[], columns: (number|null)[][]): void, setEmptyText(text: string): void, destroy(): void}}
 */
export function lineChart(host, { title, series, xLabel = 'epoch', yLabel = '', empty = 'Waiting for the first epoch…' }) {
  const summary = el('p', { class: 'visually-hidden', 'aria-live': 'off' });
  const placeholder = el('div', { class: 'chart-placeholder' }, empty);
  // min-height, not height: the legend wraps by window width (never by data: its values have fixed widths).
  const box = el('div', { class: 'chart-box', style: `min-height:${HEIGHT + 60}px` }, placeholder);
  host.append(el('figure', { class: 'chart', 'aria-label': title }, el('figcaption', {}, title), box, summary));

  const plot = new uPlot({
    width: Math.max(200, box.clientWidth || 400),
    height: HEIGHT,
    cursor: { drag: { x: false, y: false } },
    legend: { live: true },
    scales: { x: { time: false } },
    axes: [
      { label: xLabel, stroke: '#333', grid: { stroke: '#e5e5e5' } },
      { label: yLabel, stroke: '#333', grid: { stroke: '#e5e5e5' }, size: 64, values: (u, ticks) => ticks.map(formatNumber) },
    ],
    series: [
      { label: xLabel, value: (u, v, si, idx) => String((idx == null ? lastValue(u.data[0]) : v) ?? '—') },
      ...series.map((label, i) => ({
        label,
        stroke: palette[i % palette.length],
        dash: dashes[Math.floor(i / 2) % dashes.length],
        width: 2,
        spanGaps: true,
        points: { show: (u, si, i0, i1) => i1 - i0 < 60 },
        // Away from the cursor the legend shows each series' latest value, so it reads as a live figure.
        value: (u, v, si, idx) => formatNumber(idx == null ? lastValue(u.data[si]) : v),
      })),
    ],
  }, [[], ...series.map(() => [])], box);

  const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(200, box.clientWidth), height: HEIGHT }));
  resize.observe(box);

  return {
    setData(xs, columns) {
      const hasValues = columns.some(column => column.some(v => v !== null && v !== undefined));
      placeholder.hidden = hasValues;
      plot.setData([xs, ...columns]);
      if (plot.cursor.idx == null) plot.setLegend({ idx: null });
      if (xs.length) {
        const last = xs.length - 1;
        setText(summary, `${title}: ${xLabel} ${xs[last]}, ` +
          series.map((label, i) => `${label} ${formatNumber(columns[i][last])}`).join(', '));
      }
    },
    setEmptyText(text) { setText(placeholder, text); },
    destroy() { resize.disconnect(); plot.destroy(); },
  };
}
