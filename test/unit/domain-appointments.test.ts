import { randomBytes } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createMemoryStore } from '../../data/memory-store.ts';
import {
  appointmentWindow, AttemptLimiter, formatInviteCode, makeInviteCode, normalizeInviteCode,
} from '../../server/domain/appointments.ts';
import type { Appointment } from '../../server/protocol.ts';

test('invite codes are 8 base32 characters without I, L, O or U', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 1000; i++) {
    const code = makeInviteCode(randomBytes(5));
    assert.match(code, /^[0-9A-HJKMNP-TV-Z]{8}$/);
    seen.add(code);
  }
  assert.is(seen.size, 1000);
});

test('invite codes are fully determined by the random bytes', () => {
  assert.is(makeInviteCode(Buffer.alloc(5, 0)), '00000000');
  assert.is(makeInviteCode(Buffer.alloc(5, 0xff)), 'ZZZZZZZZ');
  assert.is(makeInviteCode(Buffer.from([0x08, 0x42, 0x10, 0x84, 0x21])), '11111111');
  assert.throws(() => makeInviteCode(Buffer.alloc(4)), RangeError);
});

test('a code is shown in two groups of four and reads back', () => {
  assert.is(formatInviteCode('ABCDEFGH'), 'ABCD-EFGH');
  const code = makeInviteCode(randomBytes(5));
  assert.is(normalizeInviteCode(formatInviteCode(code)), code);
});

const typed: [string, string | undefined][] = [
  ['ABCD-EFGH', 'ABCDEFGH'],
  ['abcd efgh', 'ABCDEFGH'],
  ['  abcd-efgh  ', 'ABCDEFGH'],
  ['AB CD—EF GH', 'ABCDEFGH'],
  ['ＡＢＣＤ－ＥＦＧＨ', 'ABCDEFGH'],
  ['O0O0-IL1l', '00001111'],
  ['oooo-iiii', '00001111'],
  ['ABCD-EFG', undefined],
  ['ABCD-EFGHJ', undefined],
  ['ABCD-EFGU', undefined],
  ['ABCD_EFGH', undefined],
  ['ABCD-EFG!', undefined],
  ['', undefined],
];
for (const [raw, expected] of typed) {
  test(`typed "${raw}" reads as ${expected ?? 'no code'}`, () => {
    assert.is(normalizeInviteCode(raw), expected);
  });
}

const appt = (over: Partial<Appointment> = {}): Appointment => ({
  id: 'a1', inviteCode: 'ABCDEFGH', visitor: { name: 'V' }, hostId: 'h1',
  start: '2024-06-15T02:00:00.000Z', end: '2024-06-15T04:00:00.000Z', purpose: 'meeting',
  createdBy: 'u1', createdAt: '2024-06-14T00:00:00.000Z', ...over,
});
const windows: [string, string, Partial<Appointment>, string][] = [
  ['31 minutes early', '2024-06-15T01:29:00.000Z', {}, 'early'],
  ['30 minutes early', '2024-06-15T01:30:00.000Z', {}, 'open'],
  ['at the start', '2024-06-15T02:00:00.000Z', {}, 'open'],
  ['at the end', '2024-06-15T04:00:00.000Z', {}, 'open'],
  ['a second after the end', '2024-06-15T04:00:01.000Z', {}, 'late'],
  ['in the window but used', '2024-06-15T02:00:00.000Z', { usedByVisitId: '20240615-X' }, 'used'],
  ['late and used', '2024-06-16T00:00:00.000Z', { usedByVisitId: '20240615-X' }, 'used'],
];
for (const [label, now, over, expected] of windows) {
  test(`an appointment ${label} is ${expected}`, () => {
    assert.is(appointmentWindow(appt(over), now), expected);
  });
}

// The limiter counts in the store (memory here); the store's contract tests cover atomicity and bounds.
const limiterOf = (max: number, windowMs: number, store = createMemoryStore()) => new AttemptLimiter(store, 'invite', max, windowMs);
const hits = (limiter: AttemptLimiter, key: string, times: number[]) => Promise.all(times.map(async (t) => Boolean(await limiter.hit(key, t))));

test('the limiter allows max attempts per window, then refuses', async () => {
  const limiter = limiterOf(3, 60_000);
  assert.equal(await hits(limiter, 'k1', [0, 1, 2, 3, 4].map((t) => t * 1000)), [true, true, true, false, false]);
  assert.ok(await limiter.hit('k2', 5000), 'another key has its own budget');
});

test('the limiter window slides: old attempts stop counting', async () => {
  const limiter = limiterOf(2, 60_000);
  assert.ok(await limiter.hit('k', 0));
  assert.ok(await limiter.hit('k', 30_000));
  assert.not.ok(await limiter.hit('k', 59_999));
  assert.ok(await limiter.hit('k', 60_000), 'the first attempt has left the window');
  assert.not.ok(await limiter.hit('k', 60_001));
  assert.ok(await limiter.hit('k', 90_000));
});

test('reset clears a key; undo gives back the one attempt its ticket names', async () => {
  const limiter = limiterOf(1, 60_000);
  const ticket = await limiter.hit('k', 0);
  assert.ok(ticket);
  assert.not.ok(await limiter.hit('k', 1));
  await limiter.undo('k', ticket!);
  const next = await limiter.hit('k', 2);
  assert.ok(next, 'a right code gives its attempt back');
  assert.not.ok(await limiter.hit('k', 3));
  await limiter.reset('k');
  assert.ok(await limiter.hit('k', 4));
});

test('limiters on one store count apart by their kind, and two limiters of one kind share the count', async () => {
  const store = createMemoryStore();
  const [invite, pairing, inviteAgain] = [limiterOf(1, 60_000, store), new AttemptLimiter(store, 'pairing', 1, 60_000), limiterOf(1, 60_000, store)];
  assert.ok(await invite.hit('10.0.0.1', 0));
  assert.ok(await pairing.hit('10.0.0.1', 0), 'pairing has its own budget');
  assert.not.ok(await inviteAgain.hit('10.0.0.1', 0), 'another server\'s limiter of the same kind sees the count');
  assert.throws(() => new AttemptLimiter(store, 'Invite:', 1, 60_000));
});

test.run();
