import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialState } from '../../main/resources/web/js/state.js';
import {
  ANNOUNCE_MS, PROMOTED_MS, announceText, closeWords, noticeText, presenceSummary, statusKey, statusLine,
} from '../../main/resources/web/js/words.js';

const base = initialState({ space: 'garden' });
const at = (changes) => Object.freeze({ ...base, ...changes });

test('status lines for each state of the page', () => {
  assert.equal(statusLine(base, 0), 'Connecting to garden…');
  assert.equal(statusLine(at({ status: 'active' }), 0), 'Active — click, tap or press Space to pulse');
  assert.equal(statusLine(at({ status: 'waiting', position: 3 }), 0), '#3 in line — watching');
  assert.equal(statusLine(at({ status: 'disconnected', closeReason: 'the space and its queue are full' }), 0),
    'Disconnected: the space and its queue are full');
});

test('promotion is announced, then settles to the active line', () => {
  const promoted = at({ status: 'active', promotedAt: 1000 });
  assert.match(statusLine(promoted, 1000), /^Promoted/);
  assert.match(statusLine(promoted, 1000 + PROMOTED_MS), /^Active/);
});

test('reconnecting counts down in whole seconds and gives the reason', () => {
  const s = at({ status: 'reconnecting', retryAt: 10_000, closeReason: 'the server is shutting down' });
  assert.equal(statusLine(s, 6_500), 'Reconnecting in 4 s (the server is shutting down)');
  assert.equal(statusLine(s, 9_999), 'Reconnecting in 1 s (the server is shutting down)');
  assert.equal(statusLine(at({ status: 'reconnecting' }), 0), 'Reconnecting…');
});

test('the screen-reader key ignores the countdown but not a change of meaning', () => {
  const s = at({ status: 'reconnecting', retryAt: 10_000 });
  assert.equal(statusKey(s, 1_000), statusKey(s, 8_000));
  assert.notEqual(statusKey(at({ status: 'waiting', position: 2 }), 0), statusKey(at({ status: 'waiting', position: 1 }), 0));
  const promoted = at({ status: 'active', promotedAt: 0 });
  assert.notEqual(statusKey(promoted, 0), statusKey(promoted, PROMOTED_MS));
});

test('every close code of the contract has words', () => {
  assert.equal(closeWords(1001), 'the server is shutting down');
  assert.equal(closeWords(4002), 'the space and its queue are full');
  assert.match(closeWords(1013), /^try again later/);
  assert.equal(closeWords(1006), 'the connection was lost');
  assert.match(closeWords(4001), /^replaced by a newer connection/);
  assert.equal(closeWords(4999), 'closed with code 4999');
});

test('presence summary counts lines and the queue', () => {
  assert.equal(presenceSummary(at({ members: [{}, {}], waiting: 0 })), '2 here · nobody waiting');
  assert.equal(presenceSummary(at({ members: [{}], waiting: 3 })), '1 here · 3 waiting');
});

test('refusals show briefly in words, the announce banner for ten seconds', () => {
  const s = at({ notice: { code: 'rate-limited', message: '', at: 0 }, limits: { pulsesPerSecond: 10 },
    announce: { text: 'Closing soon', at: 0, seq: 1 } });
  assert.equal(noticeText(s, 100), 'Easy — at most 10 pulses a second');
  assert.equal(noticeText(s, 60_000), null);
  assert.equal(announceText(s, ANNOUNCE_MS - 1), 'Closing soon');
  assert.equal(announceText(s, ANNOUNCE_MS), null);
});
