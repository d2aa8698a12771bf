// Wiring, top to bottom: read the address, build the state, connect, draw every frame, and publish a
// read-only `window.heartbeat`. State changes only through `dispatch` (the reducer). Rewinding draws
// the space's recording instead of the present; the socket and its state go on all the same.

import { nameFromSearch, pagePath, spaceFromPath, LOBBY } from './address.js';
import { Connection } from './connection.js';
import { hitTest, pulsesFading, render, fitCanvas } from './render.js';
import { Status, initialState, publicView, reduce } from './state.js';
import { CloseCode } from './words.js';
import { createUi } from './ui.js';
import { Rewind } from './rewind.js';
import { createRewindBar } from './rewind-ui.js';
import { LIVE_KEYS, installHelp } from './help.js';

// Leave a little slack under the server's rate so a steady tapper is never refused.
const PULSE_GAP_SLACK_MS = 10;
const UI_TICK_MS = 250;

const localNow = () => performance.timeOrigin + performance.now();
const space = spaceFromPath(location.pathname);
const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');

let state = initialState({ space: space ?? LOBBY, name: nameFromSearch(location.search) });
let published = { of: null, view: null };
let dirty = true;
let lastPulseSentAt = -Infinity;
// What the last frame drew: the server time of the moment, and the recorded state when looking back.
let drawn = { shownAt: null, past: null };

// A snapshot getter: each read after a change gets a fresh frozen view; nothing can write to it.
Object.defineProperty(window, 'heartbeat', {
  enumerable: true,
  configurable: false,
  get() {
    if (published.of !== state || published.drawn !== drawn) {
      published = { of: state, drawn, view: Object.freeze({ ...publicView(state), ...rewindView() }) };
    }
    return published.view;
  },
});

/** `mode`, `shownAt` (server ms drawn last), and while looking back what the recording shows there. */
function rewindView() {
  const p = rewind.playback;
  if (!rewind.rewinding || !drawn.past) return { mode: rewind.mode, shownAt: drawn.shownAt, rewind: null };
  const lastPulse = {};
  for (const [id, pulse] of Object.entries(drawn.past.lastPulse)) lastPulse[id] = pulse.at;
  return {
    mode: rewind.mode,
    shownAt: drawn.shownAt,
    rewind: Object.freeze({
      recording: rewind.recording.id,
      t: Math.round(p.position),
      duration: Math.round(rewind.edge),
      speed: p.speed,
      playing: p.playing,
      members: drawn.past.members,
      waiting: drawn.past.waiting,
      lastPulse: Object.freeze(lastPulse),
    }),
  };
}

function dispatch(action) {
  const next = reduce(state, action, localNow());
  if (next === state) return;
  state = next;
  dirty = true;
  ui.update(state, localNow());
}

const serverNow = () => localNow() + state.clockOffset;

const connection = new Connection({
  space: state.space,
  name: state.name,
  location,
  storage: sessionStorage,
  now: localNow,
  onFrame: dispatch,
  onAction: dispatch,
});

function pulse() {
  // Looking back, the picture is the past: a click or Space plays and pauses it instead.
  if (rewind.rewinding) {
    rewind.playback.toggle();
    return;
  }
  if (state.status !== Status.ACTIVE) {
    if (state.status === Status.WAITING) dispatch({ type: 'client/notice', code: 'not-active' });
    return;
  }
  const now = localNow();
  const perSecond = state.limits?.pulsesPerSecond || 10;
  if (now - lastPulseSentAt < 1000 / perSecond + PULSE_GAP_SLACK_MS) return; // the server would refuse it
  if (!connection.send({ type: 'pulse' })) return;
  lastPulseSentAt = now;
  dispatch({ type: 'client/pulse', at: serverNow(), strength: 1 });
}

function join({ space: wanted, name }) {
  if (wanted === state.space && state.welcomed && state.status !== Status.DISCONNECTED) {
    // Same space: keep the line and just rename it.
    if (name && name !== state.name && connection.rename(name)) dispatch({ type: 'client/rename', name });
    history.replaceState(null, '', pagePath(wanted, name));
    return;
  }
  location.assign(pagePath(wanted, name));
}

const canvas = document.getElementById('stage');
const ctx = canvas.getContext('2d', { alpha: false });
let size = { width: 0, height: 0, dpr: 1 };

const ui = createUi(document, {
  onPulse: pulse,
  onHighlight: (id) => dispatch({ type: 'client/highlight', id }),
  onJoin: join,
  onRetry: () => connection.connectNow({ fresh: state.closeCode === CloseCode.REPLACED }),
  onDismissAnnounce: () => dispatch({ type: 'client/dismiss-announce' }),
  hitTest: (x, y) => hitTest(state, serverNow(), size, x, y, { reducedMotion: reducedMotion.matches }),
}, { space: state.space, name: state.name });

const rewind = new Rewind({ space: state.space, fetch: (url) => fetch(url), serverNow });
const rewindBar = createRewindBar(document, rewind, {
  onChange: () => { dirty = true; },
  onNotice: (message) => dispatch({ type: 'client/notice', code: 'rewind', message }),
});
installHelp(document, LIVE_KEYS);
let lastFrameAt = null;

function frame(at) {
  requestAnimationFrame(frame);
  const fitted = fitCanvas(canvas, size);
  const resized = fitted !== size;
  size = fitted;
  const wallMs = lastFrameAt == null ? 0 : at - lastFrameAt;
  lastFrameAt = at;
  const past = rewind.frame(wallMs, localNow());
  rewindBar.show(localNow());
  if (rewind.rewinding) {
    dirty = true; // the present moves on behind it; drawn again on the way back
    if (!past) return; // the first window is on its way: the picture holds
    const view = { members: past.members, lastPulse: past.lastPulse, status: Status.ACTIVE, you: state.you, highlight: state.highlight };
    drawn = { shownAt: Math.round(rewind.shownAt), past };
    render(ctx, view, rewind.shownAt, size, { reducedMotion: reducedMotion.matches });
    return;
  }
  const now = serverNow();
  // With reduced motion nothing rotates, so a frame is only drawn when something changed.
  if (reducedMotion.matches && !dirty && !resized && !pulsesFading(state, now)) return;
  drawn = { shownAt: Math.round(now), past: null };
  render(ctx, state, now, size, { reducedMotion: reducedMotion.matches });
  dirty = false;
}

// On a phone the member list would cover the picture: it starts folded.
if (matchMedia('(max-width: 600px)').matches) document.getElementById('presence').open = false;
reducedMotion.addEventListener('change', () => { dirty = true; });
setInterval(() => ui.update(state, localNow()), UI_TICK_MS);
ui.update(state, localNow());
requestAnimationFrame(frame);

if (space == null) {
  dispatch({ type: 'client/closed', reason: `“${location.pathname}” is not a space: use /s/ and up to 32 lower-case letters, digits or dashes`, retryAt: null });
} else {
  window.addEventListener('online', () => connection.connectNow());
  // Leaving the page closes the socket cleanly (the line goes at once); coming back from the
  // back/forward cache opens it again and the resume token brings the line back.
  window.addEventListener('pagehide', () => connection.stop());
  window.addEventListener('pageshow', (e) => { if (e.persisted) connection.start(); });
  connection.start();
  // The recorder opens the space's file when its first viewer arrives; look for it a moment later.
  setTimeout(() => rewind.findSoon(), 1_000);
}
