;; Variant a: one sleep between a "before" and an "after".
;; Written as if `fetch_number` answered at once. After `wasm-opt --asyncify`
;; the same function can pause at that call while JavaScript awaits a promise.
(module
  ;; ANCHOR: imports
  (import "env" "before" (func $before))
  ;; Async in JavaScript: waits `delay_ms`, then answers a number.
  (import "env" "fetch_number" (func $fetch_number (param $delay_ms i32) (result i32)))
  (import "env" "after" (func $after (param $fetched i32)))
  ;; ANCHOR_END: imports

  ;; Bytes 1024..2047 are kept free for the asyncify data (see the harness).
  (memory (export "memory") 1)

  ;; ANCHOR: fetch_and_add
  (func $fetch_and_add (export "fetch_and_add") (param $delay_ms i32) (param $addend i32) (result i32)
    (local $fetched i32)
    (call $before)
    (local.set $fetched (call $fetch_number (local.get $delay_ms)))
    (call $after (local.get $fetched))
    ;; $addend was set before the pause and is read after it.
    (i32.add (local.get $fetched) (local.get $addend)))
  ;; ANCHOR_END: fetch_and_add
)
