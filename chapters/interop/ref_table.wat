;; The same job without a JavaScript heap: wasm keeps the objects itself, as
;; externref values in a table, and hands out table indexes.
(module
  ;; ANCHOR: table
  (import "object" "name_length" (func $name_length (param $object externref) (result i32)))

  (table $objects 0 externref)
  ;; ANCHOR_END: table

  ;; ANCHOR: slots
  ;; Stores `object` in the first empty slot, growing the table when none is
  ;; empty, and returns the slot's index.
  (func (export "store") (param $object externref) (result i32)
    (local $slot i32)
    (block $found
      (loop $next_slot
        (br_if $found (i32.ge_u (local.get $slot) (table.size $objects)))
        (br_if $found (ref.is_null (table.get $objects (local.get $slot))))
        (local.set $slot (i32.add (local.get $slot) (i32.const 1)))
        (br $next_slot)))
    (if (i32.eq (local.get $slot) (table.size $objects))
      (then (drop (table.grow $objects (ref.null extern) (i32.const 1)))))
    (table.set $objects (local.get $slot) (local.get $object))
    (local.get $slot))

  (func (export "load") (param $slot i32) (result externref)
    (table.get $objects (local.get $slot)))

  ;; Empties the slot, so the object can be garbage-collected and the slot reused.
  (func (export "release") (param $slot i32)
    (table.set $objects (local.get $slot) (ref.null extern)))
  ;; ANCHOR_END: slots

  ;; ANCHOR: pick_longer
  ;; Compares two stored objects through an import that looks inside them.
  (func (export "pick_longer") (param $a i32) (param $b i32) (result i32)
    (if (result i32)
      (i32.ge_u
        (call $name_length (table.get $objects (local.get $a)))
        (call $name_length (table.get $objects (local.get $b))))
      (then (local.get $a))
      (else (local.get $b))))
  ;; ANCHOR_END: pick_longer
)
