// The live page's way back: the space's own recording, still being written, played from any moment
// at any speed while the socket stays connected; "go live" returns to the present. Pure apart from
// the fetch it is given: the page's clock comes in as `serverNow`, frames as elapsed wall time.

import { Playback } from './replay-playback.js';
import { WindowedRecording } from './recording-windows.js';

/** The recorder writes at least once a second: the last moment worth asking for is this far back. */
export const WRITE_LAG_MS = 1_500;
/** Where ← from live lands: this far behind the present. */
export const REWIND_STEP_MS = 5_000;
/** Playing back this close to the live edge has caught up with the present. */
export const CAUGHT_UP_MS = 250;
/** How often the seek bar's overview is refreshed while looking back. */
export const OVERVIEW_EVERY_MS = 5_000;
/** ...and while live, for the strip alone. */
export const LIVE_OVERVIEW_EVERY_MS = 30_000;

export const Mode = Object.freeze({ LIVE: 'live', REWIND: 'rewind' });

export class Rewind {
  /** @param options.serverNow the page's estimate of server time, ms */
  constructor({ space, fetch, serverNow }) {
    Object.assign(this, { space, fetch, serverNow });
    this.mode = Mode.LIVE;
    this.recording = null;
    this.playback = null;
    this.shown = null; // the last state that could be shown, held while a window loads
    this.problem = null;
    this.overviewAt = -Infinity;
  }

  /** Finds the space's recording in progress; false when the server records none (--no-record). */
  async find() {
    let rows;
    try {
      const response = await this.fetch(`/api/recordings?space=${encodeURIComponent(this.space)}&live=true`);
      rows = response.ok ? (await response.json()).recordings : [];
    } catch {
      rows = [];
    }
    const current = rows.find((r) => r.live && r.space === this.space);
    if (!current) {
      this.problem = 'this space is not being recorded, so there is nothing to rewind';
      return false;
    }
    if (this.recording && this.recording.id === current.id) return true;
    const startedAt = Date.parse(current.start);
    const recording = new WindowedRecording({
      id: current.id,
      fetch: this.fetch,
      edge: () => Math.max(0, this.serverNow() - startedAt - WRITE_LAG_MS),
    });
    try {
      await recording.refresh();
    } catch {
      // Just opened: its header reaches the disk with the recorder's first flush, within a second.
      this.problem = 'this space\'s recording is not readable yet; try again in a moment';
      return false;
    }
    this.recording = recording;
    this.problem = null;
    return true;
  }

  /** Looks for the recording now and a few times more while the recorder is still opening it. */
  async findSoon(attempts = 5, pauseMs = 1_000) {
    for (let i = 0; i < attempts; i++) {
      if (await this.find()) return true;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
    return false;
  }

  get rewinding() {
    return this.mode === Mode.REWIND;
  }

  /** Where the live edge is, ms into the recording (0 before it is found). */
  get edge() {
    return this.recording ? this.recording.duration : 0;
  }

  /** Starts looking back at `t` ms into the recording, playing at the speed it had. */
  async seek(t) {
    if (!this.recording && !(await this.find())) return false;
    if (!this.playback) {
      this.playback = new Playback(this.recording, { position: t });
      this.playback.play();
    }
    this.mode = Mode.REWIND;
    this.playback.seek(t);
    if (this.playback.position >= this.edge) this.goLive();
    return true;
  }

  /** ← from live: a few seconds back; ← while looking back: a few more. */
  back(ms = REWIND_STEP_MS) {
    return this.seek((this.rewinding ? this.playback.position : this.edge) - ms);
  }

  goLive() {
    this.mode = Mode.LIVE;
    this.playback = null;
    this.shown = null;
  }

  /**
   * One frame, `wallMs` after the last: playback moves on only once the state there has come, and
   * reaching the live edge goes live. Returns the state to draw, or null when live.
   */
  frame(wallMs, localNow) {
    if (this.recording && localNow - this.overviewAt > (this.rewinding ? OVERVIEW_EVERY_MS : LIVE_OVERVIEW_EVERY_MS)) {
      this.overviewAt = localNow;
      this.recording.refresh().then(() => { if (this.playback) this.playback.idle = this.recording.idleStretches(); }, () => {});
    }
    if (!this.rewinding) return null;
    const p = this.playback;
    const state = this.recording.stateAt(p.position);
    if (state) this.shown = state;
    if (p.playing && state) {
      p.advance(wallMs);
      // The live edge moves on while we look at it: within a moment of it is caught up.
      if (!p.playing || p.position >= this.edge - CAUGHT_UP_MS) this.goLive();
    }
    return this.shown;
  }

  /** Server time of the moment drawn while looking back. */
  get shownAt() {
    return this.recording.header.startedAt + this.playback.position;
  }
}
