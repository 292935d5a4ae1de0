// Times of day are chosen in 24-hour form from one list, whatever the browser's locale.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { timeChoices } from '../../kiosk/ui/TimeField.tsx';

const cases: Array<[string, string, number, string | undefined]> = [
  ['a quarter hour is on the list as it is', '13:45', 96, undefined],
  ['a time from the clock is added in its place', '10:37', 97, '10:30,10:37,10:45'],
  ['the end of the day', '23:59', 97, '23:45,23:59'],
  ['something that is no time is not added', '25:00', 96, undefined],
  ['empty', '', 96, undefined],
];
for (const [what, value, count, around] of cases) {
  test(`${what} (${JSON.stringify(value)})`, () => {
    const list = timeChoices(value);
    assert.is(list.length, count);
    assert.equal(list.slice(0, 2), ['00:00', '00:15']);
    assert.ok(list.every((t) => /^([01]\d|2[0-3]):[0-5]\d$/.test(t)), 'all 24-hour HH:MM');
    assert.equal(list, [...list].sort(), 'in order');
    if (around) {
      const i = list.indexOf(value);
      assert.is(list.slice(i - 1, i + 2).join(','), around);
    }
  });
}

test.run();
