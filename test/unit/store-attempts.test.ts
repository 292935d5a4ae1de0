// The in-memory attempt counts of the memory and lowdb stores (data/attempt-book.ts): bounded per kind of key,
// stale keys dropped as calls come, and one kind's flood never pushes out another's keys.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AttemptBook, kindOf } from '../../data/attempt-book.ts';

const T = Date.parse('2026-11-27T09:00:00.000Z');

test('a key\'s kind is its part before the first ":"', () => {
  assert.is(kindOf('login-account:u-1'), 'login-account');
  assert.is(kindOf('invite:kiosk:k-1'), 'invite');
  assert.is(kindOf('plain'), 'plain');
});

test('a flood of one kind stays within its bound and never pushes out another kind\'s keys', () => {
  const book = new AttemptBook(100);
  for (let i = 0; i < 10; i++) assert.ok(book.attempt('login-account:victim', T, 60_000, 10));
  for (let i = 0; i < 20_000; i++) book.attempt(`login-address:10.0.${i >> 8}.${i & 255}`, T + 1000, 60_000, 100);
  assert.equal(book.size, { 'login-account': 1, 'login-address': 100 });
  assert.is(book.attempt('login-account:victim', T + 2000, 60_000, 10), undefined, 'still locked');
});

test('stale keys are dropped as calls come, a few per call; a key whose hits are given back leaves nothing', () => {
  const book = new AttemptBook();
  for (let i = 0; i < 50; i++) book.attempt(`t:old${i}`, T, 1000, 5);
  assert.equal(book.size, { t: 50 });
  for (let i = 0; i < 20; i++) book.attempt('t:new', T + 5000 + i, 1000, 100);
  assert.equal(book.size, { t: 1 }, 'every stale key gone after a few calls');
  const id = book.attempt('u:once', T, 1000, 1)!;
  book.forget('u:once', id);
  book.clear('t:new');
  assert.equal(book.size, { t: 0, u: 0 });
});

test('a refused attempt on a full kind pushes nothing out', () => {
  const book = new AttemptBook(2);
  assert.ok(book.attempt('t:a', T, 60_000, 1));
  assert.ok(book.attempt('t:b', T, 60_000, 1));
  assert.is(book.attempt('t:a', T, 60_000, 1), undefined);
  assert.is(book.attempt('t:b', T, 60_000, 1), undefined);
  assert.equal(book.size, { t: 2 });
});

test.run();
