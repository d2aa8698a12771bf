// A recording on the server read by time range, never downloaded whole: the overview for the seek bar
// (duration, density, bursts, idle stretches) and windows of events around the position
// (GET /api/recordings/{id}/events?from=&to=). It answers like a Timeline, for Playback and the
// renderer, with `stateAt(t)` null while the window holding t is still on its way.

import { PULSE_DURATION_MS } from './wave.js';
import { IDLE_LIMIT_MS } from './replay-playback.js';
import { Timeline, parseRecording } from './replay-timeline.js';

/** Recording time one window covers: at 8× a window plays for about 4 s. */
export const WINDOW_MS = 30_000;
/** Past this share of a window, the next one is asked for. */
const PREFETCH_AT = 0.5;
const KEPT_WINDOWS = 6;
/** A window that failed this often is not asked for again until the next refresh. */
const MAX_FAILURES = 3;
/** Density buckets asked for; the strip draws two pixels a bucket. */
export const OVERVIEW_BUCKETS = 400;

export class WindowedRecording {
  /**
   * @param id the recording's id
   * @param fetch the page's fetch (a stand-in in tests)
   * @param edge for a recording still being written: how far it reaches now, ms since its start
   */
  constructor({ id, fetch, edge = null }) {
    Object.assign(this, { id, fetch, edge });
    this.header = null;
    this.overview = null;
    this.windows = new Map(); // window start -> {timeline, validTo: recording ms it is good until, loading, failures}
  }

  /** Loads (or reloads) the overview; throws when the recording cannot be had. */
  async refresh() {
    const response = await this.fetch(`/api/recordings/${encodeURIComponent(this.id)}/overview?buckets=${OVERVIEW_BUCKETS}&idle=${IDLE_LIMIT_MS}`);
    if (!response.ok) throw new Error(`the server refused the recording's overview (${response.status})`);
    const o = await response.json();
    this.header = Object.freeze({ space: o.space, startedAt: Date.parse(o.start), capacity: o.capacity });
    this.overview = o;
    this.bursts = Object.freeze(o.bursts.map((b) => Object.freeze({ ...b })));
    for (const w of this.windows.values()) w.failures = 0;
    return this;
  }

  /** ms from the start to the last line, or to the live edge while it is written. */
  get duration() {
    const written = this.overview ? this.overview.duration : 0;
    return this.edge ? Math.max(written, this.edge()) : written;
  }

  get membersSeen() {
    return this.overview ? this.overview.membersSeen : 0;
  }

  /** The recording ends mid-line (a crash); everything before plays. */
  get truncated() {
    return !!(this.overview && this.overview.truncated);
  }

  /** [from, to) as a Timeline of its own, read at once (for an export), with the same early start. */
  async part(from, to) {
    return (await this.#load(from, to)).timeline;
  }

  idleStretches() {
    return this.overview ? this.overview.idle : [];
  }

  /** The overview's pulse counts: always OVERVIEW_BUCKETS of them over the duration it was taken at. */
  density() {
    return this.overview ? this.overview.density : [];
  }

  nextBurst(t) {
    return (this.bursts ?? []).find((b) => b.start > t) ?? null;
  }

  previousBurst(t) {
    let found = null;
    for (const b of this.bursts ?? []) {
      if (b.start >= t) break;
      found = b;
    }
    return found;
  }

  /** The state at t, or null while its window loads (asked for here); the next window is fetched ahead. */
  stateAt(t) {
    const start = Math.floor(Math.max(0, t) / WINDOW_MS) * WINDOW_MS;
    const window = this.#window(start, t);
    if (t - start > WINDOW_MS * PREFETCH_AT && start + WINDOW_MS < this.duration) this.#window(start + WINDOW_MS, start + WINDOW_MS);
    if (!window || !window.timeline) return null;
    return window.timeline.stateAt(t);
  }

  /** True when the state at t is at hand. */
  ready(t) {
    return this.stateAt(t) !== null;
  }

  #window(start, t) {
    let w = this.windows.get(start);
    if (!w) {
      w = { timeline: null, validTo: 0, loading: false, failures: 0 };
      this.windows.set(start, w);
      this.#forgetFarWindows(start);
    }
    // A window of a recording still written holds what was written when it came: past that, ask again.
    if (t >= w.validTo && !w.loading && w.failures < MAX_FAILURES) {
      w.loading = true;
      this.#load(start).then(({ timeline, validTo }) => {
        Object.assign(w, { timeline, validTo, loading: false, failures: 0 });
      }, () => {
        w.loading = false;
        w.failures++;
      });
    }
    return t < w.validTo ? w : null;
  }

  async #load(start, end = start + WINDOW_MS) {
    const asked = this.duration;
    // From a pulse's length before: a line still beating at the window's start shows its pulse.
    const from = Math.max(0, start - PULSE_DURATION_MS);
    const to = end;
    const response = await this.fetch(`/api/recordings/${encodeURIComponent(this.id)}/events?from=${from}&to=${to}`);
    if (!response.ok) throw new Error(`events ${from}..${to}: ${response.status}`);
    const timeline = new Timeline(parseRecording(await response.text(), this.id));
    // What a live recording had written when asked for, less the second its writer may hold back.
    const validTo = this.edge && to > asked ? asked : to;
    return { timeline, validTo };
  }

  #forgetFarWindows(around) {
    if (this.windows.size <= KEPT_WINDOWS) return;
    const far = [...this.windows.keys()].sort((a, b) => Math.abs(b - around) - Math.abs(a - around));
    for (const start of far.slice(0, this.windows.size - KEPT_WINDOWS)) this.windows.delete(start);
  }
}
