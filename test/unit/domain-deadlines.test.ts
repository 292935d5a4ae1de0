import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { callbackDueAt, dueAt, isWorkingDay, type WorkCalendar } from '../../server/domain/deadlines.ts';
import type { CaseCategory, CaseImportance } from '../../data/matters.ts';

// Shanghai is UTC+8 all year. 2026-12-01 is a Tuesday; 12-04 a Friday, 12-05 and 12-06 the weekend.
const shanghai: WorkCalendar = { timeZone: 'Asia/Shanghai', workingHours: { open: '09:00', close: '18:00' } };
const local = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`).toISOString();
const withDays = (over: Partial<WorkCalendar>): WorkCalendar => ({ ...shanghai, ...over });
const serviceEveryDay = withDays({ serviceHours: { open: '08:00', close: '20:00', workdays: [1, 2, 3, 4, 5, 6, 7] } });

const cases: Array<[string, string, CaseImportance, CaseCategory, WorkCalendar, string]> = [
  ['a weekday morning, important: that day\'s close', local('2026-12-01', '10:00'), 'important', 'complaint', shanghai, local('2026-12-01', '18:00')],
  ['a weekday before opening: the same day\'s close', local('2026-12-01', '07:30'), 'important', 'help', shanghai, local('2026-12-01', '18:00')],
  ['a minute before the close', local('2026-12-01', '17:59'), 'major', 'complaint', shanghai, local('2026-12-01', '18:00')],
  ['at the close: the next working day', local('2026-12-01', '18:00'), 'important', 'inquiry', shanghai, local('2026-12-02', '18:00')],
  ['a weekday evening: the next working day\'s close', local('2026-12-01', '19:00'), 'important', 'inquiry', shanghai, local('2026-12-02', '18:00')],
  ['Friday evening: Monday\'s close', local('2026-12-04', '20:00'), 'important', 'complaint', shanghai, local('2026-12-07', '18:00')],
  ['Saturday: Monday\'s close', local('2026-12-05', '11:00'), 'major', 'complaint', shanghai, local('2026-12-07', '18:00')],
  ['Sunday night: Monday\'s close', local('2026-12-06', '23:59'), 'important', 'suggestion', shanghai, local('2026-12-07', '18:00')],
  ['on a holiday: the day after\'s close', local('2026-12-02', '10:00'), 'important', 'inquiry', withDays({ holidays: ['2026-12-02'] }), local('2026-12-03', '18:00')],
  ['the evening before two holidays', local('2026-12-01', '19:00'), 'important', 'inquiry', withDays({ holidays: ['2026-12-02', '2026-12-03'] }), local('2026-12-04', '18:00')],
  ['Friday evening before a make-up Saturday', local('2026-12-04', '20:00'), 'important', 'inquiry', withDays({ makeUpWorkdays: ['2026-12-05'] }), local('2026-12-05', '18:00')],
  ['on a make-up Saturday', local('2026-12-05', '10:00'), 'major', 'complaint', withDays({ makeUpWorkdays: ['2026-12-05'] }), local('2026-12-05', '18:00')],
  ['just before midnight: the next day\'s close', local('2026-12-01', '23:30'), 'important', 'help', shanghai, local('2026-12-02', '18:00')],
  ['just after midnight (still the day before in UTC): that site day\'s close', local('2026-12-02', '00:30'), 'important', 'help', shanghai, local('2026-12-02', '18:00')],
  ['the same instant on a UTC calendar: the UTC day\'s close', local('2026-12-02', '00:30'), 'important', 'help', withDays({ timeZone: 'UTC' }), '2026-12-01T18:00:00.000Z'],
  ['a Saturday working week', local('2026-12-05', '10:00'), 'important', 'help', withDays({ workdays: [2, 3, 4, 5, 6] }), local('2026-12-05', '18:00')],
  ['normal: 24 hours later', local('2026-12-01', '10:00'), 'normal', 'complaint', shanghai, local('2026-12-02', '10:00')],
  ['normal on Friday evening: 24 hours, weekend or not', local('2026-12-04', '20:00'), 'normal', 'inquiry', shanghai, local('2026-12-05', '20:00')],
  ['normal across midnight', local('2026-12-01', '23:30'), 'normal', 'help', shanghai, local('2026-12-02', '23:30')],
  ['paid service in its own hours, after the office closed', local('2026-12-01', '19:00'), 'important', 'paid-service', serviceEveryDay, local('2026-12-01', '20:00')],
  ['paid service on a Saturday it works', local('2026-12-05', '10:00'), 'important', 'paid-service', serviceEveryDay, local('2026-12-05', '20:00')],
  ['paid service after its own close', local('2026-12-05', '20:30'), 'important', 'paid-service', serviceEveryDay, local('2026-12-06', '20:00')],
  ['paid service on a holiday: holidays still apply', local('2026-12-02', '10:00'), 'important', 'paid-service', { ...serviceEveryDay, holidays: ['2026-12-02'] }, local('2026-12-03', '20:00')],
  ['paid service without service hours: the working hours', local('2026-12-01', '19:00'), 'important', 'paid-service', shanghai, local('2026-12-02', '18:00')],
  ['other categories ignore the service hours', local('2026-12-01', '19:00'), 'important', 'help', serviceEveryDay, local('2026-12-02', '18:00')],
];

for (const [what, createdAt, importance, category, calendar, expected] of cases) {
  test(`dueAt: ${what}`, () => {
    assert.is(dueAt(createdAt, importance, category, calendar), expected);
  });
}

test('working days: weekdays, holidays off, make-up days on', () => {
  const calendar = withDays({ holidays: ['2026-12-03'], makeUpWorkdays: ['2026-12-06'] });
  const days = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'];
  assert.equal(days.map((d) => isWorkingDay(d, calendar)), [true, true, true, false, true, false, true]);
});

test('callbackDueAt: 24 hours after the resolution, whatever the calendar', () => {
  assert.is(callbackDueAt(local('2026-12-04', '17:00')), local('2026-12-05', '17:00'));
  assert.throws(() => callbackDueAt('not a time'), /invalid time/);
});

test('an unreadable time and a calendar without any working day are refused, not looped over', () => {
  assert.throws(() => dueAt('yesterday', 'normal', 'inquiry', shanghai), /invalid time/);
  assert.throws(() => dueAt(local('2026-12-01', '10:00'), 'important', 'inquiry', withDays({ workdays: [] })), /no working day/);
});

test.run();
