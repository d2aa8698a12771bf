// One definition per concept for Java and JavaScript: shared-protocol writes these files from its Java
// code (CloseCode, Timeline); the web client must say exactly the same of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CloseCode, closeWords } from '../../main/resources/web/js/words.js';
import { Timeline, parseRecording } from '../../main/resources/web/js/replay-timeline.js';

const golden = (path) => JSON.parse(readFileSync(
  new URL(`../../../../shared-protocol/src/test/resources/${path}`, import.meta.url), 'utf8'));

test('every close code has the Java name, number and words', () => {
  const { codes, lost, unknown } = golden('close/close-codes.json');
  assert.ok(codes.length >= 10, 'the close codes file was read');
  for (const { name, code, words } of [...codes, lost]) {
    assert.equal(CloseCode[name], code, `CloseCode.${name}`);
    assert.equal(closeWords(code), words, `words for ${code}`);
  }
  assert.deepEqual(Object.keys(CloseCode).sort(), [...codes, lost].map((c) => c.name).sort(), 'no close code of our own');
  assert.equal(closeWords(unknown.code), unknown.words);
});

const timelineGolden = golden('timeline/golden-timeline.json');
const recording = parseRecording(timelineGolden.recording.join('\n'), 'golden');
const timeline = new Timeline(recording);

test('the Timeline reads the golden recording with the Java counts', () => {
  const { stats } = timelineGolden;
  assert.equal(timeline.duration, stats.duration);
  assert.equal(timeline.entries.filter((e) => e.type !== 'snapshot').length, stats.events);
  assert.equal(timeline.pulseTimes.length, stats.pulses);
  assert.equal(timeline.membersSeen, stats.membersSeen);
  assert.equal(recording.unknownSkipped, stats.unknownSkipped);
  assert.equal(recording.damagedSkipped, stats.damagedSkipped);
  assert.equal(recording.truncated, stats.truncated);
});

test('the state at every chosen time is the Java state: members, queue, each last pulse', () => {
  assert.ok(timelineGolden.states.length > 100);
  for (const want of timelineGolden.states) {
    const got = timeline.stateAt(want.t);
    assert.deepEqual(got.members.map((m) => ({ ...m })), want.members, `members at ${want.t}`);
    assert.equal(got.waiting, want.waiting, `waiting at ${want.t}`);
    const lastPulse = Object.fromEntries(Object.entries(got.lastPulse).sort().map(([id, p]) => [id, { t: p.t, strength: p.strength }]));
    assert.deepEqual(lastPulse, want.lastPulse, `last pulses at ${want.t}`);
  }
});

test('bursts, idle stretches and density are the Java ones', () => {
  assert.deepEqual(timeline.bursts.map((b) => ({ ...b })), timelineGolden.bursts);
  for (const [limit, stretches] of Object.entries(timelineGolden.idleStretches)) {
    assert.deepEqual(timeline.idleStretches(Number(limit)).map((s) => ({ ...s })), stretches, `idle stretches over ${limit} ms`);
  }
  for (const [buckets, counts] of Object.entries(timelineGolden.density)) {
    assert.deepEqual(timeline.density(Number(buckets)), counts, `density in ${buckets} buckets`);
  }
});

test('both looks have the Java palette: background, words, density, line lightness', async () => {
  const { PALETTES } = await import('../../main/resources/web/js/palette.js');
  const java = golden('wave/palette.json');
  assert.deepEqual(Object.keys(PALETTES).sort(), Object.keys(java).sort());
  for (const [theme, look] of Object.entries(java)) assert.deepEqual({ ...PALETTES[theme] }, look, theme);
});
