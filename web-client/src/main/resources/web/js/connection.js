// The socket to the server: opens it, reads frames, reconnects with backoff, keeps the resume token
// and estimates the server clock. It reports to the page through two callbacks and never draws.

import { Backoff } from './backoff.js';
import { socketUrl } from './address.js';
import { CloseCode, closeWords } from './words.js';

/** Pings right after the welcome to learn the clock quickly, then slowly to track drift. */
const QUICK_PINGS = 3;
const QUICK_PING_MS = 1_000;
const PING_EVERY_MS = 15_000;
/** An unanswered ping this old means the connection is dead even if the socket has not noticed. */
const PONG_DEADLINE_MS = 10_000;
/** How many recent clock samples to pick the best (smallest round trip) from. */
const CLOCK_SAMPLES = 8;

// Retrying cannot help: the origin is refused, or another tab took this line over.
const FINAL_CODES = new Set([CloseCode.POLICY, CloseCode.REPLACED]);

/** The events a frame carries: itself, or the contents of a batch. */
export function eventsOf(frame) {
  if (frame && frame.type === 'batch') return Array.isArray(frame.events) ? frame.events : [];
  return [frame];
}

/** Server time minus local time, from the ping with the smallest round trip among recent ones. */
export class ClockEstimate {
  #samples = [];

  /** `sentAt`, `receivedAt` local ms; `serverTime` the server's clock in between. */
  add(sentAt, receivedAt, serverTime) {
    const rtt = Math.max(0, receivedAt - sentAt);
    this.#samples.push({ rtt, offset: serverTime - (sentAt + rtt / 2) });
    if (this.#samples.length > CLOCK_SAMPLES) this.#samples.shift();
    return this.offset;
  }

  reset() {
    this.#samples = [];
  }

  get offset() {
    if (this.#samples.length === 0) return 0;
    return this.#samples.reduce((best, s) => (s.rtt < best.rtt ? s : best)).offset;
  }
}

export class Connection {
  #ws = null;
  #retryTimer = null;
  #pingTimer = null;
  #pingsSent = 0;
  #pendingPing = null;
  #stopped = true;
  #clock = new ClockEstimate();

  /**
   * @param options.space the space to join
   * @param options.name the display name asked for ('' for none)
   * @param options.location the page's location (for the socket URL on the same origin)
   * @param options.storage where the resume token lives: sessionStorage, so per tab
   * @param options.now local clock in ms
   * @param options.onFrame receives every frame from the server, parsed
   * @param options.onAction receives the connection's own `client/*` actions
   */
  constructor({ space, name = '', location, storage, now, onFrame, onAction,
    WebSocketImpl = globalThis.WebSocket, backoff = new Backoff(), timers = globalThis }) {
    Object.assign(this, { space, name, location, storage, now, onFrame, onAction, WebSocketImpl, backoff, timers });
    this.resumeKey = `heartbeat:resume:${space}`;
  }

  start() {
    this.#stopped = false;
    this.#open();
  }

  stop() {
    this.#stopped = true;
    this.#clearTimers();
    const ws = this.#ws;
    this.#ws = null;
    if (ws) ws.close(CloseCode.NORMAL);
  }

  /** Retries at once instead of waiting out the backoff (a button, or the network coming back). */
  connectNow({ fresh = false } = {}) {
    if (this.#stopped || this.#ws) return;
    if (fresh) this.#forgetResume();
    this.timers.clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#open();
  }

  /** True while the socket can send. */
  get open() {
    return !!this.#ws && this.#ws.readyState === 1;
  }

  /** Sends one message; false when there is no open socket (the caller decides what that means). */
  send(message) {
    if (!this.open) return false;
    this.#ws.send(JSON.stringify(message));
    return true;
  }

  /** Renames now, and keeps the name for the next reconnect. */
  rename(name) {
    this.name = name;
    return this.send({ type: 'rename', name });
  }

  #open() {
    this.onAction({ type: 'client/connecting' });
    const url = socketUrl(this.location, this.space, { name: this.name, resume: this.#resume() });
    let ws;
    try {
      ws = new this.WebSocketImpl(url);
    } catch {
      this.#closed(null, CloseCode.LOST);
      return;
    }
    this.#ws = ws;
    ws.onmessage = (e) => {
      if (ws === this.#ws) this.#receive(e.data);
    };
    ws.onclose = (e) => this.#closed(ws, e.code);
    ws.onerror = () => {}; // a close event always follows; it carries the code
  }

  #receive(data) {
    if (typeof data !== 'string') return;
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return; // not JSON: the contract says every frame is; nothing sensible to do with it
    }
    if (!frame || typeof frame !== 'object') return;
    for (const event of eventsOf(frame)) {
      if (!event || typeof event !== 'object') continue;
      if (event.type === 'welcome') this.#welcomed(event);
      else if (event.type === 'pong') this.#ponged(event);
    }
    this.onFrame(frame);
  }

  #welcomed(welcome) {
    if (typeof welcome.resume === 'string' && welcome.resume) this.#store(welcome.resume);
    // Only a welcome proves the server is healthy; an open socket that closes at once is not.
    this.backoff.reset();
    this.#clock.reset();
    if (Number.isFinite(welcome.serverTime)) {
      // One-way, so off by the latency; the pings that follow replace it.
      this.onAction({ type: 'client/clock', offset: welcome.serverTime - this.now() });
    }
    this.#pingsSent = 0;
    this.#ping();
  }

  #ping() {
    this.timers.clearTimeout(this.#pingTimer);
    if (!this.open) return;
    const now = this.now();
    if (this.#pendingPing != null && now - this.#pendingPing > PONG_DEADLINE_MS) {
      this.#drop();
      return;
    }
    if (this.#pendingPing == null) {
      const t = Math.round(now);
      this.#pendingPing = t;
      this.send({ type: 'ping', t });
    }
    this.#pingsSent++;
    const delay = this.#pingsSent < QUICK_PINGS ? QUICK_PING_MS : PING_EVERY_MS;
    this.#pingTimer = this.timers.setTimeout(() => this.#ping(), delay);
  }

  #ponged(pong) {
    if (!Number.isFinite(pong.t) || !Number.isFinite(pong.serverTime)) return;
    if (pong.t === this.#pendingPing) this.#pendingPing = null;
    const offset = this.#clock.add(pong.t, this.now(), pong.serverTime);
    this.onAction({ type: 'client/clock', offset });
  }

  // A connection whose pongs stopped: give up on it now rather than wait for TCP to notice.
  #drop() {
    const ws = this.#ws;
    ws.onclose = null;
    ws.close();
    this.#closed(ws, CloseCode.LOST);
  }

  #closed(ws, code) {
    if (ws && ws !== this.#ws) return; // a socket we already gave up on
    this.#ws = null;
    this.#clearTimers();
    if (this.#stopped) return;
    const reason = closeWords(code);
    if (FINAL_CODES.has(code)) {
      // This tab's token now belongs to another tab: a later "join again" must not take it back.
      if (code === CloseCode.REPLACED) this.#forgetResume();
      this.onAction({ type: 'client/closed', code, reason, retryAt: null });
      return;
    }
    const delay = this.backoff.next();
    this.onAction({ type: 'client/closed', code, reason, retryAt: this.now() + delay });
    this.#retryTimer = this.timers.setTimeout(() => {
      this.#retryTimer = null;
      if (!this.#stopped && !this.#ws) this.#open();
    }, delay);
  }

  #clearTimers() {
    this.timers.clearTimeout(this.#retryTimer);
    this.timers.clearTimeout(this.#pingTimer);
    this.#retryTimer = null;
    this.#pingTimer = null;
    this.#pendingPing = null;
  }

  #resume() {
    try {
      return this.storage?.getItem(this.resumeKey) || '';
    } catch {
      return ''; // storage can be disabled; the viewer then simply gets a fresh line
    }
  }

  #store(token) {
    try {
      this.storage?.setItem(this.resumeKey, token);
    } catch {
      // As above: without storage a reload joins anew, which is still correct.
    }
  }

  #forgetResume() {
    try {
      this.storage?.removeItem(this.resumeKey);
    } catch {
      // nothing to forget
    }
  }
}
