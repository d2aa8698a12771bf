// Wiring, top to bottom: read the address, build the state, connect, draw every frame, and publish a
// read-only `window.heartbeat`. State changes only through `dispatch` (the reducer).

import { nameFromSearch, pagePath, spaceFromPath, LOBBY } from './address.js';
import { Connection } from './connection.js';
import { hitTest, pulsesFading, render, fitCanvas } from './render.js';
import { Status, initialState, publicView, reduce } from './state.js';
import { CloseCode } from './words.js';
import { createUi } from './ui.js';

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

// A snapshot getter: each read after a change gets a fresh frozen view; nothing can write to it.
Object.defineProperty(window, 'heartbeat', {
  enumerable: true,
  configurable: false,
  get() {
    if (published.of !== state) published = { of: state, view: publicView(state) };
    return published.view;
  },
});

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

function frame() {
  requestAnimationFrame(frame);
  const fitted = fitCanvas(canvas, size);
  const resized = fitted !== size;
  size = fitted;
  const now = serverNow();
  // With reduced motion nothing rotates, so a frame is only drawn when something changed.
  if (reducedMotion.matches && !dirty && !resized && !pulsesFading(state, now)) return;
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
}
