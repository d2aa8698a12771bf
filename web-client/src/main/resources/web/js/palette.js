// The two looks, dark and light, that the live page, the player and the desktop viewer all draw with;
// the system's preference (prefers-color-scheme) picks one. The numbers are shared-protocol's
// dev.heartbeat.protocol.wave.Palette, checked by a node test against wave/palette.json.

export const PALETTES = Object.freeze({
  dark: Object.freeze({
    background: '#0b0e14',
    text: '#e8ebf2',
    quiet: '#9aa3b5',
    densityBars: 'rgba(255, 90, 122, 0.75)',
    saturation: 85,
    // A member's line: lightness at rest, and how much a pulse (glow 0..1) adds.
    lineLightness: 62,
    lineGlow: 23,
    ownLightness: 78,
    ownGlow: 12,
    haloLightness: 70,
  }),
  light: Object.freeze({
    background: '#f5f6fa',
    text: '#1b1f2a',
    quiet: '#5d6577',
    densityBars: 'rgba(214, 40, 84, 0.75)',
    saturation: 80,
    lineLightness: 42,
    lineGlow: -14,
    ownLightness: 34,
    ownGlow: -8,
    haloLightness: 60,
  }),
});

export const THEMES = Object.freeze(Object.keys(PALETTES));

const lightQuery = globalThis.matchMedia ? globalThis.matchMedia('(prefers-color-scheme: light)') : null;

/** 'light' when the system asks for it, else 'dark' (the drawing's own look). */
export function systemTheme() {
  return lightQuery && lightQuery.matches ? 'light' : 'dark';
}

/** Calls `onChange(theme)` when the system's preference changes. */
export function onThemeChange(onChange) {
  lightQuery?.addEventListener('change', () => onChange(systemTheme()));
}

export function palette(theme = systemTheme()) {
  return PALETTES[theme] ?? PALETTES.dark;
}

/** Colours for a seek bar's density strip in the current look. */
export function stripColours(theme = systemTheme()) {
  const p = palette(theme);
  return { bars: p.densityBars, ticks: p.text };
}

/** A member's line colour (CSS) for its hue, lightness and opacity. */
export function hsl(p, hue, lightness, alpha = 1) {
  return `hsla(${hue}, ${p.saturation}%, ${lightness}%, ${alpha})`;
}
