// Freezes the JavaScript built-ins (Object, Array, Promise, WebAssembly, ...,
// their prototypes and everything reachable from them) once the host has
// installed its own tracing, before a graded harness loads. A submission
// then cannot patch what the check computes and prints with: the assignment
// throws. Node's --frozen-intrinsics would freeze them before the host's
// tracing could wrap Atomics and WebAssembly, so the host freezes them itself.
//
// An assignment to a frozen inherited property (`error.name = 'X'`) would
// throw too (JavaScript's "override mistake"); for the properties code
// commonly assigns, an accessor makes such an assignment define an own
// property on the object instead, as Node's --frozen-intrinsics does.

const ROOTS = [
  'Object', 'Function', 'Array', 'String', 'Number', 'Boolean', 'Symbol', 'BigInt', 'Math', 'JSON',
  'Reflect', 'Proxy', 'Promise', 'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry',
  'ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'Atomics', 'WebAssembly', 'RegExp', 'Date', 'Intl',
  'Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError', 'AggregateError',
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
  'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array', 'TextEncoder', 'TextDecoder',
  'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'encodeURIComponent', 'decodeURIComponent',
  'encodeURI', 'decodeURI', 'queueMicrotask', 'structuredClone', 'setTimeout', 'setInterval', 'setImmediate',
  'clearTimeout', 'clearInterval', 'clearImmediate',
];

// Properties code assigns on its own objects, which would otherwise hit a frozen prototype.
const OVERRIDABLE = ['constructor', 'name', 'message', 'toString', 'valueOf', 'toJSON', 'then', 'stack'];

const { freeze, getPrototypeOf, getOwnPropertyDescriptor, defineProperty, isFrozen, hasOwn } = Object;
const { ownKeys } = Reflect;

function overridable(object) {
  for (const key of OVERRIDABLE) {
    const descriptor = getOwnPropertyDescriptor(object, key);
    if (!descriptor || !hasOwn(descriptor, 'value') || !descriptor.writable || !descriptor.configurable) continue;
    const { value } = descriptor;
    defineProperty(object, key, {
      get() {
        return value;
      },
      set(newValue) {
        if (this === object) throw new TypeError(`Cannot assign to read only property '${key}' of a built-in`);
        defineProperty(this, key, { value: newValue, writable: true, enumerable: true, configurable: true });
      },
      enumerable: descriptor.enumerable,
      configurable: false,
    });
  }
}

function harden(root) {
  const pending = [root];
  const seen = new Set();
  while (pending.length > 0) {
    const object = pending.pop();
    if ((typeof object !== 'object' && typeof object !== 'function') || object === null || seen.has(object)) continue;
    seen.add(object);
    if (typeof object === 'object' || typeof object === 'function') overridable(object);
    if (!isFrozen(object) && object !== Error) freeze(object);
    pending.push(getPrototypeOf(object));
    for (const key of ownKeys(object)) {
      const descriptor = getOwnPropertyDescriptor(object, key);
      if (descriptor) pending.push(descriptor.value, descriptor.get, descriptor.set);
    }
  }
}

// Node's internals set Error.stackTraceLimit (around a stack overflow, for
// one), and V8 reads it only as a plain data property: it stays writable,
// and everything else on Error is frozen one property at a time.
function freezeAllBut(object, writableKey) {
  for (const key of ownKeys(object)) {
    if (key === writableKey) continue;
    const descriptor = getOwnPropertyDescriptor(object, key);
    if (hasOwn(descriptor, 'value')) descriptor.writable = false;
    descriptor.configurable = false;
    defineProperty(object, key, descriptor);
  }
  Object.preventExtensions(object);
}

/** Freezes the built-ins and the named globals that hold them. */
export function lockdown() {
  freezeAllBut(Error, 'stackTraceLimit');
  const generators = [function* () {}, async function () {}, async function* () {}, () => {}];
  const iterators = [[][Symbol.iterator](), new Map()[Symbol.iterator](), ''[Symbol.iterator](), /x/[Symbol.matchAll]('x')];
  for (const name of ROOTS) {
    if (hasOwn(globalThis, name)) {
      harden(globalThis[name]);
      const descriptor = getOwnPropertyDescriptor(globalThis, name);
      if (descriptor.configurable) defineProperty(globalThis, name, { value: descriptor.value ?? globalThis[name], writable: false, configurable: false, enumerable: descriptor.enumerable });
    }
  }
  for (const start of [...generators, ...iterators, getPrototypeOf(Uint8Array)]) harden(start);
}
