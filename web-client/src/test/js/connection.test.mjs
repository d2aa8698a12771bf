// The connection's own decisions, driven by a scripted socket: which URL it opens, where the resume
// token lives, when it retries and when it gives up, and how it reads the server clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Backoff } from '../../main/resources/web/js/backoff.js';
import { ClockEstimate, Connection, eventsOf } from '../../main/resources/web/js/connection.js';

class ScriptedSocket {
  static opened = [];
  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.sent = [];
    ScriptedSocket.opened.push(this);
  }
  send(text) { this.sent.push(JSON.parse(text)); }
  close() { this.readyState = 3; }
  serverOpens() { this.readyState = 1; this.onopen?.({}); }
  serverSends(frame) { this.onmessage({ data: JSON.stringify(frame) }); }
  serverCloses(code) { this.readyState = 3; this.onclose({ code }); }
}

class ManualTimers {
  queue = [];
  setTimeout(fn, ms) { this.queue.push({ fn, ms }); return this.queue.length; }
  clearTimeout(id) { if (id) this.queue[id - 1].fn = null; }
  runNext() {
    const next = this.queue.find((t) => t.fn);
    const fn = next.fn;
    next.fn = null;
    fn();
    return next.ms;
  }
}

function setUp() {
  ScriptedSocket.opened = [];
  const store = new Map();
  const storage = { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => store.set(k, v), removeItem: (k) => store.delete(k) };
  const actions = [];
  const frames = [];
  let clock = 10_000;
  const timers = new ManualTimers();
  const connection = new Connection({
    space: 'garden', name: 'Ada', location: { protocol: 'http:', host: 'localhost:8080' }, storage,
    now: () => clock, onFrame: (f) => frames.push(f), onAction: (a) => actions.push(a),
    WebSocketImpl: ScriptedSocket, backoff: new Backoff(undefined, () => 1), timers,
  });
  return { connection, store, actions, frames, timers, tick: (ms) => { clock += ms; }, socket: () => ScriptedSocket.opened.at(-1) };
}

const welcome = { type: 'welcome', protocol: 1, space: 'garden', you: { id: 'x', name: 'Ada', hue: 1, phase: 0 },
  resume: 'token-1', status: 'active', position: 0, capacity: 2, members: [], waiting: 0, serverTime: 50_000 };

test('opens the space on the same origin with the name, then resumes with the stored token', () => {
  const t = setUp();
  t.connection.start();
  assert.equal(t.socket().url, 'ws://localhost:8080/ws/garden?name=Ada');
  t.socket().serverOpens();
  t.socket().serverSends(welcome);
  assert.equal(t.store.get('heartbeat:resume:garden'), 'token-1');
  t.socket().serverCloses(1001);
  t.timers.runNext(); // the ping timer was cleared; the retry is the next live timer
  assert.equal(t.socket().url, 'ws://localhost:8080/ws/garden?name=Ada&resume=token-1');
});

test('a lost connection retries with growing delays and says when', () => {
  const t = setUp();
  t.connection.start();
  t.socket().serverCloses(1006);
  assert.deepEqual(t.actions.at(-1), { type: 'client/closed', code: 1006, reason: 'the connection was lost', retryAt: 10_500 });
  assert.equal(t.timers.runNext(), 500);
  t.socket().serverCloses(1006);
  assert.equal(t.timers.runNext(), 1000);
  t.socket().serverCloses(1006);
  assert.equal(t.timers.runNext(), 2000);
  assert.equal(ScriptedSocket.opened.length, 4);
});

test('a welcome starts the backoff over', () => {
  const t = setUp();
  t.connection.start();
  t.socket().serverCloses(1006);
  t.timers.runNext();
  t.socket().serverCloses(1006);
  t.timers.runNext();
  t.socket().serverOpens();
  t.socket().serverSends(welcome);
  t.socket().serverCloses(1001);
  assert.equal(t.actions.at(-1).retryAt, 10_500);
});

test('replaced by another tab: no retry, and the token is given up', () => {
  const t = setUp();
  t.connection.start();
  t.socket().serverOpens();
  t.socket().serverSends(welcome);
  t.socket().serverCloses(4001);
  assert.equal(t.actions.at(-1).retryAt, null);
  assert.equal(t.store.has('heartbeat:resume:garden'), false);
  assert.equal(t.timers.queue.filter((x) => x.fn).length, 0);
  t.connection.connectNow();
  assert.equal(t.socket().url, 'ws://localhost:8080/ws/garden?name=Ada');
});

test('a refused origin is final too', () => {
  const t = setUp();
  t.connection.start();
  t.socket().serverCloses(1008);
  assert.deepEqual(t.actions.at(-1), { type: 'client/closed', code: 1008, reason: 'refused by server policy', retryAt: null });
});

test('pings after the welcome, and the pong sets the clock offset at the round trip\'s middle', () => {
  const t = setUp();
  t.connection.start();
  t.socket().serverOpens();
  t.socket().serverSends(welcome);
  assert.deepEqual(t.actions.at(-1), { type: 'client/clock', offset: 40_000 });
  const ping = t.socket().sent.at(-1);
  assert.deepEqual(ping, { type: 'ping', t: 10_000 });
  t.tick(100);
  t.socket().serverSends({ type: 'batch', events: [{ type: 'pong', t: 10_000, serverTime: 50_080 }] });
  assert.deepEqual(t.actions.at(-1), { type: 'client/clock', offset: 40_030 });
  assert.equal(t.frames.length, 2, 'frames still reach the page');
});

test('a connection whose pongs stopped is given up and retried', () => {
  const t = setUp();
  t.connection.start();
  t.socket().serverOpens();
  t.socket().serverSends(welcome);
  const closed = () => t.actions.find((a) => a.type === 'client/closed');
  for (let i = 0; i < 6 && !closed(); i++) {
    t.tick(15_000);
    t.timers.runNext();
  }
  assert.equal(closed()?.code, 1006);
  assert.ok(closed().retryAt > 0, 'it will try again');
});

test('stop closes quietly: no retry', () => {
  const t = setUp();
  t.connection.start();
  t.socket().serverOpens();
  t.connection.stop();
  assert.equal(t.timers.queue.filter((x) => x.fn).length, 0);
});

test('frames that are not JSON objects are dropped', () => {
  const t = setUp();
  t.connection.start();
  t.socket().onmessage({ data: 'not json' });
  t.socket().onmessage({ data: '42' });
  t.socket().onmessage({ data: new ArrayBuffer(2) });
  assert.equal(t.frames.length, 0);
});

test('the clock keeps the sample with the smallest round trip', () => {
  const clock = new ClockEstimate();
  clock.add(0, 200, 1_100);  // rtt 200 -> offset 1000
  clock.add(1000, 1010, 2_100); // rtt 10 -> offset 1095
  clock.add(2000, 2400, 3_000);
  assert.equal(clock.offset, 1095);
});

test('events of a batch are read one by one', () => {
  assert.deepEqual(eventsOf({ type: 'batch', events: [{ type: 'a' }, { type: 'b' }] }), [{ type: 'a' }, { type: 'b' }]);
  assert.deepEqual(eventsOf({ type: 'join' }), [{ type: 'join' }]);
  assert.deepEqual(eventsOf({ type: 'batch' }), []);
});
