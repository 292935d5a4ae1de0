import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { canonicalJson, chainEvent, GENESIS, hashEvent, verifyChain } from '../../server/domain/log.ts';
import type { LogEvent } from '../../server/protocol.ts';

/** A chain of n events as the store would hand it back (after a JSON round trip). */
function makeChain(n: number, prev?: LogEvent): LogEvent[] {
  const events: LogEvent[] = [];
  for (let i = 0; i < n; i++) {
    const at = new Date(Date.UTC(2024, 5, 15, 1, 0, i)).toISOString();
    const e = chainEvent(events.at(-1) ?? prev, {
      id: `e${i}`, at, kind: i % 2 ? 'visit:approved' : 'visit:created',
      visitId: `20240615-V${i}`, actor: i % 3 ? 'u1' : undefined, data: { n: i, ok: true, note: null },
    });
    events.push(e);
  }
  return JSON.parse(JSON.stringify(events));
}

test('the first event follows genesis; each next one follows its predecessor', () => {
  const [a, b] = makeChain(2);
  assert.is(a.seq, 1);
  assert.is(a.prevHash, GENESIS);
  assert.is(b.seq, 2);
  assert.is(b.prevHash, a.hash);
  assert.match(a.hash, /^[0-9a-f]{64}$/);
  assert.is(hashEvent(a), a.hash);
});

test('undefined members are left out, so the hash survives a store round trip', () => {
  const e = chainEvent(undefined, { id: 'x', at: '2024-06-15T00:00:00.000Z', kind: 'k', actor: undefined });
  assert.not.ok('actor' in e);
  assert.is(hashEvent(JSON.parse(JSON.stringify(e))), e.hash);
});

test('canonical JSON sorts keys at every depth', () => {
  assert.is(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: 'x' } }), '{"a":{"c":"x","d":[2,{"y":2,"z":1}]},"b":1}');
});

test('an untouched chain verifies', () => {
  assert.equal(verifyChain(makeChain(10)), { ok: true, count: 10 });
  assert.equal(verifyChain([]), { ok: true, count: 0 });
});

test('a slice of the chain verifies from the hash before it', () => {
  const chain = makeChain(10);
  assert.equal(verifyChain(chain.slice(4), chain[3].hash), { ok: true, count: 6 });
  assert.equal(verifyChain(chain.slice(4), chain[2].hash), { ok: false, at: 0, seq: 5, reason: 'missing' });
});

const edit = (fn: (e: LogEvent) => void) => (c: LogEvent[]) => { fn(c[4]); return c; };
const rehash = (fn: (e: LogEvent) => void) => (c: LogEvent[]) => { fn(c[4]); c[4].hash = hashEvent(c[4]); return c; };
const tampering: [string, (c: LogEvent[]) => LogEvent[], { at: number; seq: number; reason: string }][] = [
  ['a changed kind', edit((e) => { e.kind = 'visit:denied'; }), { at: 4, seq: 5, reason: 'edited' }],
  ['a changed time', edit((e) => { e.at = '2024-06-15T09:00:00.000Z'; }), { at: 4, seq: 5, reason: 'edited' }],
  ['changed data', edit((e) => { e.data = { ...e.data, n: 99 }; }), { at: 4, seq: 5, reason: 'edited' }],
  ['an added field', edit((e) => { e.actor = 'intruder'; }), { at: 4, seq: 5, reason: 'edited' }],
  ['an edit with a recomputed hash', rehash((e) => { e.kind = 'visit:denied'; }), { at: 4, seq: 5, reason: 'edited' }],
  ['a removed event in the middle', (c) => [...c.slice(0, 4), ...c.slice(5)], { at: 4, seq: 6, reason: 'missing' }],
  ['a removed first event', (c) => c.slice(1), { at: 0, seq: 2, reason: 'missing' }],
  ['two swapped events', (c) => [...c.slice(0, 4), c[5], c[4], ...c.slice(6)], { at: 4, seq: 6, reason: 'reordered' }],
  ['an event moved to the end', (c) => [...c.slice(0, 4), ...c.slice(5), c[4]], { at: 4, seq: 6, reason: 'reordered' }],
  ['a duplicated event', (c) => [...c.slice(0, 5), c[3], ...c.slice(5)], { at: 5, seq: 4, reason: 'reordered' }],
  ['a renumbered event', rehash((e) => { e.seq = 9; }), { at: 4, seq: 9, reason: 'missing' }],
];
for (const [label, tamper, expected] of tampering) {
  test(`${label} is detected as ${expected.reason} at index ${expected.at}`, () => {
    assert.equal(verifyChain(tamper(makeChain(8))), { ok: false, ...expected });
  });
}

test.run();
