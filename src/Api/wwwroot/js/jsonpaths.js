// Where each JSON path of the editor's text sits, so a server error at `$.model.layers[0].units`
// can be shown on its line and selected. A small recursive-descent parser that records offsets;
// it stops at the first syntax error and reports that error's line and column.

/**
 * @param {string} text
 * @returns {{paths: Map<string, {start: number, end: number}>, syntaxError: null | {message: string, offset: number}}}
 */
export function locatePaths(text) {
  const paths = new Map();
  let i = 0;

  const fail = message => { throw { message, offset: i }; };
  const space = () => { while (i < text.length && /\s/.test(text[i])) i++; };
  const expect = ch => { space(); if (text[i] !== ch) fail(`expected '${ch}'`); i++; };

  function string() {
    if (text[i] !== '"') fail('expected a string');
    const start = i++;
    while (i < text.length && text[i] !== '"') { if (text[i] === '\\') i++; i++; }
    if (i >= text.length) fail('unterminated string');
    i++;
    return JSON.parse(text.slice(start, i));
  }

  function value(path) {
    space();
    const start = i;
    const ch = text[i];
    if (ch === '{') {
      i++; space();
      if (text[i] === '}') i++;
      else for (;;) {
        space();
        const key = string();
        expect(':');
        value(`${path}.${key}`);
        space();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; break; }
        fail("expected ',' or '}'");
      }
    } else if (ch === '[') {
      i++; space();
      if (text[i] === ']') i++;
      else for (let index = 0; ; index++) {
        value(`${path}[${index}]`);
        space();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; break; }
        fail("expected ',' or ']'");
      }
    } else if (ch === '"') string();
    else {
      const literal = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
      if (!literal) fail(i >= text.length ? 'unexpected end of the text' : `unexpected '${ch}'`);
      i += literal[0].length;
    }
    // The first occurrence wins: that is where a duplicate key's error is best shown too.
    if (!paths.has(path)) paths.set(path, { start, end: i });
  }

  try {
    value('$');
    space();
    if (i < text.length) fail('unexpected text after the JSON value');
    return { paths, syntaxError: null };
  } catch (error) {
    if (!('offset' in error)) throw error;
    return { paths, syntaxError: error };
  }
}

/** The range of `path`, or of its nearest ancestor that is in the text (a missing field points at its object). */
export function rangeOf(paths, path) {
  for (let p = path; p; p = parentPath(p)) if (paths.has(p)) return { ...paths.get(p), exact: p === path };
  return { start: 0, end: 0, exact: false };
}

function parentPath(path) {
  const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
  return cut > 0 ? path.slice(0, cut) : path === '$' ? null : '$';
}

export function lineAndColumn(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
