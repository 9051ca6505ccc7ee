import { describe, expect, it } from 'vitest';
import { csvCell, parseCsv } from '../../api/csv.js';

describe('parseCsv', () => {
  it('splits plain rows and cells', () => {
    expect(parseCsv('id,type,areaCode\nu1,household,01001\nu2,household,79001')).toEqual([
      ['id', 'type', 'areaCode'],
      ['u1', 'household', '01001'],
      ['u2', 'household', '79001'],
    ]);
  });

  it('keeps commas, newlines and CRLF inside quoted fields', () => {
    expect(parseCsv('a,"b, c","line 1\nline 2","x\r\ny"\n')).toEqual([['a', 'b, c', 'line 1\nline 2', 'x\r\ny']]);
  });

  it('turns doubled quotes into one quote', () => {
    expect(parseCsv('"say ""xin chào""",""""\n')).toEqual([['say "xin chào"', '"']]);
  });

  it('reads CRLF and LF line ends alike, and a lone CR', () => {
    expect(parseCsv('a,b\r\nc,d\ne,f\rg,h')).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f'], ['g', 'h']]);
  });

  it('a trailing newline adds no empty row', () => {
    expect(parseCsv('a,b\n')).toEqual([['a', 'b']]);
    expect(parseCsv('a,b\r\n')).toEqual([['a', 'b']]);
  });

  it('keeps empty cells, quoted or not, including a last empty one', () => {
    expect(parseCsv('a,,c\n,"",\n')).toEqual([['a', '', 'c'], ['', '', '']]);
    expect(parseCsv('a,')).toEqual([['a', '']]);
  });

  it('keeps a last row that holds only a quoted empty cell', () => {
    expect(parseCsv('a\n""')).toEqual([['a'], ['']]);
  });

  it('keeps Vietnamese text as is', () => {
    expect(parseCsv('u1,Hộ ông Nguyễn Văn Ánh')).toEqual([['u1', 'Hộ ông Nguyễn Văn Ánh']]);
  });

  it('gives no rows for empty text', () => {
    expect(parseCsv('')).toEqual([]);
  });
});

describe('csvCell', () => {
  it.each<[unknown, string]>([
    ['plain', 'plain'],
    [12.5, '12.5'],
    [false, 'false'],
    [null, ''],
    [undefined, ''],
    ['Hà Nội, Việt Nam', '"Hà Nội, Việt Nam"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
  ])('csvCell(%j) → %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('round-trips through parseCsv', () => {
    const cells = ['a,b', 'q"uote', 'multi\r\nline', '', 'Thành phố Hồ Chí Minh'];
    expect(parseCsv(cells.map(csvCell).join(','))).toEqual([cells]);
  });
});
