// The live page's rewind bar and keys: a seek bar over the space's recording with the present at its
// right end, play/pause and speed while looking back, "Go live", and a link to the moment shown.
// It reads the Rewind and calls it; the page draws what Rewind.frame returns.

import { SEEK_STEP_MS, formatTime, searchWithTime } from './replay-playback.js';
import { drawDensity } from './density-strip.js';
import { stripColours } from './palette.js';

// Keys of a form field keep their own meaning; a range input's arrows move it (and so seek).
const FIELDS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);
const DENSITY_EVERY_MS = 2_000;

/** @param handlers.onChange() called after anything the user did here changed the mode or the moment */
export function createRewindBar(doc, rewind, { onChange, onNotice }) {
  const $ = (id) => doc.getElementById(id);
  const bar = $('rewind');
  const play = $('rewind-play');
  const speed = $('rewind-speed');
  const seek = $('rewind-seek');
  const time = $('rewind-time');
  const goLive = $('go-live');
  const share = $('rewind-share');
  let dragging = false;
  let densityAt = -Infinity;

  const act = async (change) => {
    const result = await change();
    if (result === false && rewind.problem) onNotice(rewind.problem);
    onChange();
  };

  play.addEventListener('click', () => act(() => rewind.playback?.toggle()));
  speed.addEventListener('change', () => act(() => rewind.playback?.setSpeed(Number(speed.value))));
  goLive.addEventListener('click', () => act(() => rewind.goLive()));
  seek.addEventListener('input', () => act(() => rewind.seek(Number(seek.value))));
  seek.addEventListener('pointerdown', () => { dragging = true; });
  for (const end of ['pointerup', 'pointercancel']) doc.defaultView.addEventListener(end, () => { dragging = false; });
  bar.addEventListener('submit', (e) => e.preventDefault());
  share.addEventListener('click', async () => {
    if (!rewind.rewinding) return;
    const url = `${doc.location.origin}/replay/${encodeURIComponent(rewind.recording.id)}${searchWithTime('', rewind.playback.position)}`;
    try {
      await doc.defaultView.navigator.clipboard.writeText(url);
      onNotice('Link to this moment copied');
    } catch {
      onNotice(url);
    }
  });

  doc.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target;
    if (target && (FIELDS.has(target.tagName) || target.isContentEditable || target.closest?.('#members'))) return;
    const p = rewind.playback;
    const keys = {
      ArrowLeft: () => (e.shiftKey && p ? p.previousBurst() : rewind.back()),
      ArrowRight: () => p && (e.shiftKey ? p.nextBurst() : rewind.seek(p.position + SEEK_STEP_MS)),
      End: () => rewind.goLive(),
      Home: () => rewind.seek(0),
      k: () => p?.toggle(),
      '+': () => p?.faster(),
      '-': () => p?.slower(),
    };
    const action = keys[e.key];
    if (!action || (!rewind.recording && e.key !== 'ArrowLeft')) return;
    e.preventDefault();
    act(action);
  });

  return {
    /** Shows the bar once the space's recording is known; cheap when nothing changed. */
    show(localNow) {
      bar.hidden = !rewind.recording;
      doc.body.dataset.mode = rewind.mode;
      if (!rewind.recording) return;
      const edge = rewind.edge;
      const p = rewind.playback;
      seek.max = String(Math.round(edge));
      if (!dragging) seek.value = String(Math.round(p ? p.position : edge));
      const text = p ? `${formatTime(p.position)} · ${formatTime(edge - p.position)} ago` : 'Live';
      if (time.value !== text) time.value = text;
      seek.setAttribute('aria-valuetext', text);
      play.hidden = !p;
      $('rewind-speed-label').hidden = !p;
      share.hidden = !p;
      goLive.disabled = !p;
      if (p) {
        const label = p.playing ? 'Pause' : 'Play';
        if (play.textContent !== label) play.textContent = label;
        play.setAttribute('aria-pressed', String(p.playing));
        if (speed.value !== String(p.speed)) speed.value = String(p.speed);
      }
      if (localNow - densityAt > DENSITY_EVERY_MS) {
        densityAt = localNow;
        const o = rewind.recording.overview;
        const reach = o && edge > 0 ? Math.min(1, o.duration / edge) : 1;
        drawDensity($('rewind-density'), rewind.recording.density(), rewind.recording.bursts ?? [], edge, stripColours(), reach);
      }
    },
  };
}
