/**
 * Just enough XML to write a codebook: elements with attributes, children or text, escaped,
 * indented where an element holds only elements (text is never re-indented).
 */

export type Attributes = Readonly<Record<string, string | number | undefined>>;

export interface XmlElement {
  readonly name: string;
  readonly attributes: Attributes;
  readonly content: string | readonly XmlElement[];
}

/** An element; children that are `null`, `undefined` or `false` are left out. */
export function el(name: string, attributes: Attributes, ...children: readonly (XmlElement | readonly XmlElement[] | null | undefined | false)[]): XmlElement {
  return { name, attributes, content: children.flatMap((child) => (child ? [child] : [])).flat() };
}

export function textEl(name: string, attributes: Attributes, text: string): XmlElement {
  return { name, attributes, content: text };
}

/** Characters XML 1.0 cannot carry at all, escaped or not, and unpaired surrogates. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeText(text: string): string {
  // A CR written as is would be read back as a line feed.
  return text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

export function escapeAttribute(text: string): string {
  // Whitespace in an attribute is normalised to spaces on reading unless written as references.
  return escapeText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

export function serialize(element: XmlElement, depth = 0): string {
  const indent = '  '.repeat(depth);
  const attributes = Object.entries(element.attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`)
    .join('');
  const open = `${indent}<${element.name}${attributes}`;
  if (typeof element.content === 'string') return element.content === '' ? `${open}/>` : `${open}>${escapeText(element.content)}</${element.name}>`;
  if (element.content.length === 0) return `${open}/>`;
  return `${open}>\n${element.content.map((child) => serialize(child, depth + 1)).join('\n')}\n${indent}</${element.name}>`;
}

export function xmlDocument(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(root)}\n`;
}
