// The replay page's pure modules: reading a recording (plain, gzip, cut short, damaged), the Timeline's
// state at any time against folding every line from the start, bursts and idle stretches, the
// playback clock, and `?t=` in the address. The fixtures are shared-protocol's, as for the Java reader.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { CHECKPOINT_EVERY, RecordingError, Timeline, parseRecording } from '../../main/resources/web/js/replay-timeline.js';
import {
  BURST_RESTART_MS, IDLE_LIMIT_MS, Playback, SPEEDS, formatTime, searchWithTime, timeFromSearch,
} from '../../main/resources/web/js/replay-playback.js';
import { isGzip, readAll, recordingText } from '../../main/resources/web/js/replay-load.js';

const fixtures = new URL('../../../../shared-protocol/src/test/resources/recording/', import.meta.url);
const read = (name) => readFileSync(new URL(name, fixtures), 'utf8');
const STARTED_AT = '2026-11-21T20:00:00Z';
const HEADER = `{"format":"heartbeat-recording","version":1,"space":"lobby","startedAt":"${STARTED_AT}","capacity":5}`;

test('a complete recording reads every line and answers the state at a time', () => {
  const rec = parseRecording(read('session.hbrec'), 'session.hbrec');
  assert.equal(rec.entries.length, 10);
  assert.equal(rec.truncated, false);
  assert.equal(rec.unknownSkipped, 0);
  assert.deepEqual(rec.header, { space: 'lobby', startedAt: Date.parse(STARTED_AT), capacity: 5 });
  const tl = new Timeline(rec);
  assert.equal(tl.duration, 11250);
  assert.deepEqual(tl.stateAt(0).members, []);
  assert.deepEqual(tl.stateAt(1519).members, [], 'one ms before the first join');
  assert.deepEqual(tl.stateAt(1520).members.map((m) => m.name), ['Ada'], 'at the join itself');
  assert.deepEqual(tl.stateAt(3000).members.map((m) => m.id), ['k3f9a2', 'b7c1d0']);
  assert.equal(tl.stateAt(3299).waiting, 0);
  assert.equal(tl.stateAt(3300).waiting, 1);
  assert.deepEqual(tl.stateAt(8000).members.map((m) => m.id), ['b7c1d0']);
  assert.equal(tl.stateAt(8000).lastPulse.k3f9a2, undefined, 'a member that left has no last pulse');
  // A replayed pulse is placed on the recording's own clock: startedAt + t.
  assert.deepEqual(tl.stateAt(5000).lastPulse.b7c1d0, { t: 4010, at: Date.parse('2026-11-21T20:00:04.010Z'), strength: 0.6 });
  assert.equal(tl.stateAt(99_999).lastPulse.b7c1d0.t, 11250, 'past the end is the final state');
  assert.equal(tl.membersSeen, 2);
});

test('a cut last line is dropped and marks the recording truncated; a damaged middle line is skipped; unknown types are counted', () => {
  const cut = parseRecording(read('truncated.hbrec'));
  assert.equal(cut.entries.length, 9);
  assert.equal(cut.truncated, true);
  assert.equal(cut.damagedSkipped, 0);

  const unknown = parseRecording(read('unknown-events.hbrec'));
  assert.deepEqual(unknown.entries.map((e) => e.type), ['snapshot', 'join', 'pulse', 'leave']);
  assert.equal(unknown.unknownSkipped, 2);
  assert.equal(unknown.truncated, false);

  const damaged = parseRecording([HEADER, '{"t":0,"type":"join","member":{"id":"a","hue":1,"phase":0}}', '{"t":5,"type":"pul',
    '{"t":9,"type":"pulse","id":"a","strength":1,"at":9}'].join('\r\n') + '\r\n');
  assert.deepEqual(damaged.entries.map((e) => e.type), ['join', 'pulse'], 'CRLF lines read too');
  assert.equal(damaged.damagedSkipped, 1);
  assert.equal(damaged.truncated, false);
});

test('a bad header is a clear error that names the file', () => {
  assert.throws(() => parseRecording(read('bad-header-version.hbrec'), 'v2.hbrec'),
    (e) => e instanceof RecordingError && /version 2 is not supported/.test(e.message) && e.message.startsWith('v2.hbrec: '));
  assert.throws(() => parseRecording(read('bad-header-format.hbrec')), /format is 'asciicast'/);
  assert.throws(() => parseRecording(read('bad-header-missing.hbrec')), /has no "format"/);
  assert.throws(() => parseRecording(''), /empty file/);
  assert.throws(() => parseRecording('not json\n'), (e) => e instanceof RecordingError && /line 1 is not a JSON header/.test(e.message));
});

test('gzip is recognised by its bytes, not the name', async () => {
  const text = read('session.hbrec');
  const gz = gzipSync(Buffer.from(text));
  assert.equal(isGzip(new Uint8Array(gz)), true);
  assert.equal(isGzip(new TextEncoder().encode(text)), false);
  assert.deepEqual(await recordingText(new Uint8Array(gz)), { text, cut: false });
  assert.deepEqual(await recordingText(new TextEncoder().encode(text)), { text, cut: false });
});

test('a gzip stream cut anywhere plays every line completed before the cut, and only those', async () => {
  const text = read('session.hbrec');
  const full = parseRecording(text).entries;
  const gz = gzipSync(Buffer.from(text));
  const headerLength = text.indexOf('\n') + 1;
  let sawTail = false;
  for (let keep = 11; keep < gz.length; keep += 3) {
    const { text: got, cut } = await recordingText(new Uint8Array(gz.subarray(0, keep)));
    assert.equal(cut, true, `cut after ${keep} of ${gz.length} bytes`);
    assert.ok(text.startsWith(got), `what was inflated from ${keep} bytes is a prefix of the recording`);
    if (got.length < headerLength) continue; // not even the header: nothing to play, nothing to check
    const rec = parseRecording(got, 'cut', { cut });
    assert.equal(rec.truncated, true);
    assert.equal(rec.damagedSkipped, 0);
    const complete = got.slice(headerLength).split('\n').length - 1;
    assert.deepEqual(rec.entries, full.slice(0, complete), `entries from ${keep} bytes`);
    if (complete === full.length) sawTail = true;
  }
  assert.ok(sawTail, 'a stream that lacks only its end still gives every line');
});

test('a large gzip recording inflates in many chunks without breaking a character', async () => {
  const lines = [HEADER];
  for (let t = 0; t < 20_000; t++) lines.push(JSON.stringify({ t, type: 'rename', member: { id: 'a', name: '❤é漢'.repeat(6), hue: 1, phase: 0 } }));
  const text = lines.join('\n') + '\n';
  assert.equal((await recordingText(new Uint8Array(gzipSync(Buffer.from(text))))).text, text);
});

test('readAll joins a stream of chunks, even one that splits a character', async () => {
  const bytes = new TextEncoder().encode(`${HEADER}\n{"t":0,"type":"join","member":{"id":"a","name":"Zoë ❤","hue":1,"phase":0}}\n`);
  const cuts = [0, 7, 160, 163, bytes.length]; // 160 splits the ë, 163 the ❤
  const stream = new ReadableStream({
    start(controller) {
      for (let i = 1; i < cuts.length; i++) controller.enqueue(bytes.subarray(cuts[i - 1], cuts[i]));
      controller.close();
    },
  });
  const all = await readAll(stream);
  assert.deepEqual(all, bytes);
  const { text } = await recordingText(all);
  assert.equal(parseRecording(text).entries[0].member.name, 'Zoë ❤');
});

/** The state after every entry with t' <= t, applied one by one from the first line: the reference. */
function fold(entries, t, startedAt) {
  const members = new Map();
  const pulses = new Map();
  let waiting = 0;
  for (const e of entries) {
    if (e.t > t) break;
    if (e.type === 'snapshot') {
      members.clear();
      e.members.forEach((m) => members.set(m.id, m));
      for (const id of [...pulses.keys()]) if (!members.has(id)) pulses.delete(id);
      waiting = e.waiting;
    }
    if (e.type === 'join') members.set(e.member.id, e.member);
    if (e.type === 'rename' && members.has(e.member.id)) members.set(e.member.id, e.member);
    if (e.type === 'leave') { members.delete(e.id); pulses.delete(e.id); }
    if (e.type === 'waiting') waiting = e.count;
    if (e.type === 'pulse' && members.has(e.id)) pulses.set(e.id, { t: e.t, at: startedAt + e.t, strength: e.strength });
  }
  return { members: [...members.values()], waiting, lastPulse: Object.fromEntries(pulses) };
}

/** A long random session: joins, leaves, renames, queue changes, snapshots, pulses (some from members that left). */
function randomSession(seed, lineCount) {
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const lines = [HEADER];
  const active = [];
  const gone = [];
  let t = 0;
  let n = 0;
  let waiting = 0;
  const member = (id, name = id) => ({ id, name, hue: n % 360, phase: 0.5 });
  for (let i = 0; i < lineCount; i++) {
    t += Math.floor(rand() * 50); // 0 now and then: several lines at the same t
    const r = rand();
    if (r < 0.05 && active.length < 8) {
      const id = `m${n++}`;
      active.push(id);
      lines.push(JSON.stringify({ t, type: 'join', member: member(id) }));
    } else if (r < 0.08 && active.length) {
      const id = active.splice(Math.floor(rand() * active.length), 1)[0];
      gone.push(id);
      lines.push(JSON.stringify({ t, type: 'leave', id, reason: 'closed' }));
    } else if (r < 0.09 && active.length) {
      const id = active[Math.floor(rand() * active.length)];
      lines.push(JSON.stringify({ t, type: 'rename', member: member(id, `${id}-${i}`) }));
    } else if (r < 0.092 && gone.length) {
      const id = gone[Math.floor(rand() * gone.length)];
      lines.push(JSON.stringify({ t, type: 'rename', member: member(id, `${id}-late`) })); // changes nothing
    } else if (r < 0.094 && active.length) {
      // A snapshot after lost lines: it drops a member without a leave, and is the truth from here.
      gone.push(active.splice(Math.floor(rand() * active.length), 1)[0]);
      lines.push(JSON.stringify({ t, type: 'snapshot', members: active.map((id) => member(id)), waiting }));
    } else if (r < 0.1) {
      waiting = Math.floor(rand() * 4);
      lines.push(JSON.stringify({ t, type: 'waiting', count: waiting }));
    } else if (r < 0.102) {
      lines.push(JSON.stringify({ t, type: 'snapshot', members: active.map((id) => member(id)), waiting }));
    } else if (r < 0.105) {
      lines.push(JSON.stringify({ t, type: 'announce', text: 'hello' }));
    } else if (r < 0.11 && gone.length) {
      lines.push(JSON.stringify({ t, type: 'pulse', id: gone[Math.floor(rand() * gone.length)], strength: 1, at: t }));
    } else if (active.length) {
      const strength = Math.ceil(rand() * 10) / 10;
      lines.push(JSON.stringify({ t, type: 'pulse', id: active[Math.floor(rand() * active.length)], strength, at: t }));
    }
  }
  return { text: lines.join('\n') + '\n', rand };
}

test('the state at many random times, and at every checkpoint edge, equals applying every line from the start', () => {
  const { text, rand } = randomSession(7, 20_000);
  const rec = parseRecording(text);
  const tl = new Timeline(rec);
  assert.ok(tl.checkpoints.length > 20_000 / CHECKPOINT_EVERY, 'the seek starts from checkpoints, not the first line');
  const times = [];
  for (let i = 0; i < 400; i++) times.push(Math.floor(rand() * (tl.duration + 100)));
  for (const at of tl.checkpointAt) {
    const e = rec.entries[Math.min(at, rec.entries.length - 1)];
    times.push(e.t - 1, e.t, e.t + 1);
  }
  for (let i = 0; i < 100; i++) {
    const e = rec.entries[Math.floor(rand() * rec.entries.length)];
    times.push(e.t - 1, e.t);
  }
  times.push(-5, 0, tl.duration, tl.duration + 1);
  for (const at of times) {
    const s = tl.stateAt(at);
    const want = fold(rec.entries, at, rec.header.startedAt);
    assert.deepEqual(s.members, want.members, `members at ${at}`);
    assert.equal(s.waiting, want.waiting, `waiting at ${at}`);
    assert.deepEqual(s.lastPulse, want.lastPulse, `last pulses at ${at}`);
  }
});

test('between gives the lines with from <= t < to, in file order', () => {
  const tl = new Timeline(parseRecording(read('session.hbrec')));
  assert.deepEqual(tl.between(2210, 4010).map((e) => e.t), [2210, 2900, 3300]);
  assert.deepEqual(tl.between(0, 1).map((e) => e.type), ['snapshot']);
  assert.deepEqual(tl.between(11250, Infinity).map((e) => e.type), ['pulse']);
  assert.deepEqual(tl.between(5, 5), []);
});

test('a time that steps back is read as the time before it: the order of the lines is the truth', () => {
  const tl = new Timeline(parseRecording([HEADER,
    '{"t":100,"type":"join","member":{"id":"a","name":"A","hue":1,"phase":0}}',
    '{"t":90,"type":"leave","id":"a","reason":"closed"}',
    '{"t":120,"type":"join","member":{"id":"b","name":"B","hue":1,"phase":0}}'].join('\n')));
  assert.deepEqual(tl.entries.map((e) => e.t), [100, 100, 120]);
  assert.deepEqual(tl.stateAt(100).members, []);
  assert.deepEqual(tl.stateAt(120).members.map((m) => m.id), ['b']);
});

test('bursts, idle stretches and the density strip', () => {
  const lines = [HEADER, '{"t":0,"type":"join","member":{"id":"a","name":"A","hue":1,"phase":0.1}}'];
  const ts = [];
  for (let t = 0; t < 60000; t += 1000) ts.push(t);
  for (let t = 20100; t < 22000; t += 50) ts.push(t);
  ts.sort((x, y) => x - y).forEach((t) => lines.push(`{"t":${t},"type":"pulse","id":"a","strength":1,"at":${t}}`));
  lines.push('{"t":90000,"type":"snapshot","members":[],"waiting":0}');
  const tl = new Timeline(parseRecording(lines.join('\n')));
  assert.deepEqual(tl.bursts, [{ start: 20000, end: 21950, pulses: 38 + 2 }]);
  assert.equal(tl.nextBurst(0).start, 20000);
  assert.equal(tl.nextBurst(20000), null, 'the next burst starts after t');
  assert.equal(tl.previousBurst(20000), null, 'the previous burst starts before t');
  assert.equal(tl.previousBurst(20001).start, 20000);
  // Snapshots do not count as activity: the quiet runs from the last pulse to the end.
  assert.deepEqual(tl.idleStretches(5000), [{ start: 59000, end: 90000 }]);
  const d = tl.density(9);
  assert.equal(d.reduce((a, b) => a + b, 0), ts.length);
  assert.equal(d[2], 10 + 38, 'the burst lands in the bucket of 20 to 30 s');
  assert.deepEqual(d.slice(7), [0, 0], 'nothing after 60 s');
});

test('an even trickle of pulses has no burst', () => {
  const lines = [HEADER, '{"t":0,"type":"join","member":{"id":"a","name":"A","hue":1,"phase":0.1}}'];
  for (let t = 0; t < 30000; t += 200) lines.push(`{"t":${t},"type":"pulse","id":"a","strength":1,"at":${t}}`);
  assert.deepEqual(new Timeline(parseRecording(lines.join('\n'))).bursts, []);
});

function quietRecording() {
  return new Timeline(parseRecording([HEADER, '{"t":0,"type":"join","member":{"id":"a","name":"A","hue":1,"phase":0.1}}',
    '{"t":1000,"type":"pulse","id":"a","strength":1,"at":1}', '{"t":30000,"type":"pulse","id":"a","strength":1,"at":2}'].join('\n')));
}

test('playback: speed scales the wall clock, a long quiet is cut to the idle limit, the end stops it', () => {
  const p = new Playback(quietRecording());
  p.advance(500);
  assert.equal(p.position, 0, 'paused: the wall clock moves nothing');
  p.play();
  p.advance(500);
  assert.equal(p.position, 500);
  p.setSpeed(8);
  p.advance(200); // 2.1 s: within the first IDLE_LIMIT_MS of the quiet from 1 s to 30 s, played as is
  assert.equal(p.position, 2100);
  p.advance(500); // 6.1 s: more than the limit into the quiet, so straight to its end
  assert.ok(6100 - 1000 > IDLE_LIMIT_MS);
  assert.equal(p.position, 30000);
  assert.equal(p.playing, false, 'at the end it stops');
  p.play();
  assert.equal(p.position, 0, 'play at the end starts again from the beginning');

  p.skipIdle = false;
  p.seek(2000);
  p.setSpeed(0.25);
  p.advance(4000);
  assert.equal(p.position, 3000, 'without idle skipping the quiet plays at speed');
  p.setSpeed(3);
  assert.equal(p.speed, 0.25, 'a speed that is not offered is refused');
});

test('playback: seeking clamps, speeds step through the offered ones and stop at the ends', () => {
  const p = new Playback(quietRecording(), { position: 99_999, speed: 5 });
  assert.equal(p.position, 30000, 'a ?t= past the end starts at the end');
  assert.equal(p.speed, 1);
  p.seek(-10);
  assert.equal(p.position, 0);
  p.seek(Number.NaN);
  assert.equal(p.position, 0);
  for (let i = 0; i < 10; i++) p.faster();
  assert.equal(p.speed, SPEEDS.at(-1));
  assert.equal(p.speed, 8);
  for (let i = 0; i < 10; i++) p.slower();
  assert.equal(p.speed, 0.25);
  p.setSpeed(2);
  p.step(5000);
  assert.equal(p.position, 5000);
});

test('playback: next and previous burst; "previous" just after a burst start goes to the one before', () => {
  const lines = [HEADER, '{"t":0,"type":"join","member":{"id":"a","name":"A","hue":1,"phase":0.1}}'];
  const ts = [];
  for (let t = 0; t < 40000; t += 1000) ts.push(t);
  for (const from of [10000, 25000]) for (let t = from + 100; t < from + 900; t += 50) ts.push(t);
  ts.sort((x, y) => x - y).forEach((t) => lines.push(`{"t":${t},"type":"pulse","id":"a","strength":1,"at":${t}}`));
  const p = new Playback(new Timeline(parseRecording(lines.join('\n'))));
  assert.deepEqual(p.timeline.bursts.map((b) => b.start), [10000, 25000]);
  assert.equal(p.nextBurst().start, 10000);
  assert.equal(p.position, 10000);
  assert.equal(p.nextBurst().start, 25000);
  assert.equal(p.nextBurst(), null, 'no burst after the last');
  assert.equal(p.position, 25000, 'and the position stays');
  p.seek(25000 + BURST_RESTART_MS - 1);
  assert.equal(p.previousBurst().start, 10000);
  p.seek(25000 + BURST_RESTART_MS + 1);
  assert.equal(p.previousBurst().start, 25000, 'well after a burst start, back to that start');
  p.seek(5000);
  assert.equal(p.previousBurst(), null);
});

test('times in the address: ?t= in seconds, or h/m/s, and back', () => {
  assert.equal(timeFromSearch('?t=90'), 90000);
  assert.equal(timeFromSearch('?t=0'), 0, 'zero is a time, not an absent one');
  assert.equal(timeFromSearch('?t=1.5'), 1500);
  assert.equal(timeFromSearch('?t=1m30s'), 90000);
  assert.equal(timeFromSearch('?t=1m'), 60000);
  assert.equal(timeFromSearch('?t=45s'), 45000);
  assert.equal(timeFromSearch('?t=1h2m3s'), 3723000);
  assert.equal(timeFromSearch('?t=2.5s'), 2500);
  assert.equal(timeFromSearch('?id=lobby-20261121T200000Z&t=12'), 12000);
  for (const bad of ['?t=soon', '?t=-5', '?t=1.2.3', '?t=h', '?t=1s2m', '?t=', '?id=x', '']) {
    assert.equal(timeFromSearch(bad), null, bad);
  }
  assert.equal(searchWithTime('?t=3', 75250), '?t=75.3');
  assert.equal(searchWithTime('', 0), '?t=0');
  assert.equal(searchWithTime('?id=lobby-1&t=3', 1500), '?id=lobby-1&t=1.5', 'other parameters are kept');
  for (const ms of [0, 100, 1500, 75_300, 3_723_000]) assert.equal(timeFromSearch(searchWithTime('', ms)), ms, `round trip of ${ms}`);
  assert.equal(formatTime(0), '0:00');
  assert.equal(formatTime(75000), '1:15');
  assert.equal(formatTime(3725000), '1:02:05');
});
