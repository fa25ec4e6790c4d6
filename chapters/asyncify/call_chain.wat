;; Variant c: the pause happens three calls deep. Unwinding saves the locals
;; of every function on the way out, so the asyncify data buffer must hold all
;; of them at once.
(module
  ;; ANCHOR: imports
  ;; Async in JavaScript: waits `delay_ms`, then answers a number.
  (import "env" "fetch_number" (func $fetch_number (param $delay_ms i32) (result i32)))
  ;; ANCHOR_END: imports

  ;; Bytes 1024..2047 are kept free for the asyncify data (see the harness).
  (memory (export "memory") 1)

  ;; ANCHOR: chain
  (func $outer (export "outer") (param $seed i32) (result i32)
    (local $hundreds i32)
    (local.set $hundreds (i32.mul (local.get $seed) (i32.const 100)))
    (i32.add (local.get $hundreds) (call $middle (local.get $seed))))

  (func $middle (param $seed i32) (result i32)
    (local $tens i32)
    (local.set $tens (i32.mul (local.get $seed) (i32.const 10)))
    (i32.add (local.get $tens) (call $inner (local.get $seed))))

  (func $inner (param $seed i32) (result i32)
    (local $ones i32)
    (local.set $ones (local.get $seed))
    ;; The pause: every caller above is still waiting for its result.
    (i32.add (local.get $ones) (call $fetch_number (i32.const 20))))
  ;; ANCHOR_END: chain
)
