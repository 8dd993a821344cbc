/** A config or rule file that is not valid YAML or JSON; the message reads `file:line:column: problem`. */
export class ConfigSyntaxError extends Error {
  override name = 'ConfigSyntaxError';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    problem: string,
  ) {
    super(`${file}:${line}:${column}: ${problem}`);
  }
}

/**
 * Parses YAML (the core schema: plain data only, no custom tags, nothing executed). `file` names
 * the file in errors, which give its line and column. The parser is imported on first use: most
 * runs find a JSON config or none.
 */
export async function parseYamlFile(text: string, file: string): Promise<unknown> {
  const { YAMLParseError, parse: parseYaml } = await import('yaml');
  try {
    return parseYaml(text, { prettyErrors: true });
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    const at = error.linePos?.[0] ?? { line: 1, col: 1 };
    const problem = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigSyntaxError(file, at.line, at.col, `not valid YAML: ${problem}`);
  }
}

/** Parses JSON strictly; an error names the line and column of the first thing that is not JSON. */
export function parseJsonFile(text: string, file: string): unknown {
  const source = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(source);
  } catch {
    // JSON.parse does not always say where (Node 20: "Unexpected end of JSON input"), so find it.
    const { offset, problem } = locateJsonError(source);
    const before = source.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    throw new ConfigSyntaxError(file, line, column, `not valid JSON: ${problem}`);
  }
}

/** Walks `text` as JSON and returns where and why it first goes wrong. */
export function locateJsonError(text: string): { offset: number; problem: string } {
  let at = 0;
  class Stop extends Error {
    constructor(readonly problem: string) {
      super(problem);
    }
  }
  const describe = () => (at >= text.length ? 'unexpected end of file' : `unexpected ${JSON.stringify(text[at])}`);
  const stop = (expected?: string): never => {
    throw new Stop(expected ? `${describe()}, expected ${expected}` : describe());
  };
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at += 1;
  };
  const string = () => {
    at += 1;
    while (at < text.length && text[at] !== '"') {
      if (text[at] === '\\') {
        at += 1;
        if (text[at] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5))) stop('a \\u escape with four hex digits');
          at += 4;
        } else if (!'"\\/bfnrt'.includes(text[at] ?? 'x')) {
          stop('a valid escape');
        }
      } else if (text.charCodeAt(at) < 0x20) {
        stop('a closing quote');
      }
      at += 1;
    }
    if (at >= text.length) stop('a closing quote');
    at += 1;
  };
  const value = (): void => {
    space();
    const char = text[at];
    if (char === '{') {
      at += 1;
      space();
      if (text[at] === '}') return void (at += 1);
      for (;;) {
        space();
        if (text[at] !== '"') stop('a property name in double quotes');
        string();
        space();
        if (text[at] !== ':') stop("':'");
        at += 1;
        value();
        space();
        if (text[at] === ',') at += 1;
        else if (text[at] === '}') return void (at += 1);
        else stop("',' or '}'");
      }
    }
    if (char === '[') {
      at += 1;
      space();
      if (text[at] === ']') return void (at += 1);
      for (;;) {
        value();
        space();
        if (text[at] === ',') at += 1;
        else if (text[at] === ']') return void (at += 1);
        else stop("',' or ']'");
      }
    }
    if (char === '"') return string();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(at, at + 400));
    if (!literal) stop('a value');
    at += literal![0].length;
  };
  try {
    value();
    space();
    if (at < text.length) stop('the end of the file');
    return { offset: 0, problem: 'not valid JSON' };
  } catch (error) {
    if (error instanceof Stop) return { offset: Math.min(at, text.length), problem: error.problem };
    throw error;
  }
}
