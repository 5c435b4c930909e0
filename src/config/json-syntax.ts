/**
 * Where a JSON text stops being JSON, as "line L, column C", for a configuration problem.
 * JSON.parse's own message can quote the text around the fault, and the text here may hold
 * SecretKeys, so the place is found by this small reader instead, which says only what it
 * expected there.
 */

class Fault extends Error {
  constructor(
    readonly offset: number,
    readonly expected: string,
  ) {
    super(expected);
  }
}

/** undefined when `text` is JSON; else where and what was expected, never a character of the text. */
export function jsonSyntaxFault(text: string): string | undefined {
  let at = 0;
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at += 1;
  };
  const expect = (char: string, what: string) => {
    if (text[at] !== char) throw new Fault(at, what);
    at += 1;
  };
  const value = (): void => {
    space();
    const char = text[at];
    if (char === '{')
      return members('}', () => {
        string('a property name in double quotes');
        space();
        expect(':', "':' after a property name");
        value();
      });
    if (char === '[') return members(']', value);
    if (char === '"') return string('a value');
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(at, at + 400));
    if (!literal) throw new Fault(at, 'a value');
    at += literal[0].length;
  };
  const members = (close: string, member: () => void): void => {
    at += 1;
    space();
    if (text[at] === close) {
      at += 1;
      return;
    }
    for (;;) {
      space();
      member();
      space();
      if (text[at] === close) {
        at += 1;
        return;
      }
      expect(',', `',' or '${close}'`);
    }
  };
  const string = (what: string): void => {
    space();
    expect('"', what);
    for (;;) {
      const char = text[at];
      if (char === undefined || char < ' ') throw new Fault(at, 'the end of a string (")');
      at += 1;
      if (char === '"') return;
      if (char !== '\\') continue;
      const escaped = /^(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/.exec(text.slice(at, at + 5));
      if (!escaped) throw new Fault(at, 'an escape such as \\" or \\u0041');
      at += escaped[0].length;
    }
  };
  try {
    value();
    space();
    if (at < text.length) throw new Fault(at, 'the end of the text');
    return undefined;
  } catch (error) {
    if (!(error instanceof Fault)) throw error;
    const before = text.slice(0, error.offset).split('\n');
    const place = `line ${before.length}, column ${before.at(-1)!.length + 1}`;
    return `${place}: expected ${error.offset >= text.length ? `${error.expected}, found the end` : error.expected}`;
  }
}
