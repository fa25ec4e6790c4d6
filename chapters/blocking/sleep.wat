;; A sleep that polls the clock until the time is up. It never returns to the
;; host while it waits, so the host's event loop cannot run anything else.
(module
  ;; ANCHOR: sleep
  (import "env" "now_ms" (func $now_ms (result i32)))

  (func (export "sleep") (param $duration_ms i32)
    (local $wake_at i32)
    (local.set $wake_at (i32.add (call $now_ms) (local.get $duration_ms)))
    (loop $poll
      ;; keep spinning while the clock is short of the wake-up time
      (br_if $poll (i32.lt_s (call $now_ms) (local.get $wake_at)))))
  ;; ANCHOR_END: sleep
)
