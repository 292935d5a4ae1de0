// DateField's text: what typing becomes (always YYYY-MM-DD in the end), what is a day, calendar steps.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { addDays, addMonths, isDay, shapeDay } from '../../kiosk/ui/date-text.ts';

const typedOneByOne = (keys: string) => [...keys].reduce((text, key) => shapeDay(text + key), '');

test('digits typed one by one get their dashes', () => {
  assert.is(typedOneByOne('20260315'), '2026-03-15');
  assert.is(typedOneByOne('202603159'), '2026-03-15', 'nothing past the day');
  assert.is(typedOneByOne('2026-3-9'), '2026-03-09', 'dashes typed by hand, short month and day');
});

const shapes: Array<[string, string]> = [
  ['20261130', '2026-11-30'], ['2026/3/9', '2026-03-09'], ['2026.03.09', '2026-03-09'], ['2026 3 9', '2026-03-09'],
  ['2026年3月9日', '2026-03-09'], ['2026-02-30', '2026-02-30'], ['2026-3-', '2026-3-'], ['2026-', '2026'], ['abc', ''],
  ['20261', '2026-1'], ['2026-10-1', '2026-10-1'], ['１２', ''], ['<script>', ''],
];
for (const [typed, shaped] of shapes) test(`shapeDay ${JSON.stringify(typed)} → ${JSON.stringify(shaped)}`, () => assert.is(shapeDay(typed), shaped));

const days: Array<[string, boolean]> = [
  ['2026-11-30', true], ['2024-02-29', true], ['2026-02-29', false], ['2026-02-30', false], ['2026-13-01', false],
  ['2026-1-01', false], ['26-01-01', false], ['', false], ['2026-01-01T00:00', false],
];
for (const [text, ok] of days) test(`isDay ${JSON.stringify(text)} is ${ok}`, () => assert.is(isDay(text), ok));

test('calendar steps across months, years and short months', () => {
  assert.is(addDays('2026-12-31', 1), '2027-01-01');
  assert.is(addDays('2026-03-01', -1), '2026-02-28');
  assert.is(addMonths('2026-01-31', 1), '2026-02-28');
  assert.is(addMonths('2026-01-15', -1), '2025-12-15');
  assert.is(addMonths('2024-03-31', -1), '2024-02-29');
});

test.run();
