// What the page says, in words: the status line, close codes, refusals. Pure functions of state and
// the local time, so every text is tested under node and the DOM code only copies strings.

import { Status } from './state.js';

/** How long "promoted" stays in the status line before it settles to the active text. */
export const PROMOTED_MS = 6_000;
/** How long an announce banner and a refusal notice stay up. */
export const ANNOUNCE_MS = 10_000;
export const NOTICE_MS = 4_000;

// The contract's close codes, named and worded as dev.heartbeat.protocol.message.CloseCode does;
// shared-protocol's close/close-codes.json, written from the Java enum, is checked against both.
export const CloseCode = Object.freeze({
  NORMAL: 1000,
  GOING_AWAY: 1001,
  UNSUPPORTED_DATA: 1003,
  // Never on the wire: the browser reports 1006 when the connection died or was refused.
  LOST: 1006,
  INVALID_PAYLOAD: 1007,
  POLICY: 1008,
  TOO_BIG: 1009,
  SERVER_ERROR: 1011,
  // One code for a viewer that could not keep up and for a server too busy (spaces, cluster store).
  TRY_AGAIN_LATER: 1013,
  REPLACED: 4001,
  SPACE_FULL: 4002,
});

const CLOSE_WORDS = Object.freeze({
  [CloseCode.NORMAL]: 'closed',
  [CloseCode.GOING_AWAY]: 'the server is shutting down',
  [CloseCode.UNSUPPORTED_DATA]: 'binary frames are not accepted',
  [CloseCode.LOST]: 'the connection was lost',
  [CloseCode.INVALID_PAYLOAD]: 'the message was not valid UTF-8',
  [CloseCode.POLICY]: 'refused by server policy',
  [CloseCode.TOO_BIG]: 'a message was too big',
  [CloseCode.SERVER_ERROR]: 'the server hit an error',
  [CloseCode.TRY_AGAIN_LATER]: 'try again later: the server is busy or the connection could not keep up',
  [CloseCode.REPLACED]: 'replaced by a newer connection (this space is open in another window or tab)',
  [CloseCode.SPACE_FULL]: 'the space and its queue are full',
});

export function closeWords(code) {
  return CLOSE_WORDS[code] ?? `closed with code ${code}`;
}

/** The status line for `state` at local time `now`. */
export function statusLine(state, now) {
  switch (state.status) {
    case Status.CONNECTING:
      return `Connecting to ${state.space}…`;
    case Status.ACTIVE:
      if (state.promotedAt != null && now - state.promotedAt < PROMOTED_MS) {
        return 'Promoted — you have a line now. Click, tap or press Space to pulse';
      }
      return 'Active — click, tap or press Space to pulse';
    case Status.WAITING:
      return `#${state.position} in line — watching`;
    case Status.RECONNECTING: {
      const reason = state.closeReason ? ` (${state.closeReason})` : '';
      if (state.retryAt == null) return `Reconnecting…${reason}`;
      const seconds = Math.max(1, Math.ceil((state.retryAt - now) / 1000));
      return `Reconnecting in ${seconds} s${reason}`;
    }
    case Status.DISCONNECTED:
      return `Disconnected: ${state.closeReason || 'closed'}`;
    default:
      return '';
  }
}

/**
 * What the screen reader hears: the status line, but only when its meaning changes (not on every
 * tick of a countdown). Returns a key that changes exactly when a new announcement is due.
 */
export function statusKey(state, now) {
  const promoted = state.status === Status.ACTIVE && state.promotedAt != null && now - state.promotedAt < PROMOTED_MS;
  return [state.status, state.position, promoted, state.closeCode, state.retryAt == null].join('|');
}

/** Words for the presence summary: "3 here · 2 waiting". */
export function presenceSummary(state) {
  const here = state.members.length;
  const waiting = state.waiting === 0 ? 'nobody waiting' : `${state.waiting} waiting`;
  return `${here} here · ${waiting}`;
}

/** The transient notice for a refusal, or null once it has expired. */
export function noticeText(state, now) {
  const notice = state.notice;
  if (!notice || now - notice.at >= NOTICE_MS) return null;
  switch (notice.code) {
    case 'rate-limited': {
      const perSecond = state.limits?.pulsesPerSecond;
      return perSecond ? `Easy — at most ${perSecond} pulses a second` : 'Easy — too many pulses';
    }
    case 'not-active':
      return state.status === Status.WAITING
        ? `You can pulse once you have a line — you are #${state.position} in line`
        : 'You can pulse once you have a line';
    case 'too-big':
      return 'That message was too big for the server';
    case 'bad-message':
      return 'The server did not understand a message';
    default:
      return notice.message || `The server refused a message (${notice.code})`;
  }
}

/** The announce banner's text while it is showing, else null. */
export function announceText(state, now) {
  const a = state.announce;
  return a && now - a.at < ANNOUNCE_MS ? a.text : null;
}
