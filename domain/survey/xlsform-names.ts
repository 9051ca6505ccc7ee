/**
 * XLSForm names as questionnaire ids. XLSForm takes `-`, `.`, letters of any script, a
 * leading `_`, the expression language's reserved words, and the same name in different
 * groups or repeats; ids take none of these. Each name gets a safe id, unique in the
 * questionnaire, and every renaming is said; references are resolved later by place (the
 * nearest item of a name, as ODK does), from what is recorded here.
 */

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;
/** The questionnaire's reserved words (CEL's, and names the evaluator binds). */
const RESERVED = new Set(['true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while', 'has', 'size', 'int', 'uint', 'double', 'string', 'bool', 'bytes', 'list', 'map', 'type', 'dyn']);

export interface Named {
  readonly id: string;
  /** Why the id differs from the name, when it does. */
  readonly renamed?: string;
}

export class NameTable {
  private readonly taken = new Set<string>();
  /** Every id given to a name, in the order met. */
  readonly candidates = new Map<string, string[]>();
  /** Each item's id by its place: names from the top joined with ' > '. */
  readonly byPath = new Map<string, string>();

  /** A safe, unused id for `name`, which sits at `place` (its containers' names, then its own) inside `container` (an id). */
  allocate(name: string, place: readonly string[], container: string | undefined): Named {
    const base = safeId(name);
    let id = base.id;
    let reason = base.reason;
    if (this.taken.has(id)) {
      const prefixed = container === undefined ? undefined : `${container}_${id}`.slice(0, 63);
      id = prefixed !== undefined && !this.taken.has(prefixed) ? prefixed : this.numbered(id);
      reason = this.candidates.has(name) ? 'the name is used more than once' : 'another name already became that id';
    }
    this.taken.add(id);
    if (!this.candidates.has(name)) this.candidates.set(name, []);
    this.candidates.get(name)!.push(id);
    this.byPath.set(place.join(' > '), id);
    return reason === undefined ? { id } : { id, renamed: reason };
  }

  /** An id nothing has, for what the import adds itself (a generated choice list). */
  reserve(wanted: string): string {
    const id = this.taken.has(wanted) ? this.numbered(wanted) : wanted;
    this.taken.add(id);
    return id;
  }

  private numbered(id: string): string {
    for (let n = 2; ; n++) {
      const candidate = `${id.slice(0, 60)}_${n}`;
      if (!this.taken.has(candidate)) return candidate;
    }
  }
}

/** A name as an id: other characters become _, a letter is put first, a reserved word gets a trailing _. */
export function safeId(name: string): { id: string; reason?: string } {
  if (IDENTIFIER.test(name) && !RESERVED.has(name)) return { id: name };
  let id = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z]/.test(id)) id = `q${id.startsWith('_') ? '' : '_'}${id}`;
  id = id.slice(0, 62);
  if (RESERVED.has(id)) return { id: `${id}_`, reason: 'it is a reserved word of the expression language' };
  return { id, reason: 'ids take a letter, then letters, digits and _' };
}
