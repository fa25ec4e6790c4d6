;; Exercise interop-externref: JavaScript objects kept by wasm.
(module
  (table $objects 2 externref)

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

  (func (export "release") (param $slot i32)
    (table.set $objects (local.get $slot) (ref.null extern)))
)
