/** Enough of a client-supplied value to recognise it in a message or log, never a whole oversized one. */
export function clip(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
