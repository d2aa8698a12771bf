// The replay's clock: where in the recording we are, whether it plays, how fast, and the idle
// stretches it shortens (like asciinema's idle time limit). Pure: the wall time comes in as an
// argument; seeking and bursts read the Timeline.

export const SPEEDS = Object.freeze([0.25, 0.5, 1, 2, 4, 8]);
/** With idle skipping on, a stretch without events plays for at most this long. */
export const IDLE_LIMIT_MS = 2_000;
/** Pressing "previous burst" within this much after a burst's start goes to the one before. */
export const BURST_RESTART_MS = 1_500;
export const SEEK_STEP_MS = 5_000;

export class Playback {
  constructor(timeline, { position = 0, speed = 1, skipIdle = true } = {}) {
    this.timeline = timeline;
    this.idle = timeline.idleStretches(IDLE_LIMIT_MS);
    this.position = clamp(position, 0, timeline.duration);
    this.speed = SPEEDS.includes(speed) ? speed : 1;
    this.skipIdle = skipIdle;
    this.playing = false;
  }

  get duration() {
    return this.timeline.duration;
  }

  /** Starts playing; at the end it starts again from the beginning. */
  play() {
    if (this.position >= this.duration) this.position = 0;
    this.playing = true;
  }

  pause() {
    this.playing = false;
  }

  toggle() {
    if (this.playing) this.pause();
    else this.play();
  }

  seek(t) {
    this.position = clamp(t, 0, this.duration);
  }

  step(deltaMs) {
    this.seek(this.position + deltaMs);
  }

  setSpeed(speed) {
    if (SPEEDS.includes(speed)) this.speed = speed;
  }

  faster() {
    this.setSpeed(SPEEDS[Math.min(SPEEDS.length - 1, SPEEDS.indexOf(this.speed) + 1)]);
  }

  slower() {
    this.setSpeed(SPEEDS[Math.max(0, SPEEDS.indexOf(this.speed) - 1)]);
  }

  nextBurst() {
    const burst = this.timeline.nextBurst(this.position);
    if (burst) this.seek(burst.start);
    return burst;
  }

  previousBurst() {
    const burst = this.timeline.previousBurst(this.position - BURST_RESTART_MS);
    if (burst) this.seek(burst.start);
    return burst;
  }

  /** Moves on by `wallMs` of real time at the current speed; stops at the end. */
  advance(wallMs) {
    if (!this.playing || !(wallMs > 0)) return;
    let next = this.position + wallMs * this.speed;
    if (this.skipIdle) {
      for (const stretch of this.idle) {
        if (stretch.start > next) break;
        // Past the limit inside a long quiet stretch: go straight to where it ends.
        if (next < stretch.end && next - stretch.start > IDLE_LIMIT_MS) next = stretch.end;
      }
    }
    this.position = Math.min(next, this.duration);
    if (this.position >= this.duration) this.playing = false;
  }
}

function clamp(value, low, high) {
  return Number.isFinite(value) ? Math.min(high, Math.max(low, value)) : low;
}

/** 75_000 -> "1:15", 3_725_000 -> "1:02:05". */
export function formatTime(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** `?t=` in seconds (decimals allowed, or 1m30s / 1h2m3s) to ms; null when absent or unreadable. */
export function timeFromSearch(search) {
  const raw = new URLSearchParams(search).get('t');
  if (raw == null || raw === '') return null;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(parseFloat(raw) * 1000);
  const parts = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(raw);
  if (!parts || raw === '') return null;
  const [, h = 0, m = 0, s = 0] = parts;
  return Math.round((Number(h) * 3600 + Number(m) * 60 + Number(s)) * 1000);
}

/** The address of this moment, to share: the same path with `?t=` in seconds (one decimal). */
export function searchWithTime(search, ms) {
  const params = new URLSearchParams(search);
  params.set('t', (Math.round(ms / 100) / 10).toString());
  return `?${params}`;
}
