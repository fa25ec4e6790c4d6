;; The synchronous sleep, exactly as a C or Rust compiler would leave it: it
;; calls an import and uses the value it returns. No asyncify pass, no split:
;; the host makes the import block, in a worker, until the answer is there.
(module
  ;; ANCHOR: imports
  ;; Asks the host to wait `duration_ms` and returns what the wait produced.
  (import "env" "js_timeout" (func $js_timeout (param $duration_ms i32) (result i32)))
  ;; ANCHOR_END: imports

  ;; Counts calls into `sleep`, to show it runs once, straight through.
  (global $times_entered (mut i32) (i32.const 0))

  ;; ANCHOR: sleep
  (func (export "sleep") (param $duration_ms i32) (result i32)
    (global.set $times_entered (i32.add (global.get $times_entered) (i32.const 1)))
    ;; an ordinary call: whatever the import returns is the result
    (call $js_timeout (local.get $duration_ms)))
  ;; ANCHOR_END: sleep

  (func (export "times_entered") (result i32)
    (global.get $times_entered))
)
