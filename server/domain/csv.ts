// CSV that Excel opens as UTF-8 (a BOM first) and that cannot run as a formula there.
const BOM = '\uFEFF';

/** A cell starting with = + - @ (or a tab / CR) is a formula to a spreadsheet: a leading ' keeps it text. */
function cell(value: unknown): string {
  const s = value === undefined || value === null ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** RFC 4180 (quoted cells, CRLF rows) with the header first. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<Record<string, unknown>>): string {
  const lines = [header.map(cell).join(','), ...rows.map((row) => header.map((h) => cell(row[h])).join(','))];
  return BOM + lines.join('\r\n') + '\r\n';
}
