;; Exercise callback-split: "add a and b after waiting ms", without blocking.
;;
;; wasm cannot wait inside a call, so the work is split in two exports:
;; - add_later(a, b, ms) keeps a and b, asks the host for a timer of ms
;;   milliseconds through the import start_timer, and returns at once;
;; - add_later_done() is called by the host when that timer fires, and
;;   returns a + b.
(module
  (import "env" "start_timer" (func $start_timer (param $ms i32)))

  ;; TODO: add_later's parameters are gone once it returns. Declare the
  ;; mutable globals that carry a and b across the wait.

  (func (export "add_later") (param $a i32) (param $b i32) (param $ms i32)
    ;; TODO: keep $a and $b in your globals, then ask the host for a timer of
    ;; $ms milliseconds. Return nothing: the sum comes later.
    )

  (func (export "add_later_done") (result i32)
    ;; TODO: return the sum of the two numbers that add_later kept.
    (i32.const 0))
)
