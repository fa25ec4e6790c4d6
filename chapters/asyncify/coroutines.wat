;; Variant e: three coroutines in one instance. Each export is written as if
;; `yield_value` answered at once. With asyncify, every call of it pauses the
;; stack of the export that made it, and JavaScript resumes the paused stacks
;; in turn. All three are paused at the same time, so each needs its own
;; asyncify data buffer (see the harness).
(module
  ;; ANCHOR: imports
  ;; Async in JavaScript: hands `value` to the scheduler and waits for a turn.
  (import "env" "yield_value" (func $yield_value (param $value i32)))
  ;; ANCHOR_END: imports

  ;; Bytes 1024..2047 are kept free for the asyncify data: three buffers.
  (memory (export "memory") 1)

  ;; ANCHOR: coroutines
  ;; Yields from, from - 1, ..., 1; returns how many values it yielded.
  (func $countdown (export "countdown") (param $from i32) (result i32)
    (local $left i32)
    (local.set $left (local.get $from))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $left)))
        (call $yield_value (local.get $left))
        (local.set $left (i32.sub (local.get $left) (i32.const 1)))
        (br $next)))
    (local.get $from))

  ;; Yields the first `count` squares; returns their sum.
  (func $squares (export "squares") (param $count i32) (result i32)
    (local $n i32)
    (local $sum i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $n) (local.get $count)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (call $yield_value (i32.mul (local.get $n) (local.get $n)))
        (local.set $sum (i32.add (local.get $sum) (i32.mul (local.get $n) (local.get $n))))
        (br $next)))
    (local.get $sum))

  ;; Yields the first `count` Fibonacci numbers; returns the last one.
  (func $fibonacci (export "fibonacci") (param $count i32) (result i32)
    (local $previous i32)
    (local $current i32)
    (local $sum i32)
    (local $yielded i32)
    (local.set $current (i32.const 1))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $yielded) (local.get $count)))
        (call $yield_value (local.get $current))
        (local.set $sum (i32.add (local.get $previous) (local.get $current)))
        (local.set $previous (local.get $current))
        (local.set $current (local.get $sum))
        (local.set $yielded (i32.add (local.get $yielded) (i32.const 1)))
        (br $next)))
    (local.get $previous))
  ;; ANCHOR_END: coroutines
)
