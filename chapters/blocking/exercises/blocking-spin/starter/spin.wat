;; Exercise blocking-spin: a sleep that waits by spinning on the clock.
;;
;; spin_sleep(ms) must not return until the clock import `now_ms` reads at
;; least `ms` milliseconds later than when it was called, and it returns the
;; clock reading at which it woke.
(module
  (import "env" "now_ms" (func $now_ms (result i32)))

  (func (export "spin_sleep") (param $ms i32) (result i32)
    (local $wake_at i32)
    (local $now i32)
    (local.set $wake_at (i32.add (call $now_ms) (local.get $ms)))
    ;; TODO: loop, reading the clock into $now, until $now reaches $wake_at.
    ;; (`loop` with a `br_if` back to its label is the WAT way to repeat.)
    (local.set $now (call $now_ms))
    (local.get $now))
)
