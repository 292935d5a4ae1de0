// Days as text, YYYY-MM-DD, for DateField: what counts as a day, what typing becomes, calendar steps (no time zone).
const pad = (n: number) => String(n).padStart(2, '0');
const dayOf = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
export const utc = (day: string) => new Date(`${day}T00:00:00Z`);
/** The day n days away, on the calendar; addMonths keeps the day of the month where the month has it (31 → 30). */
export const addDays = (day: string, n: number) => dayOf(new Date(utc(day).getTime() + n * 86_400_000));
export function addMonths(day: string, n: number): string {
  const d = utc(day);
  const first = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return dayOf(new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d.getUTCDate(), last))));
}
export const localToday = () => { const d = new Date(); return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`; };

/** Whether text is a real calendar day written YYYY-MM-DD (not 2026-02-30). */
export function isDay(text: string): boolean {
  return /^\d{4}-\d\d-\d\d$/.test(text) && !Number.isNaN(utc(text).getTime()) && dayOf(utc(text)) === text;
}

/** What was typed, in the field's form: digits get their dashes as they come (20261130 → 2026-11-30, also typing on
 *  after a dash put in for you), / . 年 月 and spaces become dashes, and 2026-3-9 becomes 2026-03-09. */
export function shapeDay(typed: string): string {
  const text = typed.replace(/[./\s年月]/g, '-').replace(/日$/, '').replace(/[^\d-]/g, '');
  const parts = text.split('-');
  if (parts.length <= 3 && parts.slice(0, -1).every((part, i) => part.length === [4, 2][i])) {
    const digits = parts.join('').slice(0, 8);
    return [digits.slice(0, 4), digits.slice(4, 6), digits.slice(6, 8)].filter(Boolean).join('-');
  }
  if (parts.length === 3 && /^\d{4}$/.test(parts[0]) && /^\d{1,2}$/.test(parts[1]) && /^\d{1,2}$/.test(parts[2])) {
    const padded = `${parts[0]}-${parts[1].padStart(2, '0')}-${parts[2].padStart(2, '0')}`;
    if (isDay(padded)) return padded;
  }
  return text.slice(0, 10);
}
