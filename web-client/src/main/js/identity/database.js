// One IndexedDB database for this origin: identities (a non-extractable Ed25519 CryptoKey per name)
// and pins (the identity key first seen for each peer, per own name: trust on first use).
const DB_NAME = 'blindrelay';
const VERSION = 1;

let opening = null;

export function database() {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore('identities');
      db.createObjectStore('pins');
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(new Error('cannot open the browser\'s key store (IndexedDB): ' + request.error));
  });
  return opening;
}

function done(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export async function get(store, key) {
  const db = await database();
  return done(db.transaction(store).objectStore(store).get(key));
}

export async function put(store, key, value) {
  const db = await database();
  return done(db.transaction(store, 'readwrite').objectStore(store).put(value, key));
}
