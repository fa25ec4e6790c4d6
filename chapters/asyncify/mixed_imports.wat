;; Variant d: only one of the imports ever pauses. Built three times (see
;; chapter.toml): without asyncify, asyncified assuming every import may
;; pause, and asyncified with `asyncify-imports` naming the one that does.
(module
  ;; ANCHOR: imports
  ;; Async in JavaScript: the only import that pauses.
  (import "env" "sleep_ms" (func $sleep_ms (param $ms i32)))
  ;; Synchronous in JavaScript: they answer at once and never pause.
  (import "env" "log_step" (func $log_step (param $step i32)))
  (import "env" "log_checksum" (func $log_checksum (param $checksum i32)))
  ;; ANCHOR_END: imports

  ;; Bytes 1024..2047 are kept free for the asyncify data (see the harness).
  (memory (export "memory") 1)

  ;; ANCHOR: tasks
  ;; Calls no import: asyncify never needs to instrument it.
  (func $checksum (param $step i32) (result i32)
    (local $sum i32)
    (local $i i32)
    (loop $add
      (local.set $sum (i32.add (local.get $sum) (i32.mul (local.get $i) (local.get $step))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $add (i32.lt_u (local.get $i) (i32.const 10))))
    (local.get $sum))

  ;; Calls only imports that never pause; instrumented unless the list says so.
  (func $report (param $step i32) (param $checksum i32)
    (call $log_step (local.get $step))
    (call $log_checksum (local.get $checksum)))

  ;; Reaches the import that pauses: instrumented in both builds.
  (func $rest (param $ms i32)
    (call $sleep_ms (local.get $ms)))

  (func $run_tasks (export "run_tasks") (param $steps i32) (result i32)
    (local $step i32)
    (local $total i32)
    (local $checksum i32)
    (loop $next
      (local.set $checksum (call $checksum (local.get $step)))
      (call $report (local.get $step) (local.get $checksum))
      (local.set $total (i32.add (local.get $total) (local.get $checksum)))
      (call $rest (i32.const 10))
      (local.set $step (i32.add (local.get $step) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $step) (local.get $steps))))
    (local.get $total))
  ;; ANCHOR_END: tasks
)
