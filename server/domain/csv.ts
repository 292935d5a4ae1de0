// CSV that Excel opens as UTF-8 (a BOM first) and that cannot run as a formula there.
const BOM = '\uFEFF';

/** A cell starting with = + - @ (or a tab / CR) is a formula to a spreadsheet: a leading ' keeps it text. */
export function guardFormula(value: unknown): string {
  const s = value === undefined || value === null ? '' : String(value);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

const cell = (value: unknown): string => `"${guardFormula(value).replace(/"/g, '""')}"`;

/** RFC 4180 (quoted cells, CRLF rows) with the header first. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<Record<string, unknown>>): string {
  const lines = [header.map(cell).join(','), ...rows.map((row) => header.map((h) => cell(row[h])).join(','))];
  return BOM + lines.join('\r\n') + '\r\n';
}

/** RFC 4180 read back: quoted cells may hold commas, quotes ("") and line breaks; rows end in CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cellText = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cellText += '"'; i++; }
      else if (c === '"') quoted = false;
      else cellText += c;
    } else if (c === '"' && cellText === '') quoted = true;
    else if (c === ',') { row.push(cellText); cellText = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cellText); rows.push(row); row = []; cellText = '';
    } else cellText += c;
  }
  if (cellText !== '' || row.length > 0) { row.push(cellText); rows.push(row); }
  return rows;
}

/** Our own export's guard taken off again: '=1 read back is =1 (as a spreadsheet shows it). */
export const unguard = (s: string): string => (/^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s);
