// A WebM file (Matroska's EBML) around encoded video frames: the header, one video track, and a
// cluster from each key frame on, every frame a SimpleBlock. Just what a player and the browser's
// decoder need; sizes are written as 8-byte numbers, so every element is written once, in order.

const ID = Object.freeze({
  EBML: 0x1a45dfa3, EBMLVersion: 0x4286, EBMLReadVersion: 0x42f7, EBMLMaxIDLength: 0x42f2, EBMLMaxSizeLength: 0x42f3,
  DocType: 0x4282, DocTypeVersion: 0x4287, DocTypeReadVersion: 0x4285,
  Segment: 0x18538067, Info: 0x1549a966, TimecodeScale: 0x2ad7b1, MuxingApp: 0x4d80, WritingApp: 0x5741, Duration: 0x4489,
  Tracks: 0x1654ae6b, TrackEntry: 0xae, TrackNumber: 0xd7, TrackUID: 0x73c5, TrackType: 0x83, CodecID: 0x86,
  Video: 0xe0, PixelWidth: 0xb0, PixelHeight: 0xba,
  Cluster: 0x1f43b675, Timecode: 0xe7, SimpleBlock: 0xa3,
});
const VIDEO_TRACK = 1;
const KEY_FRAME = 0x80;

function idBytes(id) {
  const bytes = [];
  for (let v = id; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return bytes;
}

/** A size as an 8-byte EBML number (marker 0x01, then seven bytes). */
function sizeBytes(n) {
  const bytes = [0x01];
  for (let i = 6; i >= 0; i--) bytes.push(Math.floor(n / 2 ** (8 * i)) % 256);
  return bytes;
}

function uint(n) {
  const bytes = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return Uint8Array.from(bytes.length ? bytes : [0]);
}

function float64(x) {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setFloat64(0, x);
  return bytes;
}

const text = (s) => new TextEncoder().encode(s);

function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function element(id, ...children) {
  const body = concat(children);
  return concat([Uint8Array.from(idBytes(id)), Uint8Array.from(sizeBytes(body.length)), body]);
}

function simpleBlock(frame, clusterMs) {
  const relative = frame.timeMs - clusterMs; // within ±32 s: a cluster starts at every key frame
  const head = Uint8Array.from([0x80 | VIDEO_TRACK, (relative >> 8) & 0xff, relative & 0xff, frame.key ? KEY_FRAME : 0]);
  return element(ID.SimpleBlock, head, frame.data);
}

/**
 * The bytes of a WebM file holding `frames` ({timeMs, key, data: Uint8Array}, in order, the first a
 * key frame) of one video track of `codec` ('V_VP8' or 'V_VP9') at width×height, lasting durationMs.
 */
export function webm({ codec, width, height, durationMs, frames }) {
  if (!frames.length || !frames[0].key) throw new Error('a video starts with a key frame');
  const header = element(ID.EBML,
    element(ID.EBMLVersion, uint(1)), element(ID.EBMLReadVersion, uint(1)),
    element(ID.EBMLMaxIDLength, uint(4)), element(ID.EBMLMaxSizeLength, uint(8)),
    element(ID.DocType, text('webm')), element(ID.DocTypeVersion, uint(2)), element(ID.DocTypeReadVersion, uint(2)));
  const info = element(ID.Info,
    element(ID.TimecodeScale, uint(1_000_000)), // times in ms
    element(ID.MuxingApp, text('Heartbeat')), element(ID.WritingApp, text('Heartbeat')),
    element(ID.Duration, float64(durationMs)));
  const tracks = element(ID.Tracks, element(ID.TrackEntry,
    element(ID.TrackNumber, uint(VIDEO_TRACK)), element(ID.TrackUID, uint(VIDEO_TRACK)), element(ID.TrackType, uint(1)),
    element(ID.CodecID, text(codec)),
    element(ID.Video, element(ID.PixelWidth, uint(width)), element(ID.PixelHeight, uint(height)))));
  const clusters = [];
  let blocks = [];
  let clusterMs = 0;
  const close = () => { if (blocks.length) clusters.push(element(ID.Cluster, element(ID.Timecode, uint(clusterMs)), ...blocks)); };
  for (const frame of frames) {
    if (frame.key) {
      close();
      blocks = [];
      clusterMs = frame.timeMs;
    }
    blocks.push(simpleBlock(frame, clusterMs));
  }
  close();
  return concat([header, element(ID.Segment, info, tracks, ...clusters)]);
}
