// Where the asyncify driver keeps a paused stack: a header and a buffer in the
// instance's own memory, checked once at `attach` and before every rewind.
//
// ANCHOR: data_structure
// The asyncify data structure (binaryen reads it through the address given to
// `asyncify_start_unwind` and `asyncify_start_rewind`):
//
//   dataAddress + 0   i32  stack position: where the next saved byte goes.
//                          Unwinding pushes (it grows), rewinding pops.
//   dataAddress + 4   i32  stack end: the first byte the buffer may not use.
//   dataAddress + 8   ...  the buffer itself, `stackBytes` long.
//
// Both fields are absolute addresses (unsigned). Before each unwind the driver
// sets position to the buffer's start and end to its end; before each rewind
// it checks that start <= position <= end and that end is unchanged.
//
// binaryen does not check the end while it saves locals: it writes past it
// first and traps (`unreachable`) afterwards, in `asyncify_stop_unwind`, when
// it finds position > end. This driver reads the header before that call so it
// can report the overflow by name instead of as a bare trap.
// ANCHOR_END: data_structure

const HEADER_BYTES = 8;

/** The exports that `--asyncify` adds to a module. */
const ASYNCIFY_EXPORTS = [
  'asyncify_start_unwind',
  'asyncify_stop_unwind',
  'asyncify_start_rewind',
  'asyncify_stop_rewind',
  'asyncify_get_state',
];

/** Refuses an instance that lacks the asyncify exports or an exported memory. */
export function checkAsyncifyExports(instanceExports) {
  // `in` rather than a read: host.instantiate's strict exports throw on a read.
  for (const name of ASYNCIFY_EXPORTS) {
    if (!(name in instanceExports)) {
      throw new Error(
        `asyncify driver: the module has no export "${name}"; was it built with wasm-opt --asyncify?`,
      );
    }
  }
  if (!('memory' in instanceExports)) {
    throw new Error(
      'asyncify driver: the module has the asyncify exports but does not export its memory ' +
        'as "memory"; the driver keeps the asyncify data there, so export it ' +
        '(in WAT: `(memory (export "memory") 1)`)',
    );
  }
  if (!(instanceExports.memory instanceof WebAssembly.Memory)) {
    throw new Error('asyncify driver: the export "memory" is not a WebAssembly.Memory');
  }
}

/**
 * The header and buffer at `layout` in `memory`, after checking the layout
 * against the memory once, so a bad address fails here, with its numbers,
 * instead of as a wasm trap or a corrupted stack later.
 */
export function createDataRegion(memory, { dataAddress, stackBytes }) {
  const problems = layoutProblems(dataAddress, stackBytes, memory.buffer.byteLength);
  if (problems.length > 0) {
    throw new Error(`asyncify driver: bad layout: ${problems.join('; ')}`);
  }
  const bufferStart = dataAddress + HEADER_BYTES;
  const bufferEnd = bufferStart + stackBytes;
  const view = () => new DataView(memory.buffer); // memory may grow: always the current buffer
  const region = {
    dataAddress,
    bufferStart,
    bufferEnd,
    capacity: stackBytes,
    /** The header's two fields as they are now. */
    read: () => ({
      position: view().getUint32(dataAddress, true),
      end: view().getUint32(dataAddress + 4, true),
    }),
    /** An empty stack: the position at the start of the buffer. */
    reset() {
      view().setUint32(dataAddress, bufferStart, true);
      view().setUint32(dataAddress + 4, bufferEnd, true);
    },
    /** Before binaryen reads the header, checks that it still describes this buffer. */
    check: (when) => checkHeader(region, region.read(), when),
    /** A copy of the saved stack, from the buffer's start to `position`. */
    savedBytes: (position) => new Uint8Array(memory.buffer.slice(bufferStart, position)),
    /** Bytes from the buffer's start to the end of memory. */
    roomToMemoryEnd: () => memory.buffer.byteLength - bufferStart,
  };
  return region;
}

function checkHeader(region, { position, end }, when) {
  const { dataAddress, bufferStart, bufferEnd } = region;
  if (end !== bufferEnd) {
    throw new Error(
      `asyncify driver: ${when}, the stack end at ${dataAddress + 4} is ${end}, ` +
        `not ${bufferEnd}: something overwrote the asyncify data header`,
    );
  }
  if (position < bufferStart || position > end) {
    throw new Error(
      `asyncify driver: ${when}, the stack position ${position} is outside the buffer ` +
        `${bufferStart}..${end}`,
    );
  }
  return { position, end };
}

function layoutProblems(dataAddress, stackBytes, memoryBytes) {
  const problems = [];
  if (!Number.isInteger(dataAddress) || dataAddress < 0) {
    problems.push(`dataAddress must be a non-negative integer, not ${dataAddress}`);
  } else if (dataAddress === 0) {
    problems.push(
      'dataAddress 0 puts the header where a null pointer points; code that reads or writes ' +
        'address 0 would meet the stack position instead of what it expects, and give changed ' +
        "results without an error (binaryen's own tests use 4); start at 4 or later",
    );
  } else if (dataAddress % 4 !== 0) {
    problems.push(`dataAddress ${dataAddress} must be a multiple of 4 (the header holds two i32)`);
  }
  if (!Number.isInteger(stackBytes) || stackBytes <= 0) {
    problems.push(`stackBytes must be a positive integer, not ${stackBytes}`);
  } else if (stackBytes % 4 !== 0) {
    problems.push(`stackBytes ${stackBytes} must be a multiple of 4`);
  }
  const numbers = Number.isInteger(dataAddress) && Number.isInteger(stackBytes);
  if (numbers && dataAddress + HEADER_BYTES + stackBytes > memoryBytes) {
    problems.push(
      `the data (${dataAddress}..${dataAddress + HEADER_BYTES + stackBytes}) ends past the ` +
        `memory's ${memoryBytes} bytes`,
    );
  }
  return problems;
}
