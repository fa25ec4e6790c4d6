;; Variant indirect-calls: the pause is reached through a table, by
;; `call_indirect`, so binaryen cannot see from the call which function runs.
(module
  ;; ANCHOR: imports
  ;; Pauses: JavaScript awaits a timer and answers the milliseconds slept.
  (import "env" "sleep_ms" (func $sleep_ms (param $ms i32) (result i32)))
  ;; Answers at once: records one step.
  (import "env" "log_step" (func $log_step (param $step i32)))
  ;; ANCHOR_END: imports

  ;; Bytes 1024..2047 are kept free for the asyncify data (see the harness).
  (memory (export "memory") 1)

  ;; ANCHOR: table
  (type $task (func (param i32) (result i32)))
  (table 2 funcref)
  (elem (i32.const 0) $nap $double)

  ;; task 0 pauses
  (func $nap (type $task) (call $sleep_ms (local.get 0)))

  ;; task 1 never pauses
  (func $double (type $task) (i32.mul (local.get 0) (i32.const 2)))
  ;; ANCHOR_END: table

  ;; ANCHOR: run_task
  ;; Reports a step; calls only an import that answers at once.
  (func $report (param $step i32)
    (call $log_step (local.get $step)))

  (func $run_task (export "run_task") (param $which i32) (param $arg i32) (result i32)
    (local $result i32)
    (call $report (i32.const 1))
    (local.set $result (call_indirect (type $task) (local.get $arg) (local.get $which)))
    (call $report (i32.const 2))
    (i32.add (local.get $result) (i32.const 100)))
  ;; ANCHOR_END: run_task
)
