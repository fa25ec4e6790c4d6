;; Exercise jspi-overview: fix the JSPI Overview example.
;;
;; The proposal's Overview keeps a state in a global and adds to it a delta
;; that JavaScript computes asynchronously. The check wraps `compute_delta` in
;; WebAssembly.Suspending and `update_state` in WebAssembly.promising, then
;; calls update_state() twice before either delta has arrived.
(module
  (import "env" "compute_delta" (func $compute_delta (result i32)))

  ;; `mut`: update_state sets it.
  (global $state (mut i32) (i32.const 0))

  (func (export "get_state") (result i32)
    (global.get $state))

  ;; Adds the awaited delta to the state and returns the new state.
  (func (export "update_state") (result i32)
    (local $delta i32)
    ;; The call may suspend: wait for the delta before looking at $state ...
    (local.set $delta (call $compute_delta))
    ;; ... so the state read here includes every update made meanwhile.
    (global.set $state (i32.add (global.get $state) (local.get $delta)))
    (global.get $state))
)
