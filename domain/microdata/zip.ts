import { strToU8, Zip, ZipDeflate } from 'fflate';
import { levelCsv, levelFileName, type Responses } from './csv.js';
import { ddiCodebook, type Study } from './ddi.js';
import { valueLabelsCsv } from './labels.js';
import { Tally, type MicrodataLayout } from './levels.js';

/**
 * Every level's table, the value labels and the DDI codebook in one zip, written as it is
 * read: each level's table is compressed response by response, so memory holds a response's
 * rows and the compressor's window, not the cycle. The responses are read once per level, and
 * the codebook comes last, when the case counts are known.
 */

/** Not a level's file name: roster ids cannot hold a hyphen or end in `.xml`. */
export const VALUE_LABELS_FILE = 'value-labels.csv';
export const CODEBOOK_FILE = 'codebook.xml';

export interface ZipOptions {
  /** The files' modification time: the export's, passed in so the same input gives the same bytes. */
  readonly modifiedAt: Date;
  /** Start each CSV with a UTF-8 byte order mark (for Excel). */
  readonly bom?: boolean;
}

export async function* microdataZip(layout: MicrodataLayout, study: Study, responses: () => Responses, options: ZipOptions): AsyncGenerator<Uint8Array> {
  const ready: Uint8Array[] = [];
  let failure: Error | null = null;
  // fflate's synchronous deflate hands over compressed bytes within each push.
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else ready.push(chunk);
  });
  function* drain(): Generator<Uint8Array> {
    if (failure) throw failure;
    yield* ready.splice(0, ready.length);
  }
  const open = (name: string) => {
    const file = new ZipDeflate(name, { level: 6 });
    file.mtime = options.modifiedAt;
    zip.add(file);
    return file;
  };

  const tally = new Tally();
  for (const level of layout.levels) {
    const file = open(levelFileName(level));
    for await (const text of levelCsv(layout, level, responses(), { tally, ...(options.bom ? { bom: true } : {}) })) {
      file.push(strToU8(text));
      yield* drain();
    }
    file.push(new Uint8Array(0), true);
    yield* drain();
  }
  open(VALUE_LABELS_FILE).push(strToU8(`${options.bom ? '\uFEFF' : ''}${valueLabelsCsv(layout)}`), true);
  yield* drain();
  open(CODEBOOK_FILE).push(strToU8(ddiCodebook(layout, study, tally)), true);
  zip.end();
  yield* drain();
}
