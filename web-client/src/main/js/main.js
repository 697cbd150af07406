// The page: the join form, then the chat. Wires the engine's events to the log, the member list
// and the teaching panel. Nothing here touches a key; the engine and WebCrypto do.
import { nameProblem } from './wire/names.js';
import { DEFAULT_PREFERENCE, SUITES, parsePreference } from './crypto/suites.js';
import { loadOrCreateIdentity } from './identity/identity-store.js';
import { ChatEngine } from './client/chat-engine.js';
import { safetyNumber } from './handshake/safety.js';
import { ChatLog } from './ui/chat-log.js';
import { MemberList } from './ui/member-list.js';
import { TracePanel } from './ui/trace-panel.js';
import { needsTransportWarning, relayUrl } from './ui/page-origin.js';
import { el, $ } from './ui/dom.js';

const params = new URLSearchParams(location.search);
$('#suite').value = params.get('suite') ?? DEFAULT_PREFERENCE;
if (params.get('name')) $('#name').value = params.get('name');
if (params.get('room')) $('#room').value = params.get('room');
if (params.get('session')) $('#session').value = params.get('session');
$('#suite-list').append(...SUITES.map((s) => el('option', { value: s.alias }, s.id)));
const warnAboutTransport = needsTransportWarning(location);
$('#transport-warning').hidden = !warnAboutTransport;

$('#join-form').addEventListener('submit', (event) => {
  event.preventDefault();
  join().catch((e) => {
    $('#join-error').textContent = e.message;
    $('#join').disabled = false;
  });
});

async function join() {
  const name = $('#name').value.trim();
  const room = $('#room').value.trim();
  const problem = nameProblem('name', name) ?? nameProblem('room', room);
  if (problem) throw new Error(problem);
  const suites = parsePreference($('#suite').value);
  const session = $('#session').value;
  if (!session) throw new Error(`unknown session type '${params.get('session')}'; use ratchet (the default) or static`);
  if (warnAboutTransport && !$('#accept-http').checked) {
    throw new Error('Not joined: this page came over plain http from another host and could have been changed in transit. '
      + 'Use https, or tick "I understand the risk" above.');
  }
  $('#join').disabled = true;
  $('#join-error').textContent = '';
  const identity = await loadOrCreateIdentity(name);
  const ui = new ChatView(name, room);
  const engine = new ChatEngine({ name, room, suites, session, url: relayUrl(location), identity, listener: ui.listener() });
  ui.engine = engine;
  await engine.start();
  if (identity.created) ui.log.status(`New identity key for ${name}, kept in this browser (it cannot be exported)`);
  $('#join-form').hidden = true;
  $('#chat').hidden = false;
  $('#whoami').textContent = `${name} in ${room} · ${suites.map((s) => s.alias).join(', ')} · ${session} sessions`;
  $('#message').disabled = false;
  $('#send').disabled = false;
  $('#message').focus();
  document.title = `${name} · ${room} · BlindRelay`;
}

class ChatView {
  constructor(name, room) {
    this.name = name;
    this.room = room;
    this.log = new ChatLog(name);
    this.trace = new TracePanel();
    this.members = new MemberList({
      onSafetyNumber: (m) => this.showSafetyNumber(m),
      onVerify: (m) => this.engine.markVerified(m.name).then((ok) => ok && this.log.status(`${m.name} marked verified`)),
      onAccept: (m) => this.engine.acceptNewKey(m.name).then((ok) => ok && this.log.status(`New key of ${m.name} accepted`)),
    });
    $('#send-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.send();
    });
  }

  send() {
    const input = $('#message');
    const text = input.value;
    if (!text.trim()) return;
    input.value = '';
    const direct = /^\/msg\s+(\S+)\s+([\s\S]+)$/.exec(text);
    if (direct) {
      this.engine.sendDirect(direct[1], direct[2]).then((id) => id !== null && this.log.ownMessage(id, direct[2], direct[1]));
    } else {
      this.engine.sendText(text).then((id) => id !== null && this.log.ownMessage(id, text));
    }
  }

  async showSafetyNumber(member) {
    const number = await safetyNumber(this.name, this.engine.identity.publicKey, member.name, member.peerIdentity);
    $('#safety-peer').textContent = member.name;
    $('#safety-number').textContent = number;
    $('#safety-dialog').showModal();
  }

  listener() {
    const log = this.log;
    return {
      connection: (state) => {
        const chip = $('#connection');
        chip.dataset.state = state;
        chip.textContent = { online: 'connected', connecting: 'connecting…', offline: 'offline' }[state];
      },
      status: (text) => log.status(text),
      warning: (text) => log.warning(text, /CHANGED|tampered|forged|replayed|reflected/.test(text)),
      notice: (text) => log.status(`relay: ${text}`),
      joined: (room, members, first) => log.status(first
        ? `Joined room '${room}' with ${members.length ? members.join(', ') : 'nobody else yet'}`
        : `Reconnected to room '${room}'`),
      peerJoined: (name) => log.status(`${name} joined`),
      peerLeft: (name) => log.status(`${name} left`),
      disconnected: (reason) => log.warning(`Disconnected: ${reason}`),
      secured: (peer, code, trust) => {
        log.status(`[SUCCESS] Secure Channel Established! with ${peer} · safety code ${code}`);
        if (trust === 'mismatch') {
          log.warning(`WARNING: ${peer}'s identity key CHANGED since you last talked. Someone may be impersonating ${peer}. `
            + `Nothing will be sent to ${peer} until you compare the safety number and accept the new key.`, true);
        }
      },
      message: ({ from, text, direct, at }) => log.chat(from, text, at, direct),
      delivered: (peer, id) => log.delivered(peer, id),
      notDelivered: (peer, id, reason) => log.warning(`message not delivered to ${peer}: ${reason}`),
      membersChanged: () => this.members.render(this.engine?.members() ?? []),
      trace: (peer, step, purpose, values) => this.trace.step(this.name, peer, step, purpose, values),
    };
  }
}
