// Where the source chapter put its three breakpoints, found in the bytes of
// the emscripten chapter's `sleep-twice` module: the first instruction of
// the exported `wasm_sleep`, its `i32.const 12345`, and its call to the
// `__asyncjs__timeout` import. DevTools addresses a wasm location by its byte
// offset in the module (line 0, column = offset).

function reader(bytes, start) {
  let at = start;
  const u32 = () => {
    let result = 0;
    let shift = 0;
    let byte;
    do {
      byte = bytes[at];
      at += 1;
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return result;
  };
  const name = () => {
    const length = u32();
    at += length;
    return new TextDecoder().decode(bytes.subarray(at - length, at));
  };
  const byte = () => bytes[at++];
  const limits = () => {
    const flags = byte();
    u32();
    if (flags & 1) u32();
  };
  return { u32, name, byte, limits, at: () => at, skip: (count) => (at += count) };
}

/** Each section's id, with the offsets where its contents start and end. */
function sections(bytes) {
  const read = reader(bytes, 8);
  const found = [];
  while (read.at() < bytes.length) {
    const id = read.byte();
    const size = read.u32();
    found.push({ id, start: read.at(), end: read.at() + size });
    read.skip(size);
  }
  return found;
}

/** The function imports' names, in index order. */
function functionImports(bytes, section) {
  const read = reader(bytes, section.start);
  const names = [];
  for (let count = read.u32(); count > 0; count -= 1) {
    read.name();
    const field = read.name();
    const kind = read.byte();
    if (kind === 0) {
      read.u32();
      names.push(field);
    } else if (kind === 1) {
      read.byte();
      read.limits();
    } else if (kind === 2) {
      read.limits();
    } else if (kind === 3) {
      read.skip(2);
    } else {
      throw new Error(`import kind ${kind} is not expected in this module`);
    }
  }
  return names;
}

function exportedFunction(bytes, section, wanted) {
  const read = reader(bytes, section.start);
  for (let count = read.u32(); count > 0; count -= 1) {
    const name = read.name();
    const kind = read.byte();
    const index = read.u32();
    if (name === wanted && kind === 0) return index;
  }
  throw new Error(`no exported function ${wanted}`);
}

/** The offsets where the body of defined function `bodyIndex` has its first and past-last instruction. */
function functionBody(bytes, section, bodyIndex) {
  const read = reader(bytes, section.start);
  read.u32();
  for (let index = 0; ; index += 1) {
    const size = read.u32();
    const end = read.at() + size;
    if (index === bodyIndex) {
      for (let groups = read.u32(); groups > 0; groups -= 1) {
        read.u32();
        read.byte();
      }
      return { start: read.at(), end };
    }
    read.skip(size);
  }
}

function leb(value, signed) {
  const out = [];
  let rest = value;
  for (;;) {
    const low = rest & 0x7f;
    rest = Math.floor(rest / 128);
    const done = signed ? rest === 0 && !(low & 0x40) : rest === 0;
    out.push(done ? low : low | 0x80);
    if (done) return out;
  }
}

function find(bytes, body, pattern) {
  for (let at = body.start; at + pattern.length <= body.end; at += 1) {
    if (pattern.every((value, offset) => bytes[at + offset] === value)) return at;
  }
  throw new Error(`pattern ${pattern} is not in wasm_sleep`);
}

/** The three breakpoint locations of the walkthrough in `bytes`, the module's script `scriptId`. */
export function findBreakpoints(bytes, scriptId) {
  const byId = new Map(sections(bytes).map((section) => [section.id, section]));
  const imports = functionImports(bytes, byId.get(2));
  const functionIndex = exportedFunction(bytes, byId.get(7), 'wasm_sleep');
  const importIndex = imports.indexOf('__asyncjs__timeout');
  const body = functionBody(bytes, byId.get(10), functionIndex - imports.length);
  const at = (columnNumber) => ({ scriptId, lineNumber: 0, columnNumber });
  return {
    functionIndex,
    importIndex,
    locations: {
      entry: at(body.start),
      constant: at(find(bytes, body, [0x41, ...leb(12345, true)])),
      call: at(find(bytes, body, [0x10, ...leb(importIndex, false)])),
    },
  };
}
