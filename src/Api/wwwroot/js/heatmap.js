// Gradient flow: layer × sampled step, colour = log10 of the layer's gradient norm, drawn on a canvas
// from GET /api/jobs/{id}/diagnostics. A vanishing network shows as early layers far darker than late
// ones. Fixed height: the rows share it, so a job's first sample does not push the page down.
import { el, setText } from './dom.js';
import { formatNumber } from './format.js';

const HEIGHT = 260;
// Viridis at nine stops: perceptually even and readable in grey.
const VIRIDIS = ['#440154', '#472d7b', '#3b528b', '#2c728e', '#21918c', '#28ae80', '#5ec962', '#addc30', '#fde725'];

function colour(t) {
  const x = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const mix = (a, b) => Math.round(a + (b - a) * (x - i));
  const [r0, g0, b0] = rgb(VIRIDIS[i]), [r1, g1, b1] = rgb(VIRIDIS[i + 1]);
  return `rgb(${mix(r0, r1)},${mix(g0, g1)},${mix(b0, b1)})`;
}
const rgb = hex => [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16));

/** Rows (layers in network order, only those with gradients) and columns (sampled steps) of ‖g‖. */
export function gradientGrid(diagnostics) {
  const byLayer = new Map(diagnostics.series.filter(s => s.metric === 'gradNorm').map(s => [s.layer, s.points]));
  const layers = diagnostics.layers.filter(name => byLayer.has(name));
  const steps = [...new Set(layers.flatMap(name => byLayer.get(name).map(p => p.step)))].sort((a, b) => a - b);
  const epochOf = new Map();
  const column = new Map(steps.map((step, i) => [step, i]));
  const values = layers.map(name => {
    const row = new Array(steps.length).fill(null);
    for (const p of byLayer.get(name)) { row[column.get(p.step)] = p.value; epochOf.set(p.step, p.epoch); }
    return row;
  });
  return { layers, steps, epochs: steps.map(s => epochOf.get(s)), values };
}

export function heatmap(host) {
  const canvas = el('canvas', { tabindex: '0', role: 'img', class: 'heatmap-canvas', 'aria-describedby': 'heatmap-readout' });
  const readout = el('p', { id: 'heatmap-readout', class: 'heatmap-readout', 'aria-live': 'polite' }, 'Use the arrow keys on the heatmap to read single cells.');
  const placeholder = el('div', { class: 'chart-placeholder' }, 'Waiting for the first diagnostic sample…');
  const box = el('div', { class: 'heatmap-box', style: `height:${HEIGHT}px` }, canvas, placeholder);
  host.append(el('figure', { class: 'chart' }, el('figcaption', {}, 'Gradient flow: log₁₀ ‖gradient‖ per layer'), box, readout));

  let grid = null, layout = null, cursor = null;

  function draw() {
    const width = box.clientWidth;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = width * ratio; canvas.height = HEIGHT * ratio;
    canvas.style.width = `${width}px`; canvas.style.height = `${HEIGHT}px`;
    const ctx = canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, HEIGHT);
    if (!grid || !grid.steps.length) return;

    ctx.font = '12px system-ui, sans-serif';
    const labelWidth = Math.min(160, Math.max(...grid.layers.map(l => ctx.measureText(l).width)) + 12);
    const legendWidth = 74, axisHeight = 34, top = 6;
    const plotWidth = Math.max(40, width - labelWidth - legendWidth - 8), plotHeight = HEIGHT - axisHeight - top;
    const cellW = plotWidth / grid.steps.length, cellH = plotHeight / grid.layers.length;
    const logs = grid.values.flat().filter(v => v > 0).map(Math.log10);
    const lo = logs.length ? Math.min(...logs) : 0, hi = logs.length ? Math.max(...logs) : 1;
    const span = hi - lo || 1;
    layout = { labelWidth, top, cellW, cellH, lo, hi };

    grid.values.forEach((row, r) => row.forEach((v, c) => {
      ctx.fillStyle = v === null ? '#f2f2f2' : v > 0 ? colour((Math.log10(v) - lo) / span) : '#000';
      ctx.fillRect(labelWidth + c * cellW, top + r * cellH, Math.ceil(cellW), Math.ceil(cellH));
    }));
    if (cursor) {
      ctx.strokeStyle = '#ff00aa'; ctx.lineWidth = 2;
      ctx.strokeRect(labelWidth + cursor.c * cellW + 1, top + cursor.r * cellH + 1, Math.max(2, cellW - 2), Math.max(2, cellH - 2));
    }

    ctx.fillStyle = '#222'; ctx.textBaseline = 'middle'; ctx.textAlign = 'right';
    const every = Math.ceil(14 / cellH);
    grid.layers.forEach((name, r) => { if (r % every === 0) ctx.fillText(name, labelWidth - 6, top + (r + 0.5) * cellH, labelWidth - 8); });
    ctx.textAlign = 'center'; ctx.textBaseline = 'top';
    const tickEvery = Math.max(1, Math.ceil(grid.steps.length / Math.max(1, Math.floor(plotWidth / 70))));
    for (let c = 0; c < grid.steps.length; c += tickEvery)
      ctx.fillText(String(grid.steps[c]), labelWidth + (c + 0.5) * cellW, top + plotHeight + 4);
    ctx.fillText('optimizer step', labelWidth + plotWidth / 2, top + plotHeight + 19);

    const barX = labelWidth + plotWidth + 14, barW = 14;
    for (let y = 0; y < plotHeight; y++) {
      ctx.fillStyle = colour(1 - y / plotHeight);
      ctx.fillRect(barX, top + y, barW, 1);
    }
    ctx.fillStyle = '#222'; ctx.textAlign = 'left'; ctx.textBaseline = 'top';
    const label = v => (Math.abs(v) < 0.05 ? 0 : v).toFixed(1);
    ctx.fillText(label(hi), barX + barW + 4, top);
    ctx.textBaseline = 'bottom';
    ctx.fillText(label(lo), barX + barW + 4, top + plotHeight);
    ctx.save();
    ctx.translate(barX + barW + 16, top + plotHeight / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = 'center'; ctx.textBaseline = 'top';
    ctx.fillText('log₁₀ ‖g‖', 0, 0);
    ctx.restore();
  }

  function describe(r, c) {
    const v = grid.values[r][c];
    return `${grid.layers[r]}, step ${grid.steps[c]} (epoch ${grid.epochs[c]}): ‖g‖ = ${v === null ? 'not sampled' : formatNumber(v)}`;
  }

  canvas.addEventListener('mousemove', event => {
    if (!layout || !grid) return;
    const rect = canvas.getBoundingClientRect();
    const c = Math.floor((event.clientX - rect.left - layout.labelWidth) / layout.cellW);
    const r = Math.floor((event.clientY - rect.top - layout.top) / layout.cellH);
    if (r >= 0 && r < grid.layers.length && c >= 0 && c < grid.steps.length) setText(readout, describe(r, c));
  });
  canvas.addEventListener('keydown', event => {
    if (!grid || !grid.steps.length) return;
    const moves = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0], Home: [0, -Infinity], End: [0, Infinity] };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const [dr, dc] = moves[event.key];
    const at = cursor ?? { r: 0, c: grid.steps.length - 1 };
    cursor = {
      r: Math.min(grid.layers.length - 1, Math.max(0, at.r + (cursor ? dr : 0))),
      c: Math.min(grid.steps.length - 1, Math.max(0, at.c + (cursor ? dc : 0))),
    };
    setText(readout, describe(cursor.r, cursor.c));
    draw();
  });
  canvas.addEventListener('blur', () => { cursor = null; draw(); });

  const resize = new ResizeObserver(() => draw());
  resize.observe(box);

  return {
    setDiagnostics(diagnostics) {
      grid = gradientGrid(diagnostics);
      placeholder.hidden = grid.steps.length > 0;
      const logs = grid.values.flat().filter(v => v > 0);
      canvas.setAttribute('aria-label', grid.steps.length
        ? `Gradient norm heatmap: ${grid.layers.length} layers over ${grid.steps.length} sampled steps, from ${formatNumber(Math.min(...logs))} to ${formatNumber(Math.max(...logs))}`
        : 'Gradient norm heatmap: no samples yet');
      if (cursor && (cursor.r >= grid.layers.length || cursor.c >= grid.steps.length)) cursor = null;
      draw();
    },
    setEmptyText(text) { setText(placeholder, text); placeholder.hidden = false; },
    destroy() { resize.disconnect(); },
  };
}
