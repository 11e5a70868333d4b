/**
 * CSV as RFC 4180 writes it, safe to open in a spreadsheet (docs/export.md, "CSV").
 *
 * Formula injection: a spreadsheet runs a cell that starts with "=", "+", "-" or "@" (and, in some,
 * one that starts with a tab or carriage return) as a formula, and advertiser names, reasons and
 * URLs are page data. As OWASP recommends, such a cell gets a leading apostrophe, which makes it
 * text; the full-width forms (＝＋－＠) and leading spaces before a trigger are treated the same,
 * because some spreadsheets fold or trim them. The apostrophe is part of the cell's text from then
 * on: importers read only the `record` column, which is JSON (it starts with "{", never with a
 * trigger), so nothing has to strip it again.
 */

const FORMULA_START = /^[ \n]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;
/** Leading or trailing white space is quoted, because some readers trim it from bare cells. */
const isSpace = (code: number): boolean => code === 32 || code === 9 || code === 0xa0 || code === 0x3000;

export function csvCell(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) || isSpace(text.charCodeAt(0)) || isSpace(text.charCodeAt(text.length - 1)) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line, CRLF-terminated as RFC 4180 says. */
export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export interface CsvRow {
  cells: string[];
  /** The 1-based line of the text where the row starts (rows may span lines inside quotes). */
  line: number;
}

/**
 * An incremental RFC 4180 reader: `push` text in chunks of any size, get the rows completed so far,
 * and `end` for the last one. Lenient where files in the wild are: LF or CRLF (or a lone CR) ends
 * a row, a quote inside an unquoted cell is kept as text, text after a closing quote is appended,
 * and an unterminated quoted cell runs to the end. A leading byte order mark is skipped. Blank
 * lines are rows with one empty cell; callers skip them if they like.
 */
export class CsvReader {
  private cells: string[] = [];
  private cell = '';
  private quoted = false; // inside a quoted cell
  private afterQuote = false; // just saw a quote inside a quoted cell: closing, or the first of ""
  private pendingCr = false; // a CR ended the last row; a following LF belongs to it
  private started = false; // the current row has any content
  private cellStarted = false; // the current cell has any content (a quote opens a quoted cell only at its start)
  private line = 1;
  private rowLine = 1;
  private first = true;

  push(chunk: string): CsvRow[] {
    const rows: CsvRow[] = [];
    let i = 0;
    if (this.first && chunk.length) {
      this.first = false;
      if (chunk.charCodeAt(0) === 0xfeff) i = 1;
    }
    const n = chunk.length;
    while (i < n) {
      if (this.pendingCr) {
        this.pendingCr = false;
        if (chunk.charCodeAt(i) === 10) {
          i++;
          continue;
        }
      }
      if (this.quoted) {
        if (this.afterQuote) {
          // The quote that ended the last chunk: the first of "" (an escaped quote), or the close.
          this.afterQuote = false;
          if (chunk.charCodeAt(i) === 34) {
            this.cell += '"';
            i++;
            continue;
          }
          this.quoted = false;
          continue;
        }
        // Find the closing quote, stepping over escaped ones, then take the whole cell in one slice:
        // big JSON cells (the record column) are the common case.
        let q = chunk.indexOf('"', i);
        while (q >= 0 && q + 1 < n && chunk.charCodeAt(q + 1) === 34) q = chunk.indexOf('"', q + 2);
        const end = q < 0 ? n : q;
        const part = chunk.slice(i, end);
        this.cell += part.includes('""') ? part.replace(/""/g, '"') : part;
        this.line += countNewlines(part);
        i = end;
        if (q >= 0) {
          i++;
          if (i < n) this.quoted = false; // closed; text after it (lenient) is read as unquoted
          else this.afterQuote = true; // the chunk ends on a quote: the next chunk decides
        }
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (c === 44) {
        this.cells.push(this.cell);
        this.cell = '';
        this.cellStarted = false;
        this.started = true;
        i++;
      } else if (c === 10 || c === 13) {
        rows.push(this.finishRow());
        this.line++;
        this.rowLine = this.line;
        if (c === 13) this.pendingCr = true;
        i++;
      } else if (c === 34 && !this.cellStarted) {
        this.quoted = true;
        this.cellStarted = true;
        this.started = true;
        i++;
      } else {
        // Unquoted text up to the next delimiter in one step.
        let j = i + 1;
        while (j < n) {
          const d = chunk.charCodeAt(j);
          if (d === 44 || d === 10 || d === 13) break;
          j++;
        }
        this.cell += chunk.slice(i, j);
        this.cellStarted = true;
        this.started = true;
        i = j;
      }
    }
    return rows;
  }

  private finishRow(): CsvRow {
    this.cells.push(this.cell);
    const row = { cells: this.cells, line: this.rowLine };
    this.cells = [];
    this.cell = '';
    this.cellStarted = false;
    this.started = false;
    return row;
  }

  /** The last row, when the text did not end with a line break. */
  end(): CsvRow[] {
    this.afterQuote = false;
    this.quoted = false;
    if (!this.started && this.cell === '' && this.cells.length === 0) return [];
    return [this.finishRow()];
  }
}

/** Line feeds only: a lone CR inside a quoted cell is rare enough not to count as a line. */
function countNewlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/** Every row of a CSV text, with the line each starts on. */
export function csvRows(text: string): CsvRow[] {
  const reader = new CsvReader();
  return [...reader.push(text), ...reader.end()];
}

/** Every row of a CSV text as its cells. */
export function parseCsv(text: string): string[][] {
  return csvRows(text).map((r) => r.cells);
}
