// #members: one element per member with data-name, data-state, data-safety-code, and the actions
// that go with its state (safety number, mark verified, accept a changed key).
import { el, $ } from './dom.js';

const LABELS = {
  handshaking: 'handshaking', secure: 'secure', verified: 'verified', 'key-changed': 'key changed', refused: 'refused',
};

export class MemberList {
  constructor({ onSafetyNumber, onVerify, onAccept }) {
    this.node = $('#members');
    this.actions = { onSafetyNumber, onVerify, onAccept };
  }

  render(members) {
    this.node.replaceChildren(...members.map((m) => this.item(m)));
    if (!members.length) this.node.append(el('li', { class: 'empty' }, 'Nobody else is here yet.'));
  }

  item(m) {
    const { onSafetyNumber, onVerify, onAccept } = this.actions;
    const secured = m.state === 'secure' || m.state === 'verified' || m.state === 'key-changed';
    return el('li', { 'data-name': m.name, 'data-state': m.state, 'data-safety-code': m.safetyCode || '' },
      el('div', { class: 'who' }, el('span', {}, m.name), el('span', { class: 'state' }, LABELS[m.state] ?? m.state)),
      el('div', { class: 'suite' }, m.suite ? m.suite.id : 'negotiating the suite…'),
      m.safetyCode ? el('div', { class: 'code', title: 'safety code of this session' }, m.safetyCode) : null,
      m.state === 'key-changed'
        ? el('div', { class: 'detail' }, `Identity key CHANGED. ${m.held} message(s) held. Compare the safety number before accepting.`)
        : null,
      m.state === 'refused' && m.failure ? el('div', { class: 'detail' }, m.failure) : null,
      secured ? el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'small secondary', 'data-action': 'safety-number', onclick: () => onSafetyNumber(m) }, 'Safety number'),
        m.state === 'secure' ? el('button', { type: 'button', class: 'small', 'data-action': 'verify', onclick: () => onVerify(m) }, 'Mark verified') : null,
        m.state === 'key-changed' ? el('button', { type: 'button', class: 'small danger', 'data-action': 'accept-key', onclick: () => onAccept(m) }, 'Accept new key') : null,
      ) : null);
  }
}
