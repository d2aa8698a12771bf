// The renderer samples the same curve as wave.js (so the picture matches the golden vectors) and
// draws with nothing but the state, the time and the size it is given.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hitTest, layout, lineShape, pulsesFading, radiusAt, render } from '../../main/resources/web/js/render.js';
import { radius } from '../../main/resources/web/js/wave.js';
import { initialState, reduce } from '../../main/resources/web/js/state.js';

const T0 = 1_763_750_000_000;
const ada = { id: 'a', name: 'Ada', hue: 212, phase: 0.37 };
const bo = { id: 'b', name: '<img src=x onerror=alert(1)>', hue: 40, phase: 0.9 };

function activeState(members = [ada, bo]) {
  return reduce(initialState(), {
    type: 'welcome', space: 'lobby', you: ada, status: 'active', position: 0, members, waiting: 0,
    capacity: 5, serverTime: T0, resume: 't',
  });
}

// Records the calls a 2D context receives: enough to see what was drawn, and in what order.
function recordingContext() {
  const calls = [];
  const record = (name) => (...args) => calls.push([name, ...args]);
  const ctx = { calls, measureText: (text) => ({ width: 7 * text.length }) };
  for (const name of ['setTransform', 'fillRect', 'beginPath', 'moveTo', 'lineTo', 'closePath', 'stroke', 'arc',
    'setLineDash', 'fillText']) ctx[name] = record(name);
  return ctx;
}

test('the sampled line equals wave.radius everywhere, pulsing or not', () => {
  let worst = 0;
  for (let i = 0; i < 5000; i++) {
    const member = { phase: Math.random() };
    const now = T0 + Math.floor(Math.random() * 120_000);
    const pulse = i % 3 === 0 ? null : { at: now - Math.floor(Math.random() * 4500), strength: Math.random() || 1 };
    const angle = (Math.random() - 0.5) * 4 * Math.PI;
    const expected = radius(member.phase, now, angle, pulse ? now - pulse.at : null, pulse ? pulse.strength : 1);
    const actual = radiusAt(lineShape(member, pulse, now), angle / (2 * Math.PI));
    worst = Math.max(worst, Math.abs(actual - expected));
  }
  assert.ok(worst < 1e-12, `worst difference ${worst}`);
});

test('with reduced motion the ring stands still and a pulse only brightens it', () => {
  const pulse = { at: T0, strength: 1 };
  const a = lineShape(ada, pulse, T0 + 100, true);
  const b = lineShape(ada, pulse, T0 + 20_000, true);
  assert.equal(a.mark, b.mark);
  assert.equal(a.env, 0);
  assert.ok(a.glow > 0.8);
  assert.equal(b.glow, 0);
});

test('the drawing is centred and scaled to half the smaller side', () => {
  assert.deepEqual(layout(800, 600), { cx: 400, cy: 300, scale: 300 });
});

test('pointing at a ring finds its member; pointing at empty space finds nobody', () => {
  const state = activeState();
  const size = { width: 800, height: 600 };
  const { cx, cy, scale } = layout(800, 600);
  const now = T0 + 30_000;
  // Opposite the marker the ring is at rest, so its radius is the base radius.
  const shape = lineShape(bo, null, now);
  const angle = (shape.mark + 0.5) * 2 * Math.PI;
  const r = radiusAt(shape, shape.mark + 0.5) * scale;
  assert.equal(hitTest(state, now, size, cx + r * Math.cos(angle), cy + r * Math.sin(angle)), 'b');
  assert.equal(hitTest(state, now, size, cx, cy), null);
});

test('render draws one closed line per member plus a halo for the viewer\'s own', () => {
  const ctx = recordingContext();
  render(ctx, activeState(), T0, { width: 400, height: 300, dpr: 2 });
  assert.deepEqual(ctx.calls[0], ['setTransform', 2, 0, 0, 2, 0, 0]);
  assert.equal(ctx.calls.filter((c) => c[0] === 'beginPath').length, 2);
  assert.equal(ctx.calls.filter((c) => c[0] === 'stroke').length, 3);
  assert.ok(ctx.calls.filter((c) => c[0] === 'lineTo').length >= 2 * 95);
});

test('a highlighted line shows its name, drawn as text', () => {
  const ctx = recordingContext();
  const state = reduce(activeState(), { type: 'client/highlight', id: 'b' });
  render(ctx, state, T0, { width: 400, height: 300, dpr: 1 });
  const texts = ctx.calls.filter((c) => c[0] === 'fillText').map((c) => c[1]);
  assert.deepEqual(texts, ['<img src=x onerror=alert(1)>']);
});

test('an empty space draws a faint guide ring and no lines', () => {
  const ctx = recordingContext();
  render(ctx, initialState(), T0, { width: 400, height: 300 });
  assert.equal(ctx.calls.filter((c) => c[0] === 'arc').length, 1);
  assert.equal(ctx.calls.filter((c) => c[0] === 'lineTo').length, 0);
});

test('a pulse is fading for four seconds after it', () => {
  const state = reduce(activeState(), { type: 'pulse', id: 'b', strength: 1, at: T0 });
  assert.ok(pulsesFading(state, T0 + 3_999));
  assert.ok(!pulsesFading(state, T0 + 4_000));
  assert.ok(!pulsesFading(state, T0 - 1));
});
