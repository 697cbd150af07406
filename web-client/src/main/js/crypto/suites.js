// The suites this client speaks, by id and alias (PROTOCOL.md §11). A suite is a key agreement, a
// KDF and an AEAD; the handshake and the session only ever use these three objects.
import * as aesGcm from './aes-256-gcm.js';
import * as chacha from './chacha20-poly1305.js';
import * as hkdf from './hkdf-sha256.js';
import * as p256 from './p256.js';
import * as x25519 from './x25519.js';
import * as hybrid from './x25519-mlkem768.js';

const suite = (ka, aead, alias) => Object.freeze({ id: `${ka.id}_${hkdf.id}_${aead.id}`, alias, ka, kdf: hkdf, aead });

export const SUITES = Object.freeze([
  suite(p256, aesGcm, 'p256-aesgcm'),
  suite(x25519, chacha, 'x25519-chacha'),
  suite(hybrid, aesGcm, 'pq'),
]);

export const DEFAULT_PREFERENCE = 'p256-aesgcm, x25519-chacha, pq';

export function findSuite(idOrAlias) {
  const wanted = idOrAlias.trim();
  return SUITES.find((s) => s.id === wanted || s.alias === wanted.toLowerCase()) ?? null;
}

/** Parses the #suite field: ids or aliases separated by commas, in order of preference. */
export function parsePreference(text) {
  const items = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new Error('choose at least one suite: ' + SUITES.map((s) => s.alias).join(', '));
  const out = [];
  for (const item of items) {
    const found = findSuite(item);
    if (!found) {
      throw new Error(`unknown suite '${item}'; this page knows ${SUITES.map((s) => `${s.alias} (${s.id})`).join(', ')}`);
    }
    if (!out.includes(found)) out.push(found);
  }
  return out;
}
