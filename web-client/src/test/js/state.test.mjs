// The reducer: from protocol events (the golden frames of shared-protocol, and scripted sequences)
// to the page state and the published `window.heartbeat` view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { Status, initialState, publicView, reduce } from '../../main/resources/web/js/state.js';

const goldenDir = new URL('../../../../shared-protocol/src/test/resources/golden/server/', import.meta.url);
const golden = Object.fromEntries(readdirSync(goldenDir).filter((f) => f.endsWith('.json'))
  .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(new URL(f, goldenDir), 'utf8'))]));

const ada = { id: 'k3f9a2', name: 'Ada', hue: 212, phase: 0.37 };
const bo = { id: 'p0q7zz', name: 'Bo', hue: 40, phase: 0.9 };
const cy = { id: 'c4a1x0', name: 'Cy', hue: 120, phase: 0.1 };

function run(events, state = initialState({ space: 'lobby' }), now = 1000) {
  return events.reduce((s, e) => reduce(s, e, now), state);
}

function welcome(overrides = {}) {
  return {
    type: 'welcome', protocol: 1, space: 'lobby', you: ada, resume: 'tok', status: 'active', position: 0,
    capacity: 2, members: [ada], waiting: 0, serverTime: 1_763_750_000_000,
    limits: { batchMs: 16, pulsesPerSecond: 10, maxMessageBytes: 1024 }, ...overrides,
  };
}

test('every golden server frame is accepted without throwing, state stays frozen', () => {
  assert.ok(Object.keys(golden).length >= 10, 'golden frames were read');
  for (const [name, frame] of Object.entries(golden)) {
    const after = run([golden.welcome, frame]);
    assert.ok(Object.isFrozen(after), name);
    assert.ok(Object.isFrozen(after.members), name);
  }
});

test('the golden welcome makes the viewer active with its own line', () => {
  const s = run([golden.welcome]);
  assert.equal(s.status, Status.ACTIVE);
  assert.equal(s.position, 0);
  assert.deepEqual(s.you, ada);
  assert.deepEqual(s.members, [ada]);
  assert.equal(s.capacity, 5);
  assert.equal(s.limits.pulsesPerSecond, 10);
});

test('the golden waiting welcome puts the viewer in line, watching the others', () => {
  const s = run([golden['welcome-waiting']]);
  assert.equal(s.status, Status.WAITING);
  assert.equal(s.position, 2);
  assert.equal(s.you.id, 'p0q7zz');
  assert.deepEqual(s.members.map((m) => m.id), ['k3f9a2']);
  assert.equal(s.waiting, 2);
});

test('join adds a line, and a second join of the same id replaces it in place', () => {
  const s = run([welcome(), { type: 'join', member: bo }, { type: 'join', member: { ...bo, name: 'Bob' } }]);
  assert.deepEqual(s.members.map((m) => m.name), ['Ada', 'Bob']);
});

test('leave removes the line and its pulse', () => {
  const s = run([welcome(), { type: 'join', member: bo },
    { type: 'pulse', id: bo.id, strength: 1, at: 5 }, { type: 'leave', id: bo.id, reason: 'closed' }]);
  assert.deepEqual(s.members.map((m) => m.id), [ada.id]);
  assert.equal(s.lastPulse[bo.id], undefined);
});

test('a pulse is remembered as the member\'s last pulse, in server time', () => {
  const s = run([welcome({ members: [ada, bo] }), golden.pulse]);
  assert.deepEqual(s.lastPulse[ada.id], { at: 1763750002210, strength: 1 });
  assert.deepEqual(publicView(s).lastPulse, { [ada.id]: 1763750002210 });
  const later = run([{ type: 'pulse', id: ada.id, strength: 0.5, at: 1763750009999 }], s);
  assert.deepEqual(later.lastPulse[ada.id], { at: 1763750009999, strength: 0.5 });
});

test('a pulse from someone without a line is ignored', () => {
  const s = run([welcome()]);
  assert.equal(reduce(s, { type: 'pulse', id: 'nobody', strength: 1, at: 5 }), s);
});

test('the viewer\'s own pulse shows at once, only while active', () => {
  const active = run([welcome(), { type: 'client/pulse', at: 42, strength: 1 }]);
  assert.deepEqual(active.lastPulse[ada.id], { at: 42, strength: 1 });
  const waiting = run([welcome({ you: bo, status: 'waiting', position: 1 })]);
  assert.equal(reduce(waiting, { type: 'client/pulse', at: 42 }), waiting);
});

test('promotion: status active adds the viewer\'s line and is remembered for the status line', () => {
  const s = run([welcome({ you: cy, status: 'waiting', position: 1, members: [ada, bo], waiting: 1 }),
    { type: 'leave', id: ada.id, reason: 'closed' },
    { type: 'status', status: 'active', position: 0 },
    { type: 'waiting', count: 0 }], undefined, 7000);
  assert.equal(s.status, Status.ACTIVE);
  assert.equal(s.position, 0);
  assert.equal(s.promotedAt, 7000);
  assert.deepEqual(s.members.map((m) => m.id), [bo.id, cy.id]);
  assert.equal(s.waiting, 0);
});

test('status waiting moves the viewer into the queue and takes its line away', () => {
  const s = run([welcome(), golden.status]);
  assert.equal(s.status, Status.WAITING);
  assert.equal(s.position, 1);
  assert.deepEqual(s.members, []);
});

test('the queue position follows status events while waiting', () => {
  const s = run([welcome({ you: cy, status: 'waiting', position: 3, members: [ada, bo] }),
    { type: 'status', status: 'waiting', position: 2 }]);
  assert.equal(s.position, 2);
});

test('waiting counts the queue', () => {
  assert.equal(run([welcome(), golden.waiting]).waiting, 3);
});

test('a batch applies its events in order', () => {
  const s = run([welcome({ members: [ada, bo] }), golden.batch]);
  assert.deepEqual(s.members.map((m) => m.id), [ada.id]);
  assert.equal(s.waiting, 1);
  assert.deepEqual(s.lastPulse[ada.id], { at: 1763750002210, strength: 0.5 });
});

test('rename changes the member\'s name, and the viewer\'s own when it is the viewer', () => {
  const s = run([welcome(), golden.rename]);
  assert.equal(s.members[0].name, 'Ada L.');
  assert.equal(s.you.name, 'Ada L.');
  const other = run([welcome({ members: [ada, bo] }), { type: 'rename', member: { ...bo, name: 'Bea' } }]);
  assert.deepEqual(other.members.map((m) => m.name), ['Ada', 'Bea']);
  assert.equal(other.you.name, 'Ada');
});

test('unknown types, unknown fields and garbage leave the state alone', () => {
  const s = run([welcome()]);
  assert.equal(reduce(s, { type: 'hologram', x: 1 }), s);
  assert.equal(reduce(s, null), s);
  assert.equal(reduce(s, 'pulse'), s);
  assert.equal(reduce(s, { type: 'join' }), s);
  assert.equal(reduce(s, golden.pong), s);
  const extra = run([{ type: 'join', member: { ...bo, mood: 'happy' }, colour: 'red' }], s);
  assert.deepEqual(extra.members[1], bo);
});

test('announce and error are kept with the local time they arrived', () => {
  const s = run([welcome(), golden.announce, golden.error], undefined, 1234);
  assert.deepEqual(s.announce, { text: 'The space closes at midnight.', at: 1234, seq: 1 });
  assert.equal(s.notice.code, 'rate-limited');
  assert.equal(reduce(s, { type: 'client/dismiss-announce' }).announce, null);
});

test('a dropped connection keeps the picture and says when it retries; a welcome heals it', () => {
  const lost = run([welcome(), { type: 'client/closed', code: 1006, reason: 'the connection was lost', retryAt: 9000 }]);
  assert.equal(lost.status, Status.RECONNECTING);
  assert.equal(lost.retryAt, 9000);
  assert.deepEqual(lost.members, [ada]);
  assert.equal(run([{ type: 'client/connecting' }], lost).status, Status.RECONNECTING);
  const back = run([welcome()], lost);
  assert.equal(back.status, Status.ACTIVE);
  assert.equal(back.retryAt, null);
  assert.equal(back.closeReason, null);
});

test('before the first welcome the page is connecting; a final close disconnects it', () => {
  const s = run([{ type: 'client/connecting' }]);
  assert.equal(s.status, Status.CONNECTING);
  const gone = run([{ type: 'client/closed', code: 4001, reason: 'replaced', retryAt: null }], s);
  assert.equal(gone.status, Status.DISCONNECTED);
  assert.equal(gone.closeCode, 4001);
});

test('highlight only points at members that exist and clears when they leave', () => {
  const s = run([welcome({ members: [ada, bo] }), { type: 'client/highlight', id: bo.id }]);
  assert.equal(s.highlight, bo.id);
  assert.equal(reduce(s, { type: 'client/highlight', id: 'ghost' }).highlight, null);
  assert.equal(run([{ type: 'leave', id: bo.id, reason: 'timeout' }], s).highlight, null);
});

test('an optimistic rename changes the viewer\'s own line', () => {
  const s = run([welcome(), { type: 'client/rename', name: 'Countess' }]);
  assert.equal(s.you.name, 'Countess');
  assert.equal(s.members[0].name, 'Countess');
  assert.equal(s.name, 'Countess');
});

test('the published view has exactly the documented fields and cannot be written', () => {
  const view = publicView(run([welcome({ members: [ada, bo] }), golden.pulse]));
  assert.deepEqual(Object.keys(view).sort(), ['lastPulse', 'members', 'position', 'status', 'waiting', 'you']);
  assert.ok(Object.isFrozen(view) && Object.isFrozen(view.lastPulse) && Object.isFrozen(view.members));
  assert.ok(Object.isFrozen(view.you) && Object.isFrozen(view.members[0]));
  assert.throws(() => { 'use strict'; view.status = 'hacked'; }, TypeError);
});

test('hue and phase out of range are brought into range rather than trusted', () => {
  const s = run([welcome({ members: [ada, { id: 'odd', name: 'Odd', hue: 400, phase: 3 }] })]);
  assert.equal(s.members[1].hue, 40);
  assert.equal(s.members[1].phase, 1);
});
