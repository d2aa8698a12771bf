// A Heartbeat recording (*.hbrec, JSON Lines; see the contract's Recordings section) in memory, ready
// to be played from anywhere: the same rules as shared-protocol's Java Timeline. Pure: no DOM, no
// clock, no network. `stateAt(t)` starts from the nearest checkpoint at or before t (one at every
// snapshot line and every CHECKPOINT_EVERY entries), so a seek costs the same anywhere in the file.

export const FORMAT = 'heartbeat-recording';
export const VERSION = 1;
export const CHECKPOINT_EVERY = 1024;
export const BURST_MIN_PULSES_PER_SECOND = 3;
export const BURST_FACTOR = 2;

const WIRE_TYPES = new Set(['join', 'leave', 'pulse', 'rename', 'waiting', 'announce', 'status', 'pong', 'error']);

/** The file is not a recording this player can play; the message says why. */
export class RecordingError extends Error {}

/**
 * Reads the text of a recording. A bad header throws a RecordingError; after it, unknown event types
 * and damaged lines are skipped (and counted) and a last line cut short (a crashed server) is dropped.
 * `cut`: the bytes ended early (a gzip stream without its end), so the recording is truncated.
 */
export function parseRecording(text, source = 'recording', { cut = false } = {}) {
  const lines = text.split('\n');
  const endsWithNewline = text.endsWith('\n');
  if (endsWithNewline) lines.pop();
  if (lines.length === 0 || (lines.length === 1 && lines[0] === '')) {
    throw new RecordingError(`${source}: empty file; a Heartbeat recording starts with a header line`);
  }
  const header = readHeader(stripCr(lines[0]), source);
  const entries = [];
  let unknownSkipped = 0;
  let damagedSkipped = 0;
  let truncated = cut;
  for (let i = 1; i < lines.length; i++) {
    const line = stripCr(lines[i]);
    if (!line.trim()) continue;
    const last = i === lines.length - 1 && !endsWithNewline;
    const entry = readEntry(line);
    if (entry === UNKNOWN) unknownSkipped++;
    else if (entry === null) {
      if (last) truncated = true;
      else damagedSkipped++;
    } else if (Array.isArray(entry)) entries.push(...entry);
    else entries.push(entry);
  }
  return { header, entries, unknownSkipped, damagedSkipped, truncated };
}

function stripCr(line) {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

function readHeader(line, source) {
  const fail = (why) => { throw new RecordingError(`${source}: ${why}`); };
  let node;
  try {
    node = JSON.parse(line);
  } catch {
    fail('not a Heartbeat recording: line 1 is not a JSON header');
  }
  if (!node || typeof node !== 'object' || Array.isArray(node)) fail('not a Heartbeat recording: line 1 must be a JSON object header');
  if (typeof node.format !== 'string') fail(`not a Heartbeat recording: the header has no "format":"${FORMAT}"`);
  if (node.format !== FORMAT) fail(`not a Heartbeat recording: the header's format is '${node.format.slice(0, 60)}', expected '${FORMAT}'`);
  if (!Number.isInteger(node.version)) fail('the header\'s "version" must be a whole number');
  if (node.version < 1 || node.version > VERSION) {
    fail(`recording format version ${node.version} is not supported; this player reads version ${VERSION}`);
  }
  if (typeof node.space !== 'string' || !/^[a-z0-9][a-z0-9-]{0,31}$/.test(node.space)) fail('the header\'s "space" is missing or invalid');
  const startedAt = typeof node.startedAt === 'string' ? Date.parse(node.startedAt) : NaN;
  if (!Number.isFinite(startedAt)) fail('the header\'s "startedAt" is not an ISO-8601 time');
  if (!Number.isInteger(node.capacity) || node.capacity < 1) fail('the header\'s "capacity" must be a whole number of at least 1');
  return Object.freeze({ space: node.space, startedAt, capacity: node.capacity });
}

const UNKNOWN = Symbol('unknown');

/**
 * One line as an entry: a snapshot or a wire event with `t`; UNKNOWN for an unknown type; null if
 * damaged. A batch line (Heartbeat never writes one) is, as on the wire, its events one by one.
 */
function readEntry(line) {
  let node;
  try {
    node = JSON.parse(line);
  } catch {
    return null;
  }
  return entryOf(node);
}

function entryOf(node) {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return null;
  if (node.type === 'batch' && Number.isInteger(node.t) && node.t >= 0) {
    if (!Array.isArray(node.events)) return null;
    const inner = node.events.map((e) => (e && typeof e === 'object' && e.type !== 'batch' ? entryOf({ ...e, t: node.t }) : null));
    return inner.includes(null) ? null : inner.filter((e) => e !== UNKNOWN);
  }
  if (!Number.isInteger(node.t) || node.t < 0 || typeof node.type !== 'string') return null;
  if (node.type === 'snapshot') {
    if (!Array.isArray(node.members) || !Number.isInteger(node.waiting) || node.waiting < 0) return null;
    const members = [];
    for (const raw of node.members) {
      const m = member(raw);
      if (!m) return null;
      members.push(m);
    }
    return Object.freeze({ t: node.t, type: 'snapshot', members: Object.freeze(members), waiting: node.waiting });
  }
  if (!WIRE_TYPES.has(node.type)) return UNKNOWN;
  switch (node.type) {
    case 'join':
    case 'rename': {
      const m = member(node.member);
      return m ? Object.freeze({ t: node.t, type: node.type, member: m }) : null;
    }
    case 'leave':
      return typeof node.id === 'string' && node.id ? Object.freeze({ t: node.t, type: 'leave', id: node.id, reason: node.reason }) : null;
    case 'pulse':
      if (typeof node.id !== 'string' || !node.id || !(node.strength > 0 && node.strength <= 1) || !Number.isFinite(node.at)) return null;
      return Object.freeze({ t: node.t, type: 'pulse', id: node.id, strength: node.strength, at: node.at });
    case 'waiting':
      return Number.isInteger(node.count) && node.count >= 0 ? Object.freeze({ t: node.t, type: 'waiting', count: node.count }) : null;
    default:
      return Object.freeze({ ...node });
  }
}

function member(raw) {
  if (!raw || typeof raw !== 'object' || typeof raw.id !== 'string' || !raw.id) return null;
  if (!Number.isFinite(raw.hue) || !Number.isFinite(raw.phase)) return null;
  return Object.freeze({
    id: raw.id,
    name: typeof raw.name === 'string' ? raw.name : '',
    hue: ((Math.round(raw.hue) % 360) + 360) % 360,
    phase: Math.min(1, Math.max(0, raw.phase)),
  });
}

/**
 * The reducer of a recording, mutable so that applying an event is cheap. A snapshot replaces the
 * members and queue (it is the truth even after lost lines); a pulse of an active member becomes
 * its last pulse; announce, status, pong and error change nothing here.
 */
class Working {
  constructor(from) {
    this.members = new Map(from ? from.members.map((m) => [m.id, m]) : []);
    this.lastPulse = new Map(from ? Object.entries(from.lastPulse) : []);
    this.waiting = from ? from.waiting : 0;
  }

  apply(e, startedAt) {
    switch (e.type) {
      case 'snapshot':
        this.members = new Map(e.members.map((m) => [m.id, m]));
        for (const id of [...this.lastPulse.keys()]) if (!this.members.has(id)) this.lastPulse.delete(id);
        this.waiting = e.waiting;
        break;
      case 'join':
        this.members.set(e.member.id, e.member);
        break;
      case 'leave':
        this.members.delete(e.id);
        this.lastPulse.delete(e.id);
        break;
      case 'rename':
        if (this.members.has(e.member.id)) this.members.set(e.member.id, e.member);
        break;
      case 'waiting':
        this.waiting = e.count;
        break;
      case 'pulse':
        // `at` is the recording's own clock, so a replayed line beats where the live one did.
        if (this.members.has(e.id)) this.lastPulse.set(e.id, Object.freeze({ t: e.t, at: startedAt + e.t, strength: e.strength }));
        break;
      default:
    }
  }

  freeze(t) {
    return Object.freeze({
      t,
      members: Object.freeze([...this.members.values()]),
      waiting: this.waiting,
      lastPulse: Object.freeze(Object.fromEntries(this.lastPulse)),
    });
  }
}

export class Timeline {
  /** @param recording what parseRecording returned */
  constructor({ header, entries, unknownSkipped = 0, damagedSkipped = 0, truncated = false }) {
    this.header = header;
    this.unknownSkipped = unknownSkipped;
    this.damagedSkipped = damagedSkipped;
    this.truncated = truncated;
    // The order of the lines is the truth: a time that steps back is read as the one before it.
    let last = 0;
    this.entries = entries.map((e) => {
      if (e.t >= last) {
        last = e.t;
        return e;
      }
      return Object.freeze({ ...e, t: last });
    });
    this.times = Float64Array.from(this.entries, (e) => e.t);
    this.checkpointAt = [0];
    this.checkpoints = [new Working().freeze(0)];
    const working = new Working();
    const pulses = [];
    const seen = new Set();
    let since = 0;
    this.entries.forEach((e, i) => {
      working.apply(e, header.startedAt);
      if (e.type === 'pulse') pulses.push(e.t);
      if (e.type === 'join') seen.add(e.member.id);
      if (e.type === 'snapshot') e.members.forEach((m) => seen.add(m.id));
      if (e.type === 'snapshot' || ++since >= CHECKPOINT_EVERY) {
        this.checkpointAt.push(i + 1);
        this.checkpoints.push(working.freeze(e.t));
        since = 0;
      }
    });
    this.pulseTimes = Float64Array.from(pulses);
    this.membersSeen = seen.size;
    this.bursts = Object.freeze(findBursts(this.pulseTimes));
  }

  /** ms from the start to the last line. */
  get duration() {
    return this.times.length ? this.times[this.times.length - 1] : 0;
  }

  /** The state after every entry with t' <= t: {t, members, waiting, lastPulse: {id: {t, at, strength}}}. */
  stateAt(t) {
    const end = firstAtOrAfter(this.times, Math.floor(t) + 1);
    const k = lastAtOrBefore(this.checkpointAt, end);
    const working = new Working(this.checkpoints[k]);
    for (let i = this.checkpointAt[k]; i < end; i++) working.apply(this.entries[i], this.header.startedAt);
    return working.freeze(Math.max(0, t));
  }

  /** The entries with from <= t < to, in file order, snapshots included. */
  between(from, to) {
    const start = firstAtOrAfter(this.times, from);
    return this.entries.slice(start, Math.max(start, firstAtOrAfter(this.times, to)));
  }

  /** Pulses per bucket over [0, duration], for the strip under the seek bar. */
  density(buckets) {
    const counts = new Array(Math.max(1, buckets)).fill(0);
    const span = this.duration + 1;
    for (const t of this.pulseTimes) counts[Math.min(counts.length - 1, Math.floor((t * counts.length) / span))]++;
    return counts;
  }

  /** The first burst that starts after t, or null. */
  nextBurst(t) {
    return this.bursts.find((b) => b.start > t) ?? null;
  }

  /** The last burst that starts before t, or null. */
  previousBurst(t) {
    let found = null;
    for (const b of this.bursts) {
      if (b.start >= t) break;
      found = b;
    }
    return found;
  }

  /** Stretches longer than minIdleMs without an event (snapshots do not count), start to end. */
  idleStretches(minIdleMs) {
    const idle = [];
    let previous = 0;
    for (const e of this.entries) {
      if (e.type === 'snapshot') continue;
      if (e.t - previous > minIdleMs) idle.push(Object.freeze({ start: previous, end: e.t }));
      previous = e.t;
    }
    if (this.duration - previous > minIdleMs) idle.push(Object.freeze({ start: previous, end: this.duration }));
    return idle;
  }
}

/** Runs of seconds with at least 3 pulses and twice the average of the seconds that had any. */
function findBursts(pulseTimes) {
  if (pulseTimes.length === 0) return [];
  const seconds = Math.floor(pulseTimes[pulseTimes.length - 1] / 1000) + 1;
  const perSecond = new Int32Array(seconds);
  for (const t of pulseTimes) perSecond[Math.floor(t / 1000)]++;
  let busy = 0;
  for (const n of perSecond) if (n > 0) busy++;
  const threshold = Math.max(BURST_MIN_PULSES_PER_SECOND, (BURST_FACTOR * pulseTimes.length) / busy);
  const bursts = [];
  let s = 0;
  while (s < seconds) {
    if (perSecond[s] < threshold) {
      s++;
      continue;
    }
    const runStart = s;
    let pulses = 0;
    while (s < seconds && perSecond[s] >= threshold) pulses += perSecond[s++];
    const first = firstAtOrAfter(pulseTimes, runStart * 1000);
    const last = firstAtOrAfter(pulseTimes, s * 1000) - 1;
    bursts.push(Object.freeze({ start: pulseTimes[first], end: pulseTimes[last], pulses }));
  }
  return bursts;
}

function firstAtOrAfter(sorted, t) {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid] < t) low = mid + 1;
    else high = mid;
  }
  return low;
}

function lastAtOrBefore(sorted, value) {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if (sorted[mid] <= value) low = mid;
    else high = mid - 1;
  }
  return low;
}
