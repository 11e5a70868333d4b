/** CSV cells (RFC 4180 quoting, formula-injection safety) and the incremental reader. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvReader, csvCell, csvLine, csvRows, parseCsv } from '../../src/core/log/csv';

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r\nlf', '"cr\r\nlf"'],
    [' padded ', '" padded "'],
    ['Ünïcødé 👍🏽', 'Ünïcødé 👍🏽'],
  ])('%j → %j', (input, expected) => expect(csvCell(input)).toBe(expected));

  it.each([
    ["=cmd|' /C calc'!A0", `"'=cmd|' /C calc'!A0"`.slice(1, -1)],
    ['=1+1', "'=1+1"],
    ['+31 20 123', "'+31 20 123"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['  =1', "'  =1"],
    ['＝1', "'＝1"],
    ['=HYPERLINK("http://evil.example","click")', `"'=HYPERLINK(""http://evil.example"",""click"")"`],
  ])('defuses the formula %j', (input, expected) => expect(csvCell(input)).toBe(expected));

  it('leaves text that only contains a trigger later alone', () => {
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('{"schema":"x","n":-1}')).toBe('"{""schema"":""x"",""n"":-1}"');
  });

  it('csvLine joins with commas and ends with CRLF', () => {
    expect(csvLine(['a', 'b,c', ''])).toBe('a,"b,c",\r\n');
  });
});

describe('parseCsv', () => {
  it('reads quotes, escaped quotes, empty cells, CRLF and LF, and newlines inside quotes', () => {
    expect(parseCsv('a,"b ""q""",\r\n"multi\r\nline",x\n,\n"last"')).toEqual([['a', 'b "q"', ''], ['multi\r\nline', 'x'], ['', ''], ['last']]);
  });

  it('skips a byte order mark; a final line break adds no row; a blank line is one empty cell', () => {
    expect(parseCsv('\uFEFFa,b\r\n')).toEqual([['a', 'b']]);
    expect(parseCsv('a\n\nb')).toEqual([['a'], [''], ['b']]);
    expect(parseCsv('')).toEqual([]);
  });

  it('is lenient like files in the wild: a stray quote is text, a lone CR ends a row, an open quote runs to the end', () => {
    expect(parseCsv('ab"c,d\re')).toEqual([['ab"c', 'd'], ['e']]);
    expect(parseCsv('"open,\nstill')).toEqual([['open,\nstill']]);
    expect(parseCsv('"a"b,c')).toEqual([['ab', 'c']]);
  });

  it('tells the line each row starts on', () => {
    expect(csvRows('h\r\n"a\nb\nc",x\r\nnext\n\nlast').map((r) => [r.cells[0], r.line])).toEqual([
      ['h', 1],
      ['a\nb\nc', 2],
      ['next', 5],
      ['', 6],
      ['last', 7],
    ]);
  });

  const cell = fc.oneof(fc.string({ unit: 'binary', maxLength: 20 }), fc.constantFrom('', '"', '""', ',', '\r\n', '\n', '\r', "=cmd|' /C calc'!A0", '@x', '-', ' ', '\t'));
  const rows = fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { maxLength: 8 });

  it('property: what csvLine writes, parseCsv reads back (with the apostrophe before a formula)', () => {
    fc.assert(
      fc.property(rows, (table) => {
        const parsed = parseCsv(table.map(csvLine).join(''));
        expect(parsed).toHaveLength(table.length);
        parsed.forEach((row, r) =>
          row.forEach((value, c) => {
            const original = table[r]?.[c] ?? '';
            expect(value === original || value === `'${original}`).toBe(true);
            if (/^[=+\-@\t\r]/.test(original)) expect(value).toBe(`'${original}`);
          }),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('property: any split into chunks reads the same rows and lines as the whole text', () => {
    fc.assert(
      fc.property(rows, fc.array(fc.nat(200), { maxLength: 10 }), (table, cuts) => {
        const text = table.map(csvLine).join('');
        const reader = new CsvReader();
        const got = [];
        let at = 0;
        for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
          got.push(...reader.push(text.slice(at, Math.max(at, cut))));
          at = Math.max(at, cut);
        }
        got.push(...reader.push(text.slice(at)), ...reader.end());
        expect(got).toEqual(csvRows(text));
      }),
      { numRuns: 300 },
    );
  });

  it('reads a big quoted cell in linear time', () => {
    const big = `"${'{""k"":""v""},'.repeat(200_000)}"\r\n`;
    const start = performance.now();
    const [row] = parseCsv(big);
    expect(row?.[0]).toBe('{"k":"v"},'.repeat(200_000));
    expect(performance.now() - start).toBeLessThan(2_000);
  });
});
