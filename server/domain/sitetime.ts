// The site's calendar: days, end of day and clock times in the site's time zone (FOYER_TZ).
const formats = new Map<string, Intl.DateTimeFormat>();

/** Intl.DateTimeFormat is slow to build, so one per zone is kept. */
function formatIn(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formats.set(timeZone, f);
  }
  return f;
}

interface Wall { year: number; month: number; day: number; hour: number; minute: number; second: number }

/** The wall-clock reading of an instant in a zone, asked of Intl (slow: a few microseconds). */
function intlWallClock(ms: number, timeZone: string): Wall {
  const parts = Object.fromEntries(formatIn(timeZone).formatToParts(ms).map((p) => [p.type, p.value]));
  const n = (k: string) => Number(parts[k]);
  return { year: n('year'), month: n('month'), day: n('day'), hour: n('hour'), minute: n('minute'), second: n('second') };
}

/** The wall-clock reading of an instant in a zone: UTC fields of the instant moved by the zone's offset. */
function wallClock(ms: number, timeZone: string): Wall {
  const d = new Date(ms + offsetAt(ms, timeZone));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function siteDay(now: Date, timeZone: string): string {
  const w = wallClock(now.getTime(), timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** The instant when the site's clock reads 23:59:59 on the day of `now`. */
export function endOfSiteDay(now: Date, timeZone: string): Date {
  return siteInstant(siteDay(now, timeZone), '23:59:59', timeZone);
}

/** The instant when the site's clock reads time (HH:MM or HH:MM:SS) on day (YYYY-MM-DD). */
export function siteInstant(day: string, time: string, timeZone: string): Date {
  const [year, month, date] = day.split('-').map(Number);
  const [hour, minute, second = 0] = time.split(':').map(Number);
  const target = Date.UTC(year, month - 1, date, hour, minute, second);
  // Guess with the offset at the target read as UTC, then correct once with the offset at the guess (DST changes).
  let at = target - offsetAt(target, timeZone);
  at = target - offsetAt(at, timeZone);
  return new Date(at);
}

/** The day after day, on the calendar (no time zone involved). */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The first instant after `now` when the site's clock reads time (HH:MM). */
export function nextSiteTime(now: Date, time: string, timeZone: string): Date {
  const today = siteDay(now, timeZone);
  const at = siteInstant(today, time, timeZone);
  return at.getTime() > now.getTime() ? at : siteInstant(nextDay(today), time, timeZone);
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms, asked of Intl. */
function intlOffsetAt(ms: number, timeZone: string): number {
  const w = intlWallClock(ms, timeZone);
  const wallAsUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return wallAsUtc - Math.floor(ms / 1000) * 1000;
}

// Zones change their offset on a quarter hour of UTC, so one quarter hour has one offset: asking Intl once per
// quarter hour makes site time cheap enough to compute for every open visit on every tick. A quarter hour that
// does hold a change (an old zone's odd offset) is asked about each time.
const QUARTER_MS = 15 * 60_000;
const offsets = new Map<string, number | null>();

function offsetAt(ms: number, timeZone: string): number {
  const quarter = Math.floor(ms / QUARTER_MS);
  const key = `${timeZone} ${quarter}`;
  let known = offsets.get(key);
  if (known === undefined) {
    const [first, last] = [intlOffsetAt(quarter * QUARTER_MS, timeZone), intlOffsetAt((quarter + 1) * QUARTER_MS - 1000, timeZone)];
    known = first === last ? first : null;
    if (offsets.size >= 4096) offsets.clear();
    offsets.set(key, known);
  }
  return known ?? intlOffsetAt(ms, timeZone);
}

export function siteTime(iso: string, timeZone: string): string {
  const w = wallClock(Date.parse(iso), timeZone);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** An instant as ISO 8601 on the site's clock with its offset (2026-11-30T14:05:07+08:00): the same instant, as the site reads it. */
export function siteStamp(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  const w = wallClock(ms, timeZone);
  const minutes = Math.round(offsetAt(ms, timeZone) / 60_000);
  const zone = `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${zone}`;
}
