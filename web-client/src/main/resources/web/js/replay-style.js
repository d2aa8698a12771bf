// The replay page's own look, on top of the live page's app.css. A constructed stylesheet, so the
// page needs no inline style under the server's Content-Security-Policy.

const CSS = `
.replay-controls {
  position: fixed; left: var(--gap); right: var(--gap); bottom: var(--gap);
  display: flex; flex-direction: column; gap: 8px; padding: 10px 12px;
}
.replay-row { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; }
.replay-row label { display: inline-flex; align-items: center; gap: 6px; color: var(--muted); }
.replay-time { margin-left: auto; font-variant-numeric: tabular-nums; }
.replay-seek { position: relative; height: 32px; }
.replay-seek canvas { position: absolute; left: 0; right: 0; top: 0; width: 100%; height: 22px; pointer-events: none; }
.replay-seek input[type=range] { position: absolute; left: 0; right: 0; bottom: 0; width: 100%; margin: 0; accent-color: var(--accent); }
.replay-open { position: fixed; left: 50%; top: 50%; transform: translate(-50%, -50%); max-width: min(560px, 92vw); padding: 16px 20px; }
.replay-open h2 { margin-top: 0; font-size: 1.1rem; }
.replay-open ul { max-height: 40vh; overflow: auto; padding-left: 1.2em; }
.replay-open a { color: var(--focus); }
.replay-file { display: flex; flex-direction: column; gap: 6px; }
.replay-hint { color: var(--muted); }
#members li { border-left: 4px solid hsl(var(--hue, 0) 80% 60%); padding-left: 6px; list-style: none; }
#stage { cursor: default; }
#export-link { color: var(--focus); }
body[data-status="error"] #status { color: var(--accent); }
`;

export function installStyle(doc) {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
}
