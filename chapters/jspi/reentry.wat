;; wasm → JavaScript → wasm: `outer` calls a JavaScript import, which calls
;; back into `inner`, which waits. Under JSPI the wait would have to set aside
;; a JavaScript frame too, and the engine cannot do that.
(module
  ;; ANCHOR: imports
  (import "env" "wait" (func $wait (param $duration_ms i32) (result i32)))
  ;; JavaScript in the middle: it calls the export `inner`.
  (import "env" "call_inner" (func $call_inner (param $duration_ms i32) (result i32)))
  ;; ANCHOR_END: imports

  ;; ANCHOR: exports
  (func (export "outer") (param $duration_ms i32) (result i32)
    (i32.add (call $call_inner (local.get $duration_ms)) (i32.const 1)))

  (func (export "inner") (param $duration_ms i32) (result i32)
    (call $wait (local.get $duration_ms)))
  ;; ANCHOR_END: exports
)
