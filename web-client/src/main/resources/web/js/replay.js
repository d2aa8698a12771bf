// The replay page, top to bottom: find the recording (/replay/{id} from this server, read by time
// range; or a local file, read into a Timeline), then draw the state at the playback position every
// frame with the live page's renderer, and publish a read-only `window.heartbeat` of the replayed state.

import { render, fitCanvas } from './render.js';
import { Status } from './state.js';
import { IDLE_LIMIT_MS, Playback, SEEK_STEP_MS, formatTime, searchWithTime, timeFromSearch } from './replay-playback.js';
import { OVERVIEW_BUCKETS, WindowedRecording } from './recording-windows.js';
import { readAll, recordingText } from './replay-load.js';
import { RecordingError, Timeline, parseRecording } from './replay-timeline.js';
import { installStyle } from './replay-style.js';
import { drawDensity } from './density-strip.js';
import { onThemeChange, stripColours } from './palette.js';
import { REPLAY_KEYS, installHelp } from './help.js';
import { EXPORT_FPS, EXPORT_SECONDS, exportWebm } from './replay-export.js';

installStyle(document);

const $ = (id) => document.getElementById(id);
const canvas = $('stage');
const ctx = canvas.getContext('2d', { alpha: false });
const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');
/** How often a recording still being written is looked at again. */
const LIVE_REFRESH_MS = 5_000;
const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,31}-[0-9]{8}T[0-9]{6}Z(?:-[0-9]{1,4})?$/;

let playback = null;
let liveRefresh = null; // refreshes the overview of a recording still being written
let source = null;
let shown = null; // the state drawn last, for window.heartbeat and the member list
let opened = 0; // counts the recordings opened in this page, so that a new one is never shown as the old
let published = { of: null, view: null };
let dragging = false; // a pointer holds the seek bar: playback must not pull the thumb from under it
let lastFrame = null;
let lastUrlUpdate = 0;
let size = { width: 0, height: 0, dpr: 1 };

Object.defineProperty(window, 'heartbeat', {
  enumerable: true,
  configurable: false,
  get() {
    if (!playback || !shown) return Object.freeze({ status: 'loading', members: Object.freeze([]), waiting: 0, lastPulse: Object.freeze({}) });
    const key = `${opened}|${shown.t}|${playback.playing}|${playback.speed}`;
    if (published.of !== key) published = { of: key, view: publicView() };
    return published.view;
  },
});

/** Like the live page's view, plus where the replay is: `t` and `duration` in ms. */
function publicView() {
  const lastPulse = {};
  for (const [id, pulse] of Object.entries(shown.lastPulse)) lastPulse[id] = pulse.at;
  return Object.freeze({
    status: playback.playing ? 'playing' : 'paused',
    replay: true,
    recording: source,
    space: playback.timeline.header.space,
    t: Math.round(shown.t),
    duration: playback.duration,
    speed: playback.speed,
    members: shown.members,
    waiting: shown.waiting,
    lastPulse: Object.freeze(lastPulse),
    exported,
  });
}

function setStatus(text, status) {
  $('status').textContent = text;
  if (status) document.body.dataset.status = status;
}

async function start() {
  const match = /^\/replay\/([^/]+)\/?$/.exec(location.pathname);
  const id = match ? decodeURIComponent(match[1]) : new URLSearchParams(location.search).get('id');
  wireOpening();
  if (id && ID_PATTERN.test(id)) {
    await loadFromServer(id);
  } else {
    if (id) setStatus(`“${id}” is not a recording id`, 'error');
    else setStatus('Choose a recording to play.', 'idle');
    showOpening();
  }
}

/** A recording on this server: its overview, then windows of events as playback reaches them. */
async function loadFromServer(id) {
  setStatus(`Loading ${id}…`, 'loading');
  let response;
  try {
    response = await fetch(`/api/recordings/${encodeURIComponent(id)}/overview?buckets=${OVERVIEW_BUCKETS}&idle=${IDLE_LIMIT_MS}`);
  } catch {
    setStatus('The server cannot be reached.', 'error');
    showOpening();
    return;
  }
  if (!response.ok) {
    const why = await response.text().catch(() => '');
    setStatus(response.status === 404 ? `There is no recording ${id}.`
      : response.status === 422 ? why || 'This file cannot be played.' : `The server refused the recording (${response.status}).`, 'error');
    showOpening();
    return;
  }
  const recording = new WindowedRecording({ id, fetch: (url) => fetch(url) });
  try {
    await recording.refresh();
  } catch (e) {
    setStatus(e.message, 'error');
    showOpening();
    return;
  }
  // Still being written: it grows, and windows at its end are asked for again as it does.
  const list = await fetch(`/api/recordings?space=${encodeURIComponent(recording.header.space)}&live=true`).then((r) => r.json()).catch(() => null);
  show(recording, id);
  if (list?.recordings?.some((r) => r.id === id)) {
    recording.edge = () => 0;
    liveRefresh = setInterval(() => recording.refresh().then(() => {
      if (playback?.timeline !== recording) return;
      playback.idle = recording.idleStretches();
      $('seek').max = String(recording.duration);
      showDensity();
    }, () => {}), LIVE_REFRESH_MS);
  }
}

async function open(bytes, name) {
  try {
    const { text, cut } = await recordingText(bytes);
    show(new Timeline(parseRecording(text, name, { cut })), name);
  } catch (e) {
    setStatus(e instanceof RecordingError ? e.message : `This file cannot be played: ${e.message}`, 'error');
    showOpening();
  }
}

/** Plays `timeline`: a Timeline in memory, or a WindowedRecording read by time range. */
function show(timeline, name) {
  clearInterval(liveRefresh);
  liveRefresh = null;
  const wanted = timeFromSearch(location.search);
  playback = new Playback(timeline, { position: wanted ?? 0 });
  source = name;
  shown = null;
  opened++;
  $('open').hidden = true;
  $('controls').hidden = false;
  $('presence').hidden = false;
  $('space-name').textContent = timeline.header.space;
  $('seek').max = String(timeline.duration);
  document.title = `Heartbeat replay · ${timeline.header.space}`;
  const started = new Date(timeline.header.startedAt).toLocaleString();
  const notes = [];
  if (timeline.truncated) notes.push('the recording ends abruptly; everything before plays');
  if (timeline.unknownSkipped) notes.push(`${timeline.unknownSkipped} unknown events skipped`);
  if (timeline.damagedSkipped) notes.push(`${timeline.damagedSkipped} damaged lines skipped`);
  setStatus(`Recorded ${started} · ${timeline.membersSeen} members${notes.length ? ` · ${notes.join('; ')}` : ''}`, 'ready');
  showDensity();
  update(true);
}

function showOpening() {
  $('open').hidden = false;
  fetch('/api/recordings').then((r) => (r.ok ? r.json() : null)).then((body) => {
    const list = $('recordings');
    list.replaceChildren();
    for (const rec of body?.recordings ?? []) {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = `/replay/${encodeURIComponent(rec.id)}`;
      link.textContent = `${rec.space} · ${new Date(rec.start).toLocaleString()} · ${formatTime(rec.duration)}${rec.live ? ' · live' : ''}`;
      item.append(link);
      list.append(item);
    }
  }).catch(() => {});
}

function wireOpening() {
  $('file').addEventListener('change', async (e) => {
    const file = e.target.files?.[0];
    if (file) await open(await readAll(file.stream()), file.name);
  });
  document.addEventListener('dragover', (e) => e.preventDefault());
  document.addEventListener('drop', async (e) => {
    e.preventDefault();
    const file = e.dataTransfer?.files?.[0];
    if (file) await open(await readAll(file.stream()), file.name);
  });
}

function wireControls() {
  $('play').addEventListener('click', () => act(() => playback.toggle()));
  $('next-burst').addEventListener('click', () => act(() => playback.nextBurst()));
  $('previous-burst').addEventListener('click', () => act(() => playback.previousBurst()));
  $('speed').addEventListener('change', (e) => act(() => playback.setSpeed(Number(e.target.value))));
  $('skip-idle').addEventListener('change', (e) => act(() => { playback.skipIdle = e.target.checked; }));
  $('seek').addEventListener('input', (e) => act(() => playback.seek(Number(e.target.value))));
  $('seek').addEventListener('pointerdown', () => { dragging = true; });
  for (const end of ['pointerup', 'pointercancel']) window.addEventListener(end, () => { dragging = false; });
  $('share').addEventListener('click', async () => {
    const url = location.origin + location.pathname + searchWithTime(location.search, playback.position);
    try {
      await navigator.clipboard.writeText(url);
      setStatus('Link copied.');
    } catch {
      setStatus(url);
    }
  });
  $('export').addEventListener('click', () => exportVideo());
  $('controls').addEventListener('submit', (e) => e.preventDefault());
  document.addEventListener('keydown', (e) => {
    if (!playback || e.target instanceof HTMLInputElement && e.target.type !== 'range' || e.target instanceof HTMLSelectElement) return;
    const keys = {
      ' ': () => playback.toggle(),
      k: () => playback.toggle(),
      ArrowLeft: () => (e.shiftKey ? playback.previousBurst() : playback.step(-SEEK_STEP_MS)),
      ArrowRight: () => (e.shiftKey ? playback.nextBurst() : playback.step(SEEK_STEP_MS)),
      '+': () => playback.faster(),
      '-': () => playback.slower(),
      Home: () => playback.seek(0),
      End: () => playback.seek(playback.duration),
    };
    const action = keys[e.key];
    if (!action) return;
    e.preventDefault();
    act(action);
  });
}

let exported = null; // {from, to, fps, frames, bytes, type, url} of the last video, for window.heartbeat

/** The next ten seconds (or to the end) from the position, as WebM; offered as a download link. */
async function exportVideo() {
  const from = Math.round(playback.position);
  const to = Math.min(playback.duration, from + EXPORT_SECONDS * 1000);
  if (to <= from) {
    setStatus('Nothing to export at the very end: go back a little first.');
    return;
  }
  const button = $('export');
  button.disabled = true;
  try {
    // Read by time range: the stretch is fetched whole first, so that every frame is at hand.
    const timeline = playback.timeline instanceof WindowedRecording ? await playback.timeline.part(from, to) : playback.timeline;
    const video = await exportWebm(document, timeline, from, to, {
      fps: EXPORT_FPS,
      onProgress: (done, total) => { button.textContent = `Exporting ${Math.round((100 * done) / total)}%`; },
    });
    const link = $('export-link');
    if (link.href) URL.revokeObjectURL(link.href);
    link.href = URL.createObjectURL(video.blob);
    link.download = `${source.replace(/\.hbrec(\.gz)?$/, '')}-${formatTime(from).replace(/:/g, '.')}.webm`;
    link.hidden = false;
    exported = Object.freeze({ from, to, fps: EXPORT_FPS, frames: video.frames, bytes: video.blob.size, type: video.type, url: link.href });
    published = { of: null, view: null };
    setStatus(`Video ready: ${video.frames} frames, ${Math.round(video.blob.size / 1024)} KiB.`);
  } catch (e) {
    setStatus(`The video could not be made: ${e.message}`);
  } finally {
    button.disabled = false;
    button.textContent = 'Export video';
  }
}

function act(change) {
  if (!playback) return;
  change();
  lastFrame = null;
  update(true);
}

/** Reads the state at the playback position into the page: URL, controls, member list. */
function update(force = false) {
  // A window still on its way: the last moment shown stays.
  shown = playback.timeline.stateAt(playback.position) ?? shown;
  if (!shown) return;
  $('play').textContent = playback.playing ? 'Pause' : 'Play';
  $('play').setAttribute('aria-pressed', String(playback.playing));
  $('speed').value = String(playback.speed);
  if (!dragging) $('seek').value = String(Math.round(playback.position));
  $('seek').setAttribute('aria-valuetext', formatTime(playback.position));
  $('time').value = `${formatTime(playback.position)} / ${formatTime(playback.duration)}`;
  $('previous-burst').disabled = !playback.timeline.previousBurst(playback.position);
  $('next-burst').disabled = !playback.timeline.nextBurst(playback.position);
  document.body.dataset.status = playback.playing ? 'playing' : 'paused';
  const now = performance.now();
  if (force || now - lastUrlUpdate > 1000) {
    lastUrlUpdate = now;
    history.replaceState(null, '', location.pathname + searchWithTime(location.search, playback.position));
    showMembers();
  }
}

function showMembers() {
  const people = shown.members.length === 1 ? '1 here' : `${shown.members.length} here`;
  $('presence-summary').textContent = `${people} · ${shown.waiting ? `${shown.waiting} waiting` : 'nobody waiting'}`;
  const items = shown.members.map((m) => {
    const item = document.createElement('li');
    item.textContent = m.name || 'Anonymous';
    item.style.setProperty('--hue', String(m.hue));
    return item;
  });
  $('members').replaceChildren(...items);
}

function showDensity() {
  const buckets = playback.timeline.density(Math.max(1, Math.floor(($('density').clientWidth || 600) / 2)));
  drawDensity($('density'), buckets, playback.timeline.bursts, playback.duration, stripColours());
}

function frame(now) {
  requestAnimationFrame(frame);
  const fitted = fitCanvas(canvas, size);
  const resized = fitted !== size;
  size = fitted;
  if (resized && playback) showDensity();
  if (!playback) return;
  if (playback.playing) {
    // Playback waits for the window it is in to arrive.
    if (lastFrame != null && playback.timeline.stateAt(playback.position)) playback.advance(now - lastFrame);
    lastFrame = now;
    update();
  } else {
    lastFrame = null;
    // After a seek the window may come a moment later: show it when it does.
    const arrived = (!shown || shown.t !== Math.max(0, playback.position)) && playback.timeline.stateAt(playback.position);
    if (arrived) update(true);
  }
  if (!shown) return;
  // The renderer's state: the replayed members at the recording's own clock, drawn as live lines.
  const state = { members: shown.members, lastPulse: shown.lastPulse, status: Status.ACTIVE, you: null, highlight: null };
  render(ctx, state, playback.timeline.header.startedAt + playback.position, size, { reducedMotion: reducedMotion.matches });
}

wireControls();
installHelp(document, REPLAY_KEYS);
onThemeChange(() => { if (playback) showDensity(); });
requestAnimationFrame(frame);
start();
