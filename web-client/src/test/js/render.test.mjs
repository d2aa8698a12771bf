// The renderer samples the same curve as wave.js (so the picture matches the golden vectors) and
// draws with nothing but the state, the time and the size it is given.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  busyStretches, hitTest, layout, lineShape, pulsesFading, radiusAt, render, traceLine,
} from '../../main/resources/web/js/render.js';
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

test('the sampled line matches wave.radius within a millionth of a radius, pulsing or not', () => {
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
  // 1e-6 of the drawing's half-size is a thousandth of a pixel on a 2000 px screen.
  assert.ok(worst < 1e-6, `worst difference ${worst}`);
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
  assert.equal(ctx.calls.filter((c) => c[0] === 'closePath').length, 2);
});

function randomShape(i) {
  const member = { phase: Math.random() };
  const now = T0 + Math.floor(Math.random() * 120_000);
  const pulse = i % 4 === 0 ? null : { at: now - Math.floor(Math.random() * 4200), strength: Math.random() || 1 };
  return { member, now, pulse, shape: lineShape(member, pulse, now) };
}

test('every point of a traced line lies on the waveform (to 0.001 px), and the arcs between are at rest', () => {
  const scale = 1000;
  for (let i = 0; i < 400; i++) {
    const { member, now, pulse, shape } = randomShape(i);
    const ctx = recordingContext();
    traceLine(ctx, shape, 0, 0, scale);
    let turnsCovered = 0;
    for (const [name, ...args] of ctx.calls) {
      if (name === 'moveTo' || name === 'lineTo') {
        const [x, y] = args;
        const angle = Math.atan2(y, x);
        const expected = radius(member.phase, now, angle, pulse ? now - pulse.at : null, pulse ? pulse.strength : 1);
        assert.ok(Math.abs(Math.hypot(x, y) / scale - expected) < 1e-6, `point at ${angle}`);
      } else if (name === 'arc') {
        const [, , r, from, to] = args;
        assert.equal(r, shape.base * scale);
        turnsCovered += (to - from) / (2 * Math.PI);
        // Along the arc the real line is within a thousandth of a pixel of the circle, even at this scale.
        for (let k = 0; k <= 50; k++) {
          const angle = from + ((to - from) * k) / 50;
          const exact = radius(member.phase, now, angle, pulse ? now - pulse.at : null, pulse ? pulse.strength : 1);
          assert.ok(Math.abs(exact * scale - r) < 1e-3, `arc strays ${Math.abs(exact * scale - r)} px`);
        }
      }
    }
    turnsCovered += busyStretches(shape).reduce((sum, [a, b]) => sum + (b - a), 0);
    assert.ok(Math.abs(turnsCovered - 1) < 1e-9, `covers ${turnsCovered} turns`);
  }
});

test('busy stretches merge where beats overlap and never cover more than a turn', () => {
  assert.deepEqual(busyStretches({ env: 0, travelled: 0 }).map((s) => s.map((x) => +x.toFixed(6))), [[-0.1, 0.14]]);
  assert.equal(busyStretches({ env: 1, travelled: 0.01 }).length, 1);
  assert.equal(busyStretches({ env: 1, travelled: 0.3 }).length, 3);
  for (let d = 0; d < 1; d += 0.01) {
    const stretches = busyStretches({ env: 0.5, travelled: d });
    const total = stretches.reduce((sum, [a, b]) => sum + (b - a), 0);
    assert.ok(total <= 1 + 1e-12, `${d}: ${total}`);
    stretches.forEach(([a, b], i) => { if (i > 0) assert.ok(a > stretches[i - 1][1], `${d}: overlapping`); });
  }
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
