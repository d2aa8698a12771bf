// Where the page is and who the viewer is: the space from the URL path, the name from `?name=`,
// and the socket URL built from both. Pure functions of strings, so they are tested under node.

export const LOBBY = 'lobby';
export const SPACE_PATTERN = /^[a-z0-9][a-z0-9-]{0,31}$/;
export const MAX_NAME_LENGTH = 24;

/** True when the server would accept `space` (it refuses anything else with HTTP 400). */
export function isValidSpace(space) {
  return typeof space === 'string' && SPACE_PATTERN.test(space);
}

/**
 * The space a page path names: `/` (and `/index.html`) is the lobby, `/s/{space}` that space.
 * Returns null when the path names no valid space, so the page can say so instead of connecting.
 */
export function spaceFromPath(pathname) {
  if (pathname === '/' || pathname === '' || pathname === '/index.html') return LOBBY;
  const match = /^\/s\/([^/]+)\/?$/.exec(pathname);
  if (!match) return null;
  let space;
  try {
    space = decodeURIComponent(match[1]).toLowerCase();
  } catch {
    return null;
  }
  return isValidSpace(space) ? space : null;
}

// Java's Character.isWhitespace, which the server's String.strip() uses: separators except the
// non-breaking ones. Matching it keeps our optimistic rename equal to what the server will send.
const EDGE_SPACE = /^(?:(?![\u00A0\u2007\u202F])[\p{Zs}\p{Zl}\p{Zp}])+|(?:(?![\u00A0\u2007\u202F])[\p{Zs}\p{Zl}\p{Zp}])+$/gu;
const CONTROL_OR_FORMAT = /[\p{Cc}\p{Cf}]/gu;

function strip(text) {
  return text.replace(EDGE_SPACE, '');
}

/** A display name as the contract wants it: no control characters, trimmed, at most 24 characters. */
export function cleanName(raw) {
  if (raw == null) return '';
  const kept = strip(String(raw).replace(CONTROL_OR_FORMAT, ''));
  const codePoints = Array.from(kept);
  return codePoints.length <= MAX_NAME_LENGTH ? kept : strip(codePoints.slice(0, MAX_NAME_LENGTH).join(''));
}

/** The name asked for in the page's query string, cleaned; empty when none. */
export function nameFromSearch(search) {
  return cleanName(new URLSearchParams(search).get('name'));
}

/** The socket URL for `space` on the page's own origin (no request ever leaves it). */
export function socketUrl(location, space, { name = '', resume = '' } = {}) {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const query = new URLSearchParams();
  if (name) query.set('name', name);
  if (resume) query.set('resume', resume);
  const suffix = query.toString();
  return `${scheme}://${location.host}/ws/${encodeURIComponent(space)}${suffix ? `?${suffix}` : ''}`;
}

/** The page path that shows `space` with `name`; the lobby keeps its short address. */
export function pagePath(space, name = '') {
  const base = space === LOBBY ? '/' : `/s/${encodeURIComponent(space)}`;
  return name ? `${base}?${new URLSearchParams({ name })}` : base;
}
