// The browser's waveform must agree with the Java one on every golden vector (shared-protocol).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { baseRadius, beat, envelope, marker, radius, wrap } from '../../main/resources/web/js/wave.js';

const golden = JSON.parse(readFileSync(
  new URL('../../../../shared-protocol/src/test/resources/wave/golden-vectors.json', import.meta.url), 'utf8'));

test('every golden vector gives the same radius as the Java Waveform', () => {
  assert.ok(golden.vectors.length > 100, 'the vectors file was read');
  for (const v of golden.vectors) {
    const actual = radius(v.phase, v.serverTime, v.angle, v.msSincePulse, v.strength);
    assert.ok(Math.abs(actual - v.radius) <= golden.tolerance,
      `phase ${v.phase} t ${v.serverTime} angle ${v.angle} since ${v.msSincePulse}: ${actual} != ${v.radius}`);
  }
});

test('wrap folds turns into [-0.5, 0.5)', () => {
  assert.equal(wrap(0.5), -0.5);
  assert.equal(wrap(-0.5), -0.5);
  assert.equal(wrap(1.25), 0.25);
  assert.equal(wrap(-0.75), 0.25);
});

test('the marker turns once a minute and handles times before the epoch like floorMod', () => {
  assert.equal(marker(0.25, 0), 0.25);
  assert.equal(marker(0, 30_000), 0.5);
  assert.equal(marker(0, 60_000), 0);
  assert.equal(marker(0, -15_000), 0.75);
});

test('beat peaks near 1 on the R wave; the resting radius spans 0.45 to 0.85', () => {
  // Q and S pull the peak a little under the R wave's own 1.
  assert.ok(beat(0) > 0.97 && beat(0) < 1);
  for (const x of [-0.2, -0.05, -0.01, 0.01, 0.05, 0.2]) assert.ok(beat(x) < beat(0), `${x}`);
  assert.equal(baseRadius(0), 0.45);
  assert.ok(Math.abs(baseRadius(1) - 0.85) < 1e-12);
});

test('a pulse fades over four seconds and never counts before it happened', () => {
  assert.equal(envelope(0, 0.5), 0.5);
  assert.equal(envelope(4_000, 1), 0);
  assert.equal(envelope(-1, 1), 0);
  assert.equal(envelope(NaN, 1), 0);
  assert.ok(envelope(900, 1) > 0.36 && envelope(900, 1) < 0.37);
});
