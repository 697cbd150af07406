// The teaching panel: every handshake and message step, as the terminal's --trace prints it.
// Public values only; secret keys stay inside WebCrypto.
import { hex } from '../wire/bytes.js';
import { el, $ } from './dom.js';

const MAX_STEPS = 400;
/** Secrets the handshake derives: named in the panel, never shown (the terminal's --trace shows them, on request). */
const SECRET = new Set(['prk', 'i2r key', 'r2i key', 'root key', 'root key before', 'i2r chain key', 'r2i chain key',
  'chain key', 'message key', 'secret']);

/** Long values (ML-KEM keys are 1184 bytes) are cut to their first 48 bytes: enough to compare. */
const show = (value) => (value instanceof Uint8Array
  ? `${hex(value.subarray(0, 48))}${value.length > 48 ? '…' : ''} (${value.length} bytes)` : String(value));

export class TracePanel {
  constructor() {
    this.node = $('#trace');
  }

  step(self, peer, step, purpose, values) {
    const lines = Object.entries(values ?? {}).map(([k, v]) => el('div', { class: 'values' }, `${k} = ${SECRET.has(k) ? '(secret, not shown)' : show(v)}`));
    this.node.append(el('li', { 'data-step': step }, el('span', { class: 'step' }, `${self} → ${peer} · ${step}`), ' ', purpose, lines));
    while (this.node.childElementCount > MAX_STEPS) this.node.firstElementChild.remove();
  }
}
