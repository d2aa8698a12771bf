// The page around the canvas: status line (and what screen readers hear), presence list, the
// join-another-space form, the announce banner, and the input that becomes pulses. It reads state
// and calls back; names always go in as text, never as HTML.

import { cleanName, isValidSpace } from './address.js';
import { Status } from './state.js';
import { announceText, noticeText, presenceSummary, statusKey, statusLine } from './words.js';

// Space and Enter keep their own meaning on these; everywhere else they pulse.
const INTERACTIVE = new Set(['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'A', 'SUMMARY']);

function isInteractive(target) {
  return !!target && (INTERACTIVE.has(target.tagName) || target.isContentEditable);
}

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

/**
 * Wires the page's elements. `handlers`: onPulse(), onHighlight(id|null), onJoin({space, name}),
 * onRetry(), onDismissAnnounce(), hitTest(x, y) -> id|null.
 */
export function createUi(doc, handlers, { space, name }) {
  const $ = (id) => doc.getElementById(id);
  const canvas = $('stage');
  const status = $('status');
  const live = $('status-live');
  const notice = $('notice');
  const retry = $('retry');
  const list = $('members');
  const summary = $('presence-summary');
  const banner = $('banner');
  const bannerText = $('banner-text');
  const form = $('join-form');
  const spaceInput = $('space-input');
  const nameInput = $('name-input');
  const items = new Map();
  // The list is one stop for Tab; arrow keys move within it (a roving tabindex), so a hundred
  // members do not stand between a keyboard user and the form.
  let current = null;
  let shown = { key: null, members: null, you: null, highlight: null, retryLabel: null };

  setText($('space-name'), space);
  doc.title = `Heartbeat · ${space}`; // several tabs on several spaces stay told apart
  spaceInput.value = space;
  nameInput.value = name;

  doc.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      handlers.onHighlight(null);
      handlers.onDismissAnnounce();
      return;
    }
    if (e.key !== ' ' && e.key !== 'Enter') return;
    if (e.ctrlKey || e.metaKey || e.altKey || isInteractive(e.target)) return;
    e.preventDefault(); // Space would scroll
    if (!e.repeat) handlers.onPulse();
  });

  canvas.addEventListener('pointerdown', (e) => {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    handlers.onPulse();
  });
  canvas.addEventListener('pointermove', (e) => {
    if (e.pointerType !== 'mouse') return; // a finger on the glass is a pulse, not a hover
    const rect = canvas.getBoundingClientRect();
    handlers.onHighlight(handlers.hitTest(e.clientX - rect.left, e.clientY - rect.top));
  });
  canvas.addEventListener('pointerleave', () => handlers.onHighlight(null));

  retry.addEventListener('click', () => handlers.onRetry());
  $('banner-close').addEventListener('click', () => handlers.onDismissAnnounce());

  spaceInput.addEventListener('input', () => spaceInput.setCustomValidity(''));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const wanted = spaceInput.value.trim().toLowerCase();
    if (!isValidSpace(wanted)) {
      spaceInput.setCustomValidity('1 to 32 characters: lower-case letters, digits and dashes, not starting with a dash');
      spaceInput.reportValidity();
      return;
    }
    handlers.onJoin({ space: wanted, name: cleanName(nameInput.value) });
  });

  function memberItem(id) {
    let li = items.get(id);
    if (!li) {
      li = doc.createElement('li');
      li.tabIndex = -1;
      li.dataset.id = id;
      const swatch = doc.createElement('span');
      swatch.className = 'swatch';
      swatch.setAttribute('aria-hidden', 'true');
      const label = doc.createElement('span');
      label.className = 'name';
      li.append(swatch, label);
      li.addEventListener('focus', () => {
        current = id;
        for (const other of items.values()) other.tabIndex = other === li ? 0 : -1;
        handlers.onHighlight(id);
      });
      li.addEventListener('blur', () => handlers.onHighlight(null));
      li.addEventListener('pointerenter', () => handlers.onHighlight(id));
      li.addEventListener('pointerleave', () => handlers.onHighlight(null));
      items.set(id, li);
    }
    return li;
  }

  function updatePresence(state) {
    const youId = state.you ? state.you.id : null;
    const wanted = state.members.map((m) => {
      const li = memberItem(m.id);
      const text = m.id === youId ? `${m.name || 'Anonymous'} (you)` : m.name || 'Anonymous';
      setText(li.lastChild, text);
      // CSSOM, not a style attribute: allowed under the server's Content-Security-Policy.
      li.firstChild.style.backgroundColor = `hsl(${m.hue}, 85%, 62%)`;
      li.classList.toggle('you', m.id === youId);
      li.classList.toggle('highlight', m.id === state.highlight);
      return li;
    });
    const keep = new Set(wanted);
    for (const [id, li] of items) {
      if (!keep.has(li)) {
        li.remove();
        items.delete(id);
      }
    }
    // Re-append only when the order differs: moving a focused item would take its focus away.
    const inOrder = wanted.length === list.children.length && wanted.every((li, i) => list.children[i] === li);
    if (!inOrder) list.append(...wanted);
    if (!items.has(current)) current = wanted.length ? wanted[0].dataset.id : null;
    for (const [id, li] of items) li.tabIndex = id === current ? 0 : -1;
  }

  list.addEventListener('keydown', (e) => {
    const order = [...list.children];
    const at = order.indexOf(doc.activeElement);
    if (at < 0) return;
    const to = { ArrowDown: at + 1, ArrowRight: at + 1, ArrowUp: at - 1, ArrowLeft: at - 1, Home: 0, End: order.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    order[Math.max(0, Math.min(order.length - 1, to))].focus();
  });

  return {
    /** Brings the page in line with `state` at local time `now`; cheap when nothing changed. */
    update(state, now) {
      doc.body.dataset.status = state.status;
      const line = statusLine(state, now);
      setText(status, line);
      const key = statusKey(state, now);
      if (key !== shown.key) {
        shown.key = key;
        setText(live, line);
      }

      const noticeLine = noticeText(state, now);
      notice.hidden = noticeLine == null;
      setText(notice, noticeLine ?? '');

      const canRetry = state.status === Status.DISCONNECTED ? state.closeCode != null : state.status === Status.RECONNECTING && state.retryAt != null;
      retry.hidden = !canRetry;
      setText(retry, state.status === Status.DISCONNECTED ? 'Join again' : 'Retry now');

      const announce = announceText(state, now);
      banner.hidden = announce == null;
      setText(bannerText, announce ?? '');

      if (state.members !== shown.members || state.you !== shown.you || state.highlight !== shown.highlight) {
        shown = { ...shown, members: state.members, you: state.you, highlight: state.highlight };
        updatePresence(state);
      }
      setText(summary, presenceSummary(state));
    },
  };
}
