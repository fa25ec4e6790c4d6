;; Wasm cannot hold a JavaScript object in linear memory, so it holds a number
;; that JavaScript's heap (object_heap.mjs) maps back to the object. To look at
;; the object, wasm calls an import with that number.
(module
  ;; ANCHOR: handles
  ;; the length of the `name` of the object behind `handle`
  (import "heap" "name_length" (func $name_length (param $handle i32) (result i32)))

  ;; Returns whichever of two objects has the longer name, as its handle.
  (func (export "pick_longer") (param $a i32) (param $b i32) (result i32)
    (if (result i32)
      (i32.ge_u (call $name_length (local.get $a)) (call $name_length (local.get $b)))
      (then (local.get $a))
      (else (local.get $b))))
  ;; ANCHOR_END: handles
)
