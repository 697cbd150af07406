// Bodies of the relay's frames (PROTOCOL.md §3).
import { Reader } from './bytes.js';

export function parseMembers(body) {
  const r = new Reader(body);
  const count = r.u16('member count');
  const names = [];
  for (let i = 0; i < count; i++) names.push(r.str8('member name'));
  r.expectEnd('WELCOME');
  return names;
}

export function parseName(body, what) {
  const r = new Reader(body);
  const name = r.str8('name');
  r.expectEnd(what);
  return name;
}

export function parseError(body) {
  const r = new Reader(body);
  const fatal = r.u8('fatal flag') !== 0;
  const reason = r.str16('reason');
  r.expectEnd('ERROR');
  return { fatal, reason };
}

export function parseNotice(body) {
  const r = new Reader(body);
  const text = r.str16('notice');
  r.expectEnd('NOTICE');
  return text;
}

export function expectEmpty(body, what) {
  new Reader(body).expectEnd(what);
}
