// Names and rooms (PROTOCOL.md §2): 1 to 32 bytes of UTF-8, no white space, control or format
// characters, no '/' or '\', and not '.' or '..'. Returns the problem as one line, or null when the name is fine.
import { utf8 } from './bytes.js';

export const MAX_NAME_BYTES = 32;

const FORBIDDEN = /[\p{White_Space}\p{Cc}\p{Cf}\p{Zs}\p{Zl}\p{Zp}/\\]/u;

export function nameProblem(what, name) {
  if (!name) return `${what} must not be empty`;
  if (utf8(name).length > MAX_NAME_BYTES) return `${what} '${name}' is longer than ${MAX_NAME_BYTES} bytes`;
  if (name === '.' || name === '..') return `${what} may not be '${name}'`;
  if (FORBIDDEN.test(name)) return `${what} '${name}' may not contain spaces, control characters or slashes`;
  return null;
}
