// A stretch of the recording as a WebM video, with the browser's own encoder (WebCodecs, no library):
// each frame is drawn by the live page's renderer on a canvas of its own, encoded with its recorded
// time, and webm-writer.js puts the frames in a file. Not real time: every frame is encoded however
// busy the machine is. (MediaRecorder on canvas.captureStream stamps frames by the wall clock and
// dropped most of them on a busy two-core machine.)

import { render } from './render.js';
import { Status } from './state.js';
import { webm } from './webm-writer.js';

export const EXPORT_FPS = 25;
export const EXPORT_SECONDS = 10;
export const EXPORT_WIDTH = 1280;
export const EXPORT_HEIGHT = 720;
/** A key frame every two seconds: where a player can start. */
const KEY_EVERY_S = 2;
/** Frames waiting in the encoder at most before the next is drawn. */
const QUEUE = 8;

/** Frames in [from, to): one every 1000/fps ms from `from`. */
export function frameCount(from, to, fps = EXPORT_FPS) {
  return Math.max(1, Math.ceil(((to - from) * fps) / 1000));
}

/** The first codec this browser encodes at the size, as {config, codecId}; null when none. */
async function encoderConfig(width, height, fps) {
  if (!globalThis.VideoEncoder) return null;
  for (const [codec, codecId] of [['vp8', 'V_VP8'], ['vp09.00.10.08', 'V_VP9']]) {
    const config = { codec, width, height, framerate: fps, bitrate: 4_000_000 };
    try {
      if ((await VideoEncoder.isConfigSupported(config)).supported) return { config, codecId };
    } catch {
      // not this one
    }
  }
  return null;
}

/**
 * Encodes [from, to) ms of `timeline` (anything with header and stateAt) and resolves to
 * {blob, frames, type}. `onProgress(done, total)` after each frame.
 */
export async function exportWebm(doc, timeline, from, to, { fps = EXPORT_FPS, width = EXPORT_WIDTH, height = EXPORT_HEIGHT, theme, onProgress = () => {} } = {}) {
  const chosen = await encoderConfig(width, height, fps);
  if (!chosen) throw new Error('this browser cannot encode video (no WebCodecs VP8 or VP9 encoder)');
  const canvas = doc.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d', { alpha: false });
  const encoded = [];
  let failure = null;
  const encoder = new VideoEncoder({
    output: (chunk) => {
      const data = new Uint8Array(chunk.byteLength);
      chunk.copyTo(data);
      encoded.push({ timeMs: Math.round(chunk.timestamp / 1000), key: chunk.type === 'key', data });
    },
    error: (e) => { failure = e; },
  });
  encoder.configure(chosen.config);
  const frames = frameCount(from, to, fps);
  const step = 1000 / fps;
  const size = { width, height, dpr: 1 };
  for (let i = 0; i < frames && !failure; i++) {
    const t = from + i * step;
    const state = timeline.stateAt(t);
    const view = { members: state.members, lastPulse: state.lastPulse, status: Status.ACTIVE, you: null, highlight: null };
    render(ctx, view, timeline.header.startedAt + t, size, { theme });
    const frame = new VideoFrame(canvas, { timestamp: Math.round(i * step * 1000), duration: Math.round(step * 1000) });
    encoder.encode(frame, { keyFrame: i % (KEY_EVERY_S * fps) === 0 });
    frame.close();
    onProgress(i + 1, frames);
    while (encoder.encodeQueueSize > QUEUE) await new Promise((resolve) => encoder.addEventListener('dequeue', resolve, { once: true }));
  }
  await encoder.flush();
  encoder.close();
  if (failure) throw failure;
  const bytes = webm({ codec: chosen.codecId, width, height, durationMs: frames * step, frames: encoded });
  return { blob: new Blob([bytes], { type: 'video/webm' }), frames: encoded.length, type: 'video/webm' };
}
