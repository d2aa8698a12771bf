import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Backoff, DEFAULT_BACKOFF, backoffDelay } from '../../main/resources/web/js/backoff.js';

test('the ceiling doubles from half a second and stops at thirty seconds', () => {
  const top = (attempt) => backoffDelay(attempt, DEFAULT_BACKOFF, () => 1);
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7, 8].map(top), [500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
});

test('jitter keeps every delay within the upper half of its ceiling', () => {
  const low = (attempt) => backoffDelay(attempt, DEFAULT_BACKOFF, () => 0);
  assert.deepEqual([0, 1, 2, 6].map(low), [250, 500, 1000, 15000]);
  for (let i = 0; i < 200; i++) {
    const d = backoffDelay(3, DEFAULT_BACKOFF, Math.random);
    assert.ok(d >= 2000 && d <= 4000, `${d}`);
  }
});

test('two tabs that lost the same server come back at different moments', () => {
  const a = new Backoff(DEFAULT_BACKOFF, () => 0.1);
  const b = new Backoff(DEFAULT_BACKOFF, () => 0.9);
  assert.notEqual(a.next(), b.next());
});

test('the schedule grows with each failure and starts over after a reset', () => {
  const backoff = new Backoff(DEFAULT_BACKOFF, () => 0.5);
  const delays = [backoff.next(), backoff.next(), backoff.next()];
  assert.deepEqual(delays, [375, 750, 1500]);
  assert.equal(backoff.attempts, 3);
  backoff.reset();
  assert.equal(backoff.next(), 375);
});

test('options override the defaults one by one', () => {
  assert.equal(backoffDelay(10, { maxMs: 5000, jitter: 0 }), 5000);
  assert.equal(backoffDelay(0, { baseMs: 100, jitter: 0 }), 100);
});
