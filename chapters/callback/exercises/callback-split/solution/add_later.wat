;; Exercise callback-split: "add a and b after waiting ms", without blocking.
;;
;; wasm cannot wait inside a call, so the work is split in two exports:
;; - add_later(a, b, ms) keeps a and b, asks the host for a timer of ms
;;   milliseconds through the import start_timer, and returns at once;
;; - add_later_done() is called by the host when that timer fires, and
;;   returns a + b.
(module
  (import "env" "start_timer" (func $start_timer (param $ms i32)))

  ;; Locals end with the call; what the second half needs lives here.
  (global $first (mut i32) (i32.const 0))
  (global $second (mut i32) (i32.const 0))

  (func (export "add_later") (param $a i32) (param $b i32) (param $ms i32)
    (global.set $first (local.get $a))
    (global.set $second (local.get $b))
    (call $start_timer (local.get $ms)))

  (func (export "add_later_done") (result i32)
    (i32.add (global.get $first) (global.get $second)))
)
