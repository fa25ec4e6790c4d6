;; The sleep, split in two exported halves around the wait:
;; `sleep` starts the wait and returns at once; the host calls
;; `sleep_callback` when the time is up, and it finishes the work.
(module
  ;; ANCHOR: imports
  (import "env" "now_ms" (func $now_ms (result i32)))
  (import "env" "set_timeout" (func $set_timeout (param $duration_ms i32)))
  ;; ANCHOR_END: imports

  ;; The only state that crosses the gap must live outside the stack.
  (global $started_at (mut i32) (i32.const 0))

  ;; ANCHOR: sleep
  (func (export "sleep") (param $duration_ms i32)
    (global.set $started_at (call $now_ms))
    (call $set_timeout (local.get $duration_ms)))
  ;; ANCHOR_END: sleep

  ;; ANCHOR: sleep_callback
  (func (export "sleep_callback") (result i32)
    ;; milliseconds since `sleep` started
    (i32.sub (call $now_ms) (global.get $started_at)))
  ;; ANCHOR_END: sleep_callback
)
