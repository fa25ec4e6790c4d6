;; Exercise jspi-overview: fix the JSPI Overview example.
;;
;; The proposal's Overview keeps a state in a global and adds to it a delta
;; that JavaScript computes asynchronously. The check wraps `compute_delta` in
;; WebAssembly.Suspending and `update_state` in WebAssembly.promising, then
;; calls update_state() twice before either delta has arrived.
;;
;; This copy keeps the Overview's mistakes. It validates only because nothing
;; writes $state yet, so the check finds the state still 0 at the end.
(module
  (import "env" "compute_delta" (func $compute_delta (result i32)))

  ;; TODO (1): update_state must store the new state in $state with
  ;; `global.set`, naming the global it sets (the Overview's `global.set`
  ;; names none). Only a global declared `(mut i32)` can be set: as in the
  ;; Overview, this one is not, and the validator will tell you so.
  (global $state i32 (i32.const 0))

  (func (export "get_state") (result i32)
    (global.get $state))

  ;; Adds the awaited delta to the state and returns the new state.
  (func (export "update_state") (result i32)
    ;; TODO (2): operands run left to right, so this reads $state *before*
    ;; the call that suspends. While this call waits, the other one can
    ;; change $state, and one of the two updates is lost. Read $state only
    ;; after compute_delta has returned.
    (i32.add
      (global.get $state)
      (call $compute_delta)))
)
