;; round_trip.wat, plumbed for the original JSPI API (Node 20 with
;; --experimental-wasm-stack-switching): the export receives a Suspender and
;; hands it back to the import that may suspend.
(module
  (import "env" "wait"
    (func $wait_with_suspender (param $suspender externref) (param $value i32) (result i32)))

  (memory (export "memory") 1)

  (global $suspender (mut externref) (ref.null extern))

  (func $wait (param $value i32) (result i32)
    (call $wait_with_suspender (global.get $suspender) (local.get $value)))

  ;; Unchanged from round_trip.wat.
  (func $descend (param $depth i32) (param $value i32) (result i32)
    (if (result i32) (i32.le_u (local.get $depth) (i32.const 1))
      (then (call $wait (local.get $value)))
      (else
        (i32.add
          (call $descend (i32.sub (local.get $depth) (i32.const 1)) (local.get $value))
          (i32.const 1)))))

  ;; The export takes the Suspender first and parks it for $wait.
  (func (export "round_trip") (param $suspender externref) (param $depth i32) (param $value i32) (result i32)
    (global.set $suspender (local.get $suspender))
    (call $descend (local.get $depth) (local.get $value)))
)
