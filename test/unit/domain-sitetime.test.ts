import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { endOfSiteDay, siteDay, siteTime } from '../../server/domain/visits.ts';

const days: [string, string, string, string][] = [
  ['late evening UTC is the next day in Shanghai', '2024-03-01T17:00:00Z', 'Asia/Shanghai', '2024-03-02'],
  ['early morning Shanghai', '2024-03-01T15:59:59Z', 'Asia/Shanghai', '2024-03-01'],
  ['New York is behind UTC', '2024-03-01T03:00:00Z', 'America/New_York', '2024-02-29'],
  ['UTC itself', '2024-12-31T23:59:59Z', 'UTC', '2024-12-31'],
];
for (const [label, iso, zone, day] of days) {
  test(`siteDay: ${label}`, () => {
    assert.is(siteDay(new Date(iso), zone), day);
  });
}

const ends: [string, string, string, string][] = [
  ['Shanghai (UTC+8)', '2024-03-01T17:00:00Z', 'Asia/Shanghai', '2024-03-02T15:59:59.000Z'],
  ['New York on the day DST starts', '2024-03-10T12:00:00Z', 'America/New_York', '2024-03-11T03:59:59.000Z'],
  ['New York just before DST starts', '2024-03-10T06:00:00Z', 'America/New_York', '2024-03-11T03:59:59.000Z'],
  ['London on the day DST ends', '2024-10-27T00:30:00Z', 'Europe/London', '2024-10-27T23:59:59.000Z'],
  ['Kolkata (UTC+5:30)', '2024-06-15T00:00:00Z', 'Asia/Kolkata', '2024-06-15T18:29:59.000Z'],
  ['UTC', '2024-06-15T00:00:00Z', 'UTC', '2024-06-15T23:59:59.000Z'],
];
for (const [label, iso, zone, end] of ends) {
  test(`endOfSiteDay: ${label}`, () => {
    const result = endOfSiteDay(new Date(iso), zone);
    assert.is(result.toISOString(), end);
    assert.is(siteDay(result, zone), siteDay(new Date(iso), zone));
    assert.is(siteTime(result.toISOString(), zone), '23:59');
  });
}

const times: [string, string, string][] = [
  ['2024-06-15T01:05:00Z', 'Asia/Shanghai', '09:05'],
  ['2024-06-15T16:00:00Z', 'Asia/Shanghai', '00:00'],
  ['2024-06-15T12:34:56Z', 'UTC', '12:34'],
];
for (const [iso, zone, hhmm] of times) {
  test(`siteTime of ${iso} in ${zone} is ${hhmm}`, () => {
    assert.is(siteTime(iso, zone), hhmm);
  });
}

test.run();
