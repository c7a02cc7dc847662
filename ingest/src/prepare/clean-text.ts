import { FileError } from "../document-model";

/**
 * Text hygiene shared by every parser: NFC, no control characters (tab and newline kept),
 * no zero-width or bidi-override characters that hide text from a reader but not from search.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF\u00AD]/g;

export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, "\n").normalize("NFC").replace(CONTROL, "").replace(INVISIBLE, "");
}

/** Collapses runs of spaces inside a line; used for text extracted from markup. */
export function squashSpaces(text: string): string {
  return text.replace(/[ \t\u00A0]+/g, " ").trim();
}

function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let suspicious = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) suspicious++;
  }
  return sample.length > 0 && suspicious / sample.length > 0.05;
}

/**
 * Bytes → string: BOMs decide UTF-8/UTF-16; otherwise strict UTF-8, and Latin-1 only when the
 * bytes look like Latin-1 prose (no C1 control range, which real Latin-1 text never uses).
 * Anything else is refused rather than indexed as mojibake.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return strictUtf8(bytes.subarray(3));
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  if (looksBinary(bytes)) throw new FileError("binary content — not a text file");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    if (bytes.some((b) => b >= 0x80 && b <= 0x9f)) {
      throw new FileError("invalid UTF-8 (and not UTF-16 with a BOM or Latin-1)");
    }
    return new TextDecoder("latin1").decode(bytes);
  }
}

function strictUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (error) {
    throw new FileError("invalid UTF-8 after a UTF-8 byte-order mark", { cause: error });
  }
}
