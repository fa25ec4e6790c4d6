;; The plain synchronous sleep: announce, wait, report, return. It calls `wait`
;; as if it blocked, and knows nothing about promises. JSPI wraps it from the
;; outside, so this file needs no change at all to wait for a JS Promise.
(module
  ;; ANCHOR: imports
  (import "env" "before" (func $before (param $duration_ms i32)))
  (import "env" "wait" (func $wait (param $duration_ms i32) (result i32)))
  (import "env" "after" (func $after (param $waited_ms i32)))
  ;; ANCHOR_END: imports

  ;; ANCHOR: sleep
  (func (export "sleep") (param $duration_ms i32) (result i32)
    (local $waited_ms i32)
    (call $before (local.get $duration_ms))
    ;; under JSPI this is where the whole wasm stack is set aside
    (local.set $waited_ms (call $wait (local.get $duration_ms)))
    (call $after (local.get $waited_ms))
    (local.get $waited_ms))
  ;; ANCHOR_END: sleep
)
