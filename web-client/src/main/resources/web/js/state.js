// The page's state and the one reducer that changes it. Protocol events (as on the wire) and the
// page's own `client/*` actions go in; a new frozen state comes out, or the same object when nothing
// changed. No DOM, no socket, no clock: the local time comes in as an argument.

const EMPTY = Object.freeze([]);
const NO_PULSES = Object.freeze({});

/** Statuses the page shows; `active` and `waiting` are the server's, the rest the connection's. */
export const Status = Object.freeze({
  CONNECTING: 'connecting',
  ACTIVE: 'active',
  WAITING: 'waiting',
  RECONNECTING: 'reconnecting',
  DISCONNECTED: 'disconnected',
});

export function initialState({ space = 'lobby', name = '' } = {}) {
  return Object.freeze({
    space,
    name,
    status: Status.CONNECTING,
    position: 0,
    you: null,
    members: EMPTY,
    waiting: 0,
    capacity: 0,
    limits: null,
    // memberId -> {at: server time, strength}; only a member's latest pulse counts.
    lastPulse: NO_PULSES,
    welcomed: false,
    promotedAt: null,
    retryAt: null,
    closeCode: null,
    closeReason: null,
    announce: null,
    notice: null,
    clockOffset: 0,
    highlight: null,
  });
}

/** Applies one event or action; `now` is the local time in ms (for transient texts). */
export function reduce(state, event, now = 0) {
  if (!event || typeof event !== 'object') return state;
  const handler = HANDLERS[event.type];
  return handler ? handler(state, event, now) : state;
}

/** The read-only view published as `window.heartbeat`: `lastPulse` maps member id to server time. */
export function publicView(state) {
  const lastPulse = {};
  for (const [id, pulse] of Object.entries(state.lastPulse)) lastPulse[id] = pulse.at;
  return Object.freeze({
    status: state.status,
    position: state.position,
    you: state.you,
    members: state.members,
    waiting: state.waiting,
    lastPulse: Object.freeze(lastPulse),
  });
}

function with_(state, changes) {
  return Object.freeze({ ...state, ...changes });
}

const HANDLERS = {
  welcome(state, e, now) {
    const you = member(e.you);
    if (!you) return state;
    const members = memberList(e.members);
    const active = e.status === Status.ACTIVE;
    return with_(state, {
      space: typeof e.space === 'string' ? e.space : state.space,
      status: active ? Status.ACTIVE : Status.WAITING,
      position: active ? 0 : count(e.position),
      you,
      members: active ? withMember(members, you) : without(members, you.id),
      waiting: count(e.waiting),
      capacity: count(e.capacity),
      limits: e.limits && typeof e.limits === 'object' ? Object.freeze({ ...e.limits }) : state.limits,
      // A resumed line keeps the pulses still fading on screen; lines that left lose theirs.
      lastPulse: keepPulsesOf(state.lastPulse, members),
      welcomed: true,
      promotedAt: null,
      retryAt: null,
      closeCode: null,
      closeReason: null,
    });
  },

  join(state, e) {
    const m = member(e.member);
    if (!m) return state;
    const changes = { members: withMember(state.members, m) };
    if (state.you && m.id === state.you.id) changes.you = m;
    return with_(state, changes);
  },

  leave(state, e) {
    if (typeof e.id !== 'string' || !state.members.some((m) => m.id === e.id)) return state;
    const { [e.id]: _gone, ...lastPulse } = state.lastPulse;
    return with_(state, {
      members: without(state.members, e.id),
      lastPulse: Object.freeze(lastPulse),
      highlight: state.highlight === e.id ? null : state.highlight,
    });
  },

  rename(state, e) {
    const m = member(e.member);
    if (!m) return state;
    const changes = {};
    if (state.members.some((x) => x.id === m.id)) changes.members = withMember(state.members, m);
    if (state.you && state.you.id === m.id) changes.you = m;
    return Object.keys(changes).length ? with_(state, changes) : state;
  },

  pulse(state, e) {
    if (typeof e.id !== 'string' || !state.members.some((m) => m.id === e.id)) return state;
    if (!Number.isFinite(e.at)) return state;
    return withPulse(state, e.id, e.at, e.strength);
  },

  status(state, e, now) {
    if (!state.you) return state;
    if (e.status === Status.ACTIVE) {
      return with_(state, {
        status: Status.ACTIVE,
        position: 0,
        members: withMember(state.members, state.you),
        promotedAt: state.status === Status.WAITING ? now : state.promotedAt,
      });
    }
    if (e.status === Status.WAITING) {
      return with_(state, {
        status: Status.WAITING,
        position: count(e.position),
        members: without(state.members, state.you.id),
        promotedAt: null,
      });
    }
    return state;
  },

  waiting(state, e) {
    return Number.isFinite(e.count) ? with_(state, { waiting: count(e.count) }) : state;
  },

  announce(state, e, now) {
    if (typeof e.text !== 'string' || !e.text.trim()) return state;
    const seq = state.announce ? state.announce.seq + 1 : 1;
    return with_(state, { announce: Object.freeze({ text: e.text, at: now, seq }) });
  },

  error(state, e, now) {
    const code = typeof e.code === 'string' ? e.code : 'unknown';
    const message = typeof e.message === 'string' ? e.message : '';
    return with_(state, { notice: Object.freeze({ code, message, at: now }) });
  },

  batch(state, e, now) {
    if (!Array.isArray(e.events)) return state;
    // A batch inside a batch is not in the contract; nesting is refused rather than recursed into.
    return e.events.reduce((s, inner) => (inner && inner.type === 'batch' ? s : reduce(s, inner, now)), state);
  },

  'client/connecting'(state) {
    return with_(state, {
      status: state.welcomed ? Status.RECONNECTING : Status.CONNECTING,
      retryAt: null,
    });
  },

  'client/closed'(state, e) {
    const retryAt = Number.isFinite(e.retryAt) ? e.retryAt : null;
    return with_(state, {
      status: retryAt == null ? Status.DISCONNECTED : Status.RECONNECTING,
      retryAt,
      closeCode: Number.isFinite(e.code) ? e.code : null,
      closeReason: typeof e.reason === 'string' ? e.reason : null,
      promotedAt: null,
    });
  },

  'client/clock'(state, e) {
    return Number.isFinite(e.offset) && e.offset !== state.clockOffset ? with_(state, { clockOffset: e.offset }) : state;
  },

  // The viewer's own pulse shows at once, stamped with the local estimate of server time.
  'client/pulse'(state, e) {
    if (state.status !== Status.ACTIVE || !state.you || !Number.isFinite(e.at)) return state;
    return withPulse(state, state.you.id, e.at, e.strength);
  },

  'client/rename'(state, e) {
    if (typeof e.name !== 'string' || !e.name) return state;
    const changes = { name: e.name };
    if (state.you) {
      const renamed = Object.freeze({ ...state.you, name: e.name });
      changes.you = renamed;
      if (state.members.some((m) => m.id === renamed.id)) changes.members = withMember(state.members, renamed);
    }
    return with_(state, changes);
  },

  'client/highlight'(state, e) {
    const id = typeof e.id === 'string' && state.members.some((m) => m.id === e.id) ? e.id : null;
    return id === state.highlight ? state : with_(state, { highlight: id });
  },

  'client/notice'(state, e, now) {
    return HANDLERS.error(state, e, now);
  },

  'client/dismiss-announce'(state) {
    return state.announce ? with_(state, { announce: null }) : state;
  },
};

function withPulse(state, id, at, strength) {
  const s = Number.isFinite(strength) && strength > 0 ? Math.min(strength, 1) : 1;
  return with_(state, { lastPulse: Object.freeze({ ...state.lastPulse, [id]: Object.freeze({ at, strength: s }) }) });
}

/** A member as the page keeps it: known fields only, frozen; null when the id is missing. */
function member(raw) {
  if (!raw || typeof raw !== 'object' || typeof raw.id !== 'string' || !raw.id) return null;
  const hue = Number.isFinite(raw.hue) ? ((Math.round(raw.hue) % 360) + 360) % 360 : 0;
  const phase = Number.isFinite(raw.phase) ? Math.min(1, Math.max(0, raw.phase)) : 0;
  return Object.freeze({ id: raw.id, name: typeof raw.name === 'string' ? raw.name : '', hue, phase });
}

function memberList(raw) {
  if (!Array.isArray(raw)) return EMPTY;
  return raw.reduce((list, r) => {
    const m = member(r);
    return m ? withMember(list, m) : list;
  }, EMPTY);
}

/** `list` with `m` in it: replaces the member with the same id in place, or appends. */
function withMember(list, m) {
  const index = list.findIndex((x) => x.id === m.id);
  if (index < 0) return Object.freeze([...list, m]);
  if (list[index] === m) return list;
  const copy = [...list];
  copy[index] = m;
  return Object.freeze(copy);
}

function without(list, id) {
  return list.some((m) => m.id === id) ? Object.freeze(list.filter((m) => m.id !== id)) : list;
}

function keepPulsesOf(lastPulse, members) {
  const kept = {};
  for (const m of members) if (lastPulse[m.id]) kept[m.id] = lastPulse[m.id];
  return Object.freeze(kept);
}

function count(value) {
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}
