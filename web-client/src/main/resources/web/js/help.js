// "?" opens a list of every keyboard shortcut of the page; "?" again, Escape or the button closes it.
// Built with DOM calls (no HTML strings), so it fits the server's Content-Security-Policy.

/** The live page's shortcuts, live and while looking back. */
export const LIVE_KEYS = Object.freeze([
  ['Space, Enter or a click', 'pulse your line (while looking back: play or pause)'],
  ['←', 'go back 5 s in this space (again: 5 s more)'],
  ['→', 'forward 5 s while looking back'],
  ['Shift+← / Shift+→', 'previous / next burst of pulses'],
  ['+ / −', 'faster / slower while looking back (0.25× to 8×)'],
  ['k', 'play or pause while looking back'],
  ['Home', 'the start of this space\'s recording'],
  ['End', 'go live: back to the present'],
  ['Escape', 'clear the highlight, dismiss an announcement'],
  ['?', 'this list'],
]);

/** The replay player's shortcuts. */
export const REPLAY_KEYS = Object.freeze([
  ['Space or k', 'play or pause'],
  ['← / →', 'back / forward 5 s'],
  ['Shift+← / Shift+→', 'previous / next burst of pulses'],
  ['+ / −', 'faster / slower (0.25× to 8×)'],
  ['Home / End', 'the start / the end'],
  ['?', 'this list'],
]);

export function installHelp(doc, keys) {
  const panel = doc.createElement('section');
  panel.id = 'help';
  panel.className = 'panel help';
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-labelledby', 'help-title');
  panel.hidden = true;
  const title = doc.createElement('h2');
  title.id = 'help-title';
  title.textContent = 'Keyboard shortcuts';
  const list = doc.createElement('dl');
  for (const [key, meaning] of keys) {
    const dt = doc.createElement('dt');
    const kbd = doc.createElement('kbd');
    kbd.textContent = key;
    dt.append(kbd);
    const dd = doc.createElement('dd');
    dd.textContent = meaning;
    list.append(dt, dd);
  }
  const close = doc.createElement('button');
  close.type = 'button';
  close.id = 'help-close';
  close.textContent = 'Close';
  panel.append(title, list, close);
  doc.body.append(panel);

  let before = null;
  const show = (open) => {
    if (panel.hidden === !open) return;
    panel.hidden = !open;
    if (open) {
      before = doc.activeElement;
      close.focus();
    } else if (before && before.focus) {
      before.focus();
    }
  };
  close.addEventListener('click', () => show(false));
  // Capture: while the list is open, its keys do nothing else on the page.
  doc.addEventListener('keydown', (e) => {
    const field = e.target && (e.target.tagName === 'INPUT' && e.target.type !== 'range' || e.target.tagName === 'TEXTAREA');
    if (e.key === '?' && !field) {
      e.preventDefault();
      e.stopImmediatePropagation();
      show(panel.hidden);
    } else if (!panel.hidden && e.key === 'Escape') {
      e.preventDefault();
      e.stopImmediatePropagation();
      show(false);
    }
  }, true);
  return { show };
}
