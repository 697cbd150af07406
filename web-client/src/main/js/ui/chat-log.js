// #log: one element per line, with data-from (the sender) and data-kind (chat, status or warning).
import { el, $ } from './dom.js';

const time = (at) => at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export class ChatLog {
  constructor(self) {
    this.self = self;
    this.node = $('#log');
    this.own = new Map(); // message id -> {line, deliveredTo: Set}
  }

  add(kind, from, text, { own = false, direct = null, loud = false, at = new Date() } = {}) {
    const line = el('div', { class: `line${own ? ' own' : ''}${loud ? ' loud' : ''}`, 'data-kind': kind, 'data-from': from },
      kind === 'chat' ? el('span', { class: 'meta' }, `${own ? 'you' : from} · ${time(at)}`, direct ? el('span', { class: 'direct' }, direct) : null) : null,
      el('span', { class: 'text' }, kind === 'chat' ? text : `[${time(at)}] ${text}`));
    const stick = this.node.scrollHeight - this.node.scrollTop - this.node.clientHeight < 40;
    this.node.append(line);
    if (stick) this.node.scrollTop = this.node.scrollHeight;
    return line;
  }

  chat(from, text, at, direct) {
    return this.add('chat', from, text, { at, direct: direct ? 'only to you' : null });
  }

  ownMessage(id, text, to = null) {
    const line = this.add('chat', this.self, text, { own: true, direct: to ? `only to ${to}` : null });
    const ticks = el('span', { class: 'ticks', title: 'not delivered yet' }, '');
    line.querySelector('.meta').append(ticks);
    line.dataset.id = String(id);
    this.own.set(id, { line, ticks, deliveredTo: new Set() });
    return line;
  }

  /** A ✓ once a member acknowledged the message; the tooltip says who. */
  delivered(peer, id) {
    const entry = this.own.get(id);
    if (!entry) return;
    entry.deliveredTo.add(peer);
    entry.ticks.textContent = '✓';
    entry.ticks.title = `delivered to ${[...entry.deliveredTo].join(', ')}`;
    entry.line.dataset.delivered = [...entry.deliveredTo].join(',');
  }

  status(text) { return this.add('status', '', text); }
  warning(text, loud = false) { return this.add('warning', '', text, { loud }); }
}
