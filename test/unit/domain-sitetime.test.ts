import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
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


// Site time is worked out from a cached offset per quarter hour: it must read exactly as Intl reads the clock,
// across DST changes, half- and quarter-hour zones and old odd offsets.
test('the site day and time read as Intl reads them, at any instant in any zone', () => {
  const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Africa/Monrovia', 'Pacific/Chatham', 'UTC'];
  const intl = (ms: number, timeZone: string) => {
    const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(ms).map((x) => [x.type, x.value]));
    return { day: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
  };
  fc.assert(fc.property(fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2080, 0, 1) }), fc.constantFrom(...zones), (ms, zone) => {
    const expected = intl(ms, zone);
    assert.is(siteDay(new Date(ms), zone), expected.day);
    assert.is(siteTime(new Date(ms).toISOString(), zone), expected.time);
  }), { numRuns: 3000 });
  // The minutes around a change of offset, one by one.
  for (const [zone, change] of [['America/New_York', Date.UTC(2026, 2, 8, 7)], ['Europe/London', Date.UTC(2026, 9, 25, 1)], ['Australia/Lord_Howe', Date.UTC(2026, 3, 4, 15)], ['Africa/Monrovia', Date.UTC(1972, 0, 7, 0, 44, 30)]] as const) {
    for (let ms = change - 20 * 60_000; ms <= change + 20 * 60_000; ms += 30_000) {
      assert.is(siteTime(new Date(ms).toISOString(), zone), intl(ms, zone).time, `${zone} at ${new Date(ms).toISOString()}`);
    }
  }
});

test.run();
