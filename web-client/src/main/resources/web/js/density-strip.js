// The strip over a seek bar: pulse density as bars (a square root, so one busy minute does not flatten
// every other one) and a tick at each burst's start. Shared by the replay player and the live page.

/**
 * Draws `density` (pulse counts over [0, span] ms) and `bursts` onto `strip`, a canvas sized by CSS.
 * `reach` (0..1] is the share of the strip the counts cover: a live recording's grow past its overview.
 */
export function drawDensity(strip, density, bursts, span, { bars, ticks }, reach = 1) {
  const dpr = globalThis.devicePixelRatio || 1;
  const width = strip.clientWidth || 600;
  const height = strip.clientHeight || 24;
  strip.width = Math.round(width * dpr);
  strip.height = Math.round(height * dpr);
  const g = strip.getContext('2d');
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, width, height);
  if (!density.length) return;
  const most = Math.max(1, ...density);
  const covered = width * Math.min(1, Math.max(0, reach));
  g.fillStyle = bars;
  density.forEach((n, i) => {
    const h = n ? Math.max(1, Math.sqrt(n / most) * height) : 0;
    g.fillRect((i * covered) / density.length, height - h, Math.max(1, covered / density.length - 0.5), h);
  });
  g.fillStyle = ticks;
  const total = span || 1;
  for (const burst of bursts) g.fillRect((burst.start / total) * width, 0, 1.5, 4);
}
