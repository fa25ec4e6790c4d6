;; Exercise interop-externref: JavaScript objects kept by wasm.
;;
;; store(object) keeps the object in the table and returns its slot number;
;; load(slot) returns that very object; release(slot) empties the slot, and a
;; later store may reuse it. The table starts with 2 slots and must grow.
(module
  (table $objects 2 externref)

  (func (export "store") (param $object externref) (result i32)
    ;; TODO: find an empty slot (ref.is_null), growing the table when every
    ;; slot is full, put the object there, and return the slot.
    (i32.const 0))

  (func (export "load") (param $slot i32) (result externref)
    ;; TODO: return what the slot holds.
    (ref.null extern))

  (func (export "release") (param $slot i32)
    ;; TODO: empty the slot.
    )
)
