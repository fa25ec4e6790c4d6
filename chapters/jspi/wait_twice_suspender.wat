;; The source chapter's Suspender plumbing around a function that waits twice:
;; one global holds the suspender of whichever call started last.
(module
  (import "env" "wait"
    (func $wait_with_suspender (param $suspender externref) (param $ms i32) (result i32)))

  ;; ANCHOR: one_global
  (global $suspender (mut externref) (ref.null extern))

  (func $wait (param $ms i32) (result i32)
    (call $wait_with_suspender (global.get $suspender) (local.get $ms)))

  (func (export "wait_twice") (param $suspender externref) (param $ms i32) (result i32)
    (global.set $suspender (local.get $suspender))
    (i32.add (call $wait (local.get $ms)) (call $wait (local.get $ms))))
  ;; ANCHOR_END: one_global
)
