// Draws the space: one heartbeat ring per active member, from wave.js. A pure function of
// (state, server time, size, options) onto a 2D context; it never touches the socket or the DOM.

import {
  IDLE_AMPLITUDE, PULSE_AMPLITUDE, PULSE_DURATION_MS, TRAVEL_TURNS_PER_MS,
  baseRadius, beat, envelope, marker, wrap,
} from './wave.js';
import { Status } from './state.js';
import { hsl, palette } from './palette.js';

const TAU = 2 * Math.PI;
const LABEL_FONT = '600 14px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
// Samples per turn where a line beats: a point every 3 CSS px, enough for the 0.005-turn R wave.
const SAMPLE_SPACING_PX = 3;
const MIN_SAMPLES = 360;
const MAX_SAMPLES = 1440;

/** Centre and scale of the drawing: lengths are in units of half the smaller side (waveform.md). */
export function layout(width, height) {
  return { cx: width / 2, cy: height / 2, scale: Math.min(width, height) / 2 };
}

// Where a line differs from its resting circle, in turns from a beat's centre: the complex reaches
// from the P wave (-0.05 - 5 widths) to the T wave (0.06 + 5 widths); beyond, it is under 0.001 px.
const COMPLEX_FROM = -0.1;
const COMPLEX_TO = 0.14;
// beat() tabulated every 1e-5 turns and interpolated: off by under 1e-6 of a radius (0.001 px on a
// 2000 px screen) but with no exp() per point, which is most of a frame's script time otherwise.
const TABLE_STEP = 1e-5;
let beatTable = null;

function tabulate() {
  const n = Math.ceil((COMPLEX_TO - COMPLEX_FROM) / TABLE_STEP) + 2;
  const table = new Float64Array(n);
  for (let i = 0; i < n; i++) table[i] = beat(COMPLEX_FROM + i * TABLE_STEP);
  return table;
}

function nearBeat(turns) {
  if (turns < COMPLEX_FROM || turns >= COMPLEX_TO) return 0;
  if (beatTable === null) beatTable = tabulate();
  const f = (turns - COMPLEX_FROM) / TABLE_STEP;
  const i = Math.floor(f);
  return beatTable[i] + (beatTable[i + 1] - beatTable[i]) * (f - i);
}

/**
 * Where a member's line is at `serverNow`: its resting radius, marker (turns), pulse envelope and
 * how far the pulse has travelled. With reduced motion the ring stands still and a pulse only
 * brightens it (`glow`) instead of running around it.
 */
export function lineShape(member, pulse, serverNow, reducedMotion = false) {
  const since = pulse ? serverNow - pulse.at : NaN;
  const env = pulse ? envelope(since, pulse.strength) : 0;
  if (reducedMotion) {
    return { base: baseRadius(member.phase), mark: marker(member.phase, 0), env: 0, travelled: 0, glow: env };
  }
  return {
    base: baseRadius(member.phase),
    mark: marker(member.phase, serverNow),
    env,
    travelled: env > 0 ? since * TRAVEL_TURNS_PER_MS : 0,
    glow: env,
  };
}

/** The line's radius (drawing units) at screen angle `turns` (fraction of a circle). */
export function radiusAt(shape, turns) {
  const u = wrap(turns - shape.mark);
  let s = IDLE_AMPLITUDE * nearBeat(u);
  if (shape.env > 0) {
    s += PULSE_AMPLITUDE * shape.env * (nearBeat(wrap(u - shape.travelled)) + nearBeat(wrap(u + shape.travelled)));
  }
  return shape.base * (1 + s);
}

/** True while some pulse is still fading, so a still (reduced-motion) page knows to keep drawing. */
export function pulsesFading(state, serverNow) {
  for (const pulse of Object.values(state.lastPulse)) {
    const since = serverNow - pulse.at;
    if (since >= 0 && since < PULSE_DURATION_MS) return true;
  }
  return false;
}

/** The id of the line nearest to (x, y) in CSS px, if one is within `tolerance` px; else null. */
export function hitTest(state, serverNow, size, x, y, { reducedMotion = false, tolerance = 12 } = {}) {
  const { cx, cy, scale } = layout(size.width, size.height);
  const dx = x - cx;
  const dy = y - cy;
  const distance = Math.hypot(dx, dy);
  const turns = Math.atan2(dy, dx) / TAU;
  let best = null;
  let bestGap = tolerance;
  for (const m of state.members) {
    const shape = lineShape(m, state.lastPulse[m.id], serverNow, reducedMotion);
    const gap = Math.abs(distance - radiusAt(shape, turns) * scale);
    if (gap <= bestGap) {
      best = m.id;
      bestGap = gap;
    }
  }
  return best;
}

/**
 * The stretches of a line (in turns from its marker, start < end, ascending) that are not a plain
 * circle: the resting mark and, while a pulse runs, its two travelling beats. Everything between is
 * drawn as an arc, which costs far less to compute and to rasterise than a polyline.
 */
export function busyStretches(shape) {
  const centres = shape.env > 0 ? [0, shape.travelled, -shape.travelled] : [0];
  const stretches = centres
    .map((c) => {
      const start = wrap(c + COMPLEX_FROM);
      return [start, start + (COMPLEX_TO - COMPLEX_FROM)];
    })
    .sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const [start, end] of stretches) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  // The last stretch may run past half a turn into the first one.
  while (merged.length > 1 && merged[merged.length - 1][1] >= merged[0][0] + 1) {
    const first = merged.shift();
    const last = merged[merged.length - 1];
    last[1] = Math.max(last[1], first[1] + 1);
  }
  if (merged.length === 1 && merged[0][1] - merged[0][0] >= 1) merged[0][1] = merged[0][0] + 1;
  return merged;
}

/** Adds the closed line to the context's current path: polylines where it beats, arcs where it rests. */
export function traceLine(ctx, shape, cx, cy, scale) {
  const perTurn = Math.min(MAX_SAMPLES, Math.max(MIN_SAMPLES, (TAU * shape.base * scale) / SAMPLE_SPACING_PX));
  const stretches = busyStretches(shape);
  const restRadius = shape.base * scale;
  ctx.beginPath();
  for (let k = 0; k < stretches.length; k++) {
    const [start, end] = stretches[k];
    const n = Math.max(2, Math.ceil((end - start) * perTurn));
    for (let i = 0; i <= n; i++) {
      const turns = shape.mark + start + ((end - start) * i) / n;
      const r = radiusAt(shape, turns) * scale;
      const angle = TAU * turns;
      const x = cx + r * Math.cos(angle);
      const y = cy + r * Math.sin(angle);
      if (i === 0 && k === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    const nextStart = k + 1 < stretches.length ? stretches[k + 1][0] : stretches[0][0] + 1;
    if (nextStart > end) ctx.arc(cx, cy, restRadius, TAU * (shape.mark + end), TAU * (shape.mark + nextStart));
  }
  ctx.closePath();
}

function drawLine(ctx, m, shape, geometry, role, dpr, p) {
  const { cx, cy, scale } = geometry;
  traceLine(ctx, shape, cx, cy, scale);
  const glow = shape.glow;
  if (role === 'you' || role === 'highlight') {
    // A wide soft under-stroke makes the viewer's own (or the pointed-at) line stand out.
    ctx.strokeStyle = hsl(p, m.hue, p.haloLightness, 0.25 + 0.35 * glow);
    ctx.lineWidth = 9 + 6 * glow;
    ctx.stroke();
    ctx.strokeStyle = hsl(p, m.hue, p.ownLightness + p.ownGlow * glow);
    ctx.lineWidth = 3 + 2 * glow;
  } else {
    // One device pixel wide: the rasteriser's hairline path, several times cheaper than a wider
    // stroke, which is what keeps 100 lines at 60 frames a second. A pulse shows in brightness.
    ctx.strokeStyle = hsl(p, m.hue, p.lineLightness + p.lineGlow * glow, 0.8 + 0.2 * glow);
    ctx.lineWidth = 1 / dpr;
  }
  ctx.stroke();
}

function drawLabel(ctx, text, shape, geometry, size, p) {
  const { cx, cy, scale } = geometry;
  const angle = shape.mark * TAU;
  const r = radiusAt(shape, shape.mark) * scale + 16;
  ctx.font = LABEL_FONT;
  const width = ctx.measureText(text).width + 12;
  const height = 22;
  let x = cx + r * Math.cos(angle) - (Math.cos(angle) < 0 ? width : 0);
  let y = cy + r * Math.sin(angle) - height / 2;
  x = Math.min(Math.max(4, x), size.width - width - 4);
  y = Math.min(Math.max(4, y), size.height - height - 4);
  const alpha = ctx.globalAlpha;
  ctx.globalAlpha = alpha * 0.85;
  ctx.fillStyle = p.background;
  ctx.fillRect(x, y, width, height);
  ctx.globalAlpha = alpha;
  ctx.fillStyle = p.text;
  ctx.textBaseline = 'middle';
  ctx.fillText(text, x + 6, y + height / 2);
}

/**
 * Draws `state` at server time `serverNow` onto `ctx`, whose canvas is `size.width`×`size.height`
 * CSS px at `size.dpr` device pixels per CSS px.
 */
export function render(ctx, state, serverNow, size, { reducedMotion = false, theme } = {}) {
  const { width, height, dpr = 1 } = size;
  const p = palette(theme);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.globalAlpha = 1;
  ctx.fillStyle = p.background;
  ctx.fillRect(0, 0, width, height);
  const geometry = layout(width, height);
  ctx.lineJoin = 'round';

  if (state.members.length === 0) {
    ctx.strokeStyle = p.quiet;
    ctx.globalAlpha = 0.3;
    ctx.lineWidth = 1;
    ctx.setLineDash([4, 8]);
    ctx.beginPath();
    ctx.arc(geometry.cx, geometry.cy, 0.65 * geometry.scale, 0, TAU);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.globalAlpha = 1;
    return;
  }

  // Without a live connection the picture is stale: it stays, dimmed, until the server is back.
  const live = state.status === Status.ACTIVE || state.status === Status.WAITING;
  ctx.globalAlpha = live ? 1 : 0.35;
  const youId = state.you ? state.you.id : null;
  let you = null;
  let highlighted = null;
  for (const m of state.members) {
    const shape = lineShape(m, state.lastPulse[m.id], serverNow, reducedMotion);
    if (m.id === state.highlight) highlighted = { m, shape };
    else if (m.id === youId) you = { m, shape };
    else drawLine(ctx, m, shape, geometry, 'other', dpr, p);
  }
  // The viewer's own line and the pointed-at line go on top of the others.
  if (you) drawLine(ctx, you.m, you.shape, geometry, 'you', dpr, p);
  if (highlighted) {
    drawLine(ctx, highlighted.m, highlighted.shape, geometry, 'highlight', dpr, p);
    const label = highlighted.m.id === youId ? `${highlighted.m.name || 'You'} (you)` : highlighted.m.name || 'Anonymous';
    drawLabel(ctx, label, highlighted.shape, geometry, size, p);
  }
  ctx.globalAlpha = 1;
}

/**
 * Sharp on HiDPI: the backing store follows the CSS size times devicePixelRatio.
 * Returns the size to draw at, the same object when nothing changed.
 */
export function fitCanvas(canvas, size) {
  const dpr = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  if (width === size.width && height === size.height && dpr === size.dpr) return size;
  canvas.width = Math.max(1, Math.round(width * dpr));
  canvas.height = Math.max(1, Math.round(height * dpr));
  return { width, height, dpr };
}
