// The WebM writer: the EBML header says webm, the track its codec and size, and every frame is one
// SimpleBlock in a cluster that starts at a key frame, its time relative to the cluster's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { webm } from '../../main/resources/web/js/webm-writer.js';
import { frameCount } from '../../main/resources/web/js/replay-export.js';

/** Element ids and payloads in file order, stepping into the elements that hold others. */
function walk(bytes) {
  const holders = new Set([0x1a45dfa3, 0x18538067, 0x1654ae6b, 0xae, 0xe0, 0x1f43b675]);
  const found = [];
  let at = 0;
  while (at < bytes.length) {
    const idLength = Math.clz32(bytes[at]) - 23;
    let id = 0;
    for (let i = 0; i < idLength; i++) id = id * 256 + bytes[at + i];
    at += idLength;
    const sizeLength = Math.clz32(bytes[at]) - 23;
    let size = bytes[at] & (0xff >> sizeLength);
    for (let i = 1; i < sizeLength; i++) size = size * 256 + bytes[at + i];
    at += sizeLength;
    if (holders.has(id)) continue;
    found.push({ id, payload: bytes.subarray(at, at + size) });
    at += size;
  }
  return found;
}

test('one SimpleBlock per frame, clusters from key frames, the track and the doc type named', () => {
  const frames = [0, 40, 80, 120, 160].map((timeMs, i) => ({ timeMs, key: i % 3 === 0, data: Uint8Array.from([i, i, i]) }));
  const elements = walk(webm({ codec: 'V_VP8', width: 320, height: 180, durationMs: 200, frames }));
  const text = (id) => new TextDecoder().decode(elements.find((e) => e.id === id).payload);
  assert.equal(text(0x4282), 'webm');
  assert.equal(text(0x86), 'V_VP8');
  assert.equal(elements.find((e) => e.id === 0xb0).payload.reduce((n, b) => n * 256 + b, 0), 320);
  assert.equal(elements.find((e) => e.id === 0xba).payload.reduce((n, b) => n * 256 + b, 0), 180);
  const clusterTimes = elements.filter((e) => e.id === 0xe7).map((e) => e.payload.reduce((n, b) => n * 256 + b, 0));
  assert.deepEqual(clusterTimes, [0, 120]);
  const blocks = elements.filter((e) => e.id === 0xa3);
  assert.equal(blocks.length, 5);
  assert.deepEqual(blocks.map((b) => (b.payload[1] << 8) | b.payload[2]), [0, 40, 80, 0, 40]);
  assert.deepEqual(blocks.map((b) => (b.payload[3] & 0x80) !== 0), [true, false, false, true, false]);
  assert.deepEqual(blocks.map((b) => b.payload[4]), [0, 1, 2, 3, 4]);
  assert.throws(() => webm({ codec: 'V_VP8', width: 1, height: 1, durationMs: 1, frames: [{ timeMs: 0, key: false, data: new Uint8Array(1) }] }));
});

test('a stretch has one frame per 1/fps of its time', () => {
  assert.equal(frameCount(0, 1000, 25), 25);
  assert.equal(frameCount(7600, 9247, 25), 42);
  assert.equal(frameCount(0, 1, 25), 1);
});
