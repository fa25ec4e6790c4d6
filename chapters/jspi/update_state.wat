;; The idea of the JSPI proposal's Overview example, in a form that validates:
;; `update_state` adds a delta, which JS computes asynchronously, to a global
;; state, and returns the new state.
(module
  ;; ANCHOR: module
  (import "env" "compute_delta" (func $compute_delta (result i32)))

  ;; `mut` is required: a global without it cannot be the target of global.set.
  (global $state (mut i32) (i32.const 0))

  (func (export "get_state") (result i32)
    (global.get $state))

  (func (export "update_state") (result i32)
    (local $delta i32)
    ;; wait for the delta first (the call may suspend) ...
    (local.set $delta (call $compute_delta))
    ;; ... then read the state: whatever ran during the wait is included
    (global.set $state (i32.add (global.get $state) (local.get $delta)))
    (global.get $state))
  ;; ANCHOR_END: module
)
