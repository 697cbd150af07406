// Your identity per name: generated once in this browser as a non-extractable Ed25519 key, kept in
// IndexedDB. Script can sign with it but never read it, so a later XSS cannot copy it out.
import { generateIdentity } from '../crypto/ed25519.js';
import * as db from './database.js';

export async function loadOrCreateIdentity(name) {
  const stored = await db.get('identities', name);
  if (stored?.privateKey && stored.publicKey?.length === 32) return { ...stored, created: false };
  const identity = await generateIdentity();
  await db.put('identities', name, { privateKey: identity.privateKey, publicKey: identity.publicKey, created: new Date().toISOString() });
  return { ...identity, created: true };
}
