;; Exercise callback-promise: a split module, ready to use. You do not edit
;; this file; you write await_callback.mjs.
;;
;; start(value, ms) keeps value, notes when the wait will be over, and asks the
;; host for a timer of ms milliseconds through set_timeout. When that timer
;; fires, the host calls finish(), which returns value * 2. Called before the
;; wait is over, finish() returns -1 instead.
(module
  (import "env" "now_ms" (func $now_ms (result i32)))
  (import "env" "set_timeout" (func $set_timeout (param $ms i32)))

  (global $value (mut i32) (i32.const 0))
  (global $ready_at (mut i32) (i32.const 0))

  (func (export "start") (param $value i32) (param $ms i32)
    (global.set $value (local.get $value))
    (global.set $ready_at (i32.add (call $now_ms) (local.get $ms)))
    (call $set_timeout (local.get $ms)))

  (func (export "finish") (result i32)
    (if (result i32) (i32.lt_s (call $now_ms) (global.get $ready_at))
      (then (i32.const -1)) ;; too early
      (else (i32.mul (global.get $value) (i32.const 2)))))
)
