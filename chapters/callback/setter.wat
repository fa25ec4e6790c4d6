;; The completion callback as a value: JavaScript hands wasm a function, wasm
;; keeps it as an externref and calls it back through an import when the work
;; is done. A JS function can only cross into wasm as a reference.
(module
  ;; ANCHOR: setter_imports
  (import "env" "set_timeout" (func $set_timeout (param $duration_ms i32)))
  ;; calls `callback(value)`: wasm cannot call an externref directly
  (import "env" "invoke" (func $invoke (param $callback externref) (param $value i32)))
  ;; ANCHOR_END: setter_imports

  ;; ANCHOR: setter
  (global $on_complete (mut externref) (ref.null extern))

  (func (export "set_complete_callback") (param $callback externref)
    (global.set $on_complete (local.get $callback)))

  (func (export "start") (param $duration_ms i32)
    (call $set_timeout (local.get $duration_ms)))

  ;; the host calls this when the timer fires
  (func (export "timer_done")
    (call $invoke (global.get $on_complete) (i32.const 42)))
  ;; ANCHOR_END: setter
)
