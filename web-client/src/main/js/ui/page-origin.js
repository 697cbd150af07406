// Where the page came from, and so where its relay is: the same host and port, at /relay.
// Plain http from a non-loopback host means the page itself could have been changed in transit.
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

export const isLoopback = (hostname) => LOOPBACK.test(hostname);

export function relayUrl(location) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/relay`;
}

export const needsTransportWarning = (location) => location.protocol === 'http:' && !isLoopback(location.hostname);
