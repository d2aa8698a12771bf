// The live page's rewind against a stand-in server whose clock moves on between any two looks at it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rewind, Mode } from '../../main/resources/web/js/rewind.js';

const START = Date.parse('2026-12-02T12:00:00Z');
const ID = 'lobby-20261202T120000Z';

function recordingText() {
  const lines = [
    JSON.stringify({ format: 'heartbeat-recording', version: 1, space: 'lobby', startedAt: '2026-12-02T12:00:00Z', capacity: 5 }),
    JSON.stringify({ t: 0, type: 'snapshot', members: [{ id: 'a', name: 'A', hue: 10, phase: 0.1 }], waiting: 0 }),
  ];
  for (let t = 500; t < 60_000; t += 500) lines.push(JSON.stringify({ t, type: 'pulse', id: 'a', strength: 1, at: START + t }));
  return lines.join('\n') + '\n';
}

function standIn(serverNow) {
  const json = (body) => ({ ok: true, status: 200, json: async () => body, text: async () => JSON.stringify(body) });
  return async (url) => {
    if (url.startsWith('/api/recordings?')) {
      return json({ recordings: [{ id: ID, space: 'lobby', start: '2026-12-02T12:00:00Z', live: true }] });
    }
    if (url.includes('/overview')) {
      return json({ id: ID, space: 'lobby', start: '2026-12-02T12:00:00Z', capacity: 5, duration: serverNow() - START - 1500,
        pulses: 10, membersSeen: 1, truncated: false, density: [], bursts: [], idle: [] });
    }
    if (url.includes('/events')) return { ok: true, status: 200, text: async () => recordingText() };
    return { ok: false, status: 404 };
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('playing back at 4x reaches the live edge and goes live, although the edge moved on meanwhile', async () => {
  let now = START + 30_000;
  const serverNow = () => (now += 3); // every look at the clock finds it a little later
  const rewind = new Rewind({ space: 'lobby', fetch: standIn(serverNow), serverNow });
  assert.equal(await rewind.back(6_000), true);
  assert.equal(rewind.mode, Mode.REWIND);
  rewind.playback.setSpeed(4);
  let local = 0;
  for (let frame = 0; frame < 400 && rewind.mode === Mode.REWIND; frame++) {
    rewind.frame(50, (local += 50));
    await settle();
  }
  assert.equal(rewind.mode, Mode.LIVE, `still looking back at ${rewind.playback?.position} of ${rewind.edge}`);
});

test('a pause stays a pause: looking back, paused, is not mistaken for reaching the end', async () => {
  let now = START + 30_000;
  const serverNow = () => (now += 3);
  const rewind = new Rewind({ space: 'lobby', fetch: standIn(serverNow), serverNow });
  await rewind.back(10_000);
  rewind.playback.pause();
  let local = 0;
  for (let frame = 0; frame < 50; frame++) {
    rewind.frame(50, (local += 50));
    await settle();
  }
  assert.equal(rewind.mode, Mode.REWIND);
});
