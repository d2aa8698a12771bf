// The heartbeat line's shape: an exact mirror of dev.heartbeat.protocol.wave.Waveform, specified in
// shared-protocol/waveform.md. Both are checked against the same golden vectors, so the browser and
// the desktop viewer draw the same picture at the same instant. Change neither without the other.

export const ROTATION_PERIOD_MS = 60_000;
export const PULSE_DECAY_MS = 900;
export const PULSE_DURATION_MS = 4_000;
export const TRAVEL_TURNS_PER_MS = 0.25 / 1_000;
export const IDLE_AMPLITUDE = 0.03;
export const PULSE_AMPLITUDE = 0.22;

// One P-QRS-T complex as Gaussians: amplitude, centre and width in turns.
const COMPLEX = Object.freeze([
  [0.12, -0.050, 0.010],
  [-0.15, -0.012, 0.004],
  [1.00, 0.000, 0.005],
  [-0.30, 0.012, 0.005],
  [0.25, 0.060, 0.016],
]);

/** The ring's resting radius, in units of half the smaller side of the drawing. */
export function baseRadius(phase) {
  return 0.45 + 0.4 * phase;
}

/** Where the line's heartbeat marker sits at server time `serverTimeMs`, in turns. */
export function marker(phase, serverTimeMs) {
  // Java's Math.floorMod: the remainder takes the divisor's sign, so times before 1970 still work.
  const mod = ((serverTimeMs % ROTATION_PERIOD_MS) + ROTATION_PERIOD_MS) % ROTATION_PERIOD_MS;
  return phase + mod / ROTATION_PERIOD_MS;
}

/** One heartbeat complex at `turns` from its centre (peak 1 at 0). */
export function beat(turns) {
  let sum = 0;
  for (const [amplitude, centre, width] of COMPLEX) {
    const z = (turns - centre) / width;
    sum += amplitude * Math.exp(-0.5 * z * z);
  }
  return sum;
}

/** `turns` folded into [-0.5, 0.5). */
export function wrap(turns) {
  return turns - Math.floor(turns + 0.5);
}

/** How strongly a pulse still shows `msSincePulse` after it; 0 once it has faded (or never pulsed). */
export function envelope(msSincePulse, strength) {
  if (!(msSincePulse >= 0 && msSincePulse < PULSE_DURATION_MS)) return 0;
  return strength * Math.exp(-msSincePulse / PULSE_DECAY_MS);
}

/**
 * The line's radius at `angleRadians` (screen angle, y down), in units of half the smaller side of
 * the drawing. `msSincePulse` is null or NaN when the member has not pulsed.
 */
export function radius(phase, serverTimeMs, angleRadians, msSincePulse, strength) {
  const u = wrap(angleRadians / (2 * Math.PI) - marker(phase, serverTimeMs));
  let shape = IDLE_AMPLITUDE * beat(u);
  const env = msSincePulse == null ? 0 : envelope(msSincePulse, strength);
  if (env > 0) {
    const travelled = msSincePulse * TRAVEL_TURNS_PER_MS;
    shape += PULSE_AMPLITUDE * env * (beat(wrap(u - travelled)) + beat(wrap(u + travelled)));
  }
  return baseRadius(phase) * (1 + shape);
}
