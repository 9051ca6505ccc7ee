import { levelRows, type Level, type MicrodataLayout, type MicrodataResponse, type Tally } from './levels.js';

/**
 * CSV as RFC 4180 writes it: CRLF after every record, a field quoted when it holds a comma, a
 * quote, CR or LF, and a quote inside doubled. UTF-8, no byte order mark unless asked for
 * (Excel wants one to read UTF-8; Stata and R read the file as it is).
 */

export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export type Responses = Iterable<MicrodataResponse> | AsyncIterable<MicrodataResponse>;

export interface CsvOptions {
  /** Counts what is written, for the codebook. */
  readonly tally?: Tally;
  /** Start with a UTF-8 byte order mark. */
  readonly bom?: boolean;
}

/**
 * One level's table: the header, then each response's rows as one chunk, so that a cycle of any
 * size streams without its rows held in memory.
 */
export async function* levelCsv(layout: MicrodataLayout, level: Level, responses: Responses, options: CsvOptions = {}): AsyncGenerator<string> {
  yield `${options.bom ? '\uFEFF' : ''}${csvLine(level.columns.map((c) => c.name))}`;
  for await (const response of responses) {
    let chunk = '';
    for (const cells of levelRows(layout, level, response)) {
      options.tally?.count(level, cells);
      chunk += csvLine(cells);
    }
    if (chunk !== '') yield chunk;
  }
}

/** The file a level's table is written to. */
export function levelFileName(level: Level): string {
  return `${level.id}.csv`;
}
