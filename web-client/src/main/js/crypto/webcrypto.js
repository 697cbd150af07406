// The browser's WebCrypto. Pages served over plain http from a non-loopback host have none
// (not a secure context): say so in one line instead of failing later with a TypeError.
export function subtle() {
  const s = globalThis.crypto?.subtle;
  if (!s) {
    throw new Error('this page has no WebCrypto (not a secure context): open it over https, or from 127.0.0.1');
  }
  return s;
}

export const randomBytes = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n));
