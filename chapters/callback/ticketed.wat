;; The callback split with no global: `sleep` hands its start time to the
;; host with the timer, and the host hands it back to `sleep_callback`. Each
;; wait carries its own state, so waits may overlap.
(module
  ;; ANCHOR: ticketed
  (import "env" "now_ms" (func $now_ms (result i32)))
  (import "env" "set_timeout"
    (func $set_timeout (param $duration_ms i32) (param $started_at i32)))

  (func (export "sleep") (param $duration_ms i32)
    (call $set_timeout (local.get $duration_ms) (call $now_ms)))

  (func (export "sleep_callback") (param $started_at i32) (result i32)
    (i32.sub (call $now_ms) (local.get $started_at)))
  ;; ANCHOR_END: ticketed
)
