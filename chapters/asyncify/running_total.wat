;; Variant b: a loop that pauses on every turn. The counter and the running
;; total are plain locals; asyncify saves them at each unwind and restores
;; them at each rewind.
(module
  ;; ANCHOR: imports
  ;; Async in JavaScript: waits a little, then answers reading number `index`.
  (import "env" "read_sensor" (func $read_sensor (param $index i32) (result i32)))
  (import "env" "report" (func $report (param $index i32) (param $total i32)))
  ;; ANCHOR_END: imports

  ;; Bytes 1024..2047 are kept free for the asyncify data (see the harness).
  (memory (export "memory") 1)

  ;; ANCHOR: sum_readings
  (func $sum_readings (export "sum_readings") (param $count i32) (result i32)
    (local $index i32)
    (local $total i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $index) (local.get $count)))
        (local.set $total
          (i32.add (local.get $total) (call $read_sensor (local.get $index))))
        (call $report (local.get $index) (local.get $total))
        (local.set $index (i32.add (local.get $index) (i32.const 1)))
        (br $next)))
    (local.get $total))
  ;; ANCHOR_END: sum_readings
)
