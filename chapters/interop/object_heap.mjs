// ANCHOR: heap
// A heap of JavaScript objects that wasm refers to by number, the way
// wasm-bindgen's generated glue does it. Slot i holds an object, or, when it
// is free, the index of the next free slot: the free list lives in the array.
export class ObjectHeap {
  #slots = [];
  #firstFree = -1;

  /** Stores `object` and returns its handle, reusing a freed slot first. */
  add(object) {
    if (this.#firstFree === -1) {
      this.#slots.push(object);
      return this.#slots.length - 1;
    }
    const handle = this.#firstFree;
    this.#firstFree = this.#slots[handle].nextFree;
    this.#slots[handle] = object;
    return handle;
  }

  /** The object behind `handle`. */
  get(handle) {
    const slot = this.#slots[handle];
    if (slot === undefined || slot instanceof FreeSlot) {
      throw new RangeError(`handle ${handle} does not refer to a live object`);
    }
    return slot;
  }

  /** Frees `handle`; the next `add` gets it back. */
  drop(handle) {
    this.get(handle);
    this.#slots[handle] = new FreeSlot(this.#firstFree);
    this.#firstFree = handle;
  }

  /** How many objects are alive. */
  get live() {
    return this.#slots.filter((slot) => !(slot instanceof FreeSlot)).length;
  }
}

class FreeSlot {
  constructor(nextFree) {
    this.nextFree = nextFree;
  }
}
// ANCHOR_END: heap
