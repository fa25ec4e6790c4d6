;; Variant f: the shapes of code that binaryen's own asyncify test pauses in,
;; written anew: pauses in straight code, with live locals and globals, in
;; recursion, in a loop, behind call_indirect, inside a call that JavaScript
;; makes back into wasm; generators for coroutines; and a function whose saved
;; locals do not fit. chapter.toml builds it at four optimization levels.
(module
  ;; ANCHOR: imports
  ;; Async in JavaScript: pauses; `site` tells the calls apart in messages.
  (import "env" "pause" (func $pause (param $site i32)))
  ;; Synchronous in JavaScript: calls the export `tunnel_end` back.
  (import "env" "call_back" (func $call_back (param $value i32) (result i32)))
  ;; Async in JavaScript: hands `value` to the coroutine scheduler.
  (import "env" "yield_value" (func $yield_value (param $value i32)))
  ;; ANCHOR_END: imports

  ;; The harness keeps the asyncify data at 1024 and up, and at the very end.
  (memory (export "memory") 1)

  (global $trace (mut i32) (i32.const 0))
  (type $unary (func (param i32) (result i32)))
  (table 2 funcref)
  (elem (i32.const 0) $add_hundred_after_pause $double_after_pause)

  ;; ANCHOR: straight
  (func (export "pause_once") (result i32)
    (call $pause (i32.const 1))
    (i32.const 7))

  (func (export "pause_twice") (result i32)
    (call $pause (i32.const 1))
    (call $pause (i32.const 2))
    (i32.const 9))

  ;; A parameter and a local set before the pause are read after it.
  (func (export "keeps_locals") (param $a i32) (param $b i32) (result i32)
    (local $product i32)
    (local.set $a (i32.add (local.get $a) (i32.const 4)))
    (local.set $product (i32.mul (local.get $a) (local.get $b)))
    (call $pause (i32.const 1))
    (i32.add (i32.mul (local.get $product) (i32.const 10)) (local.get $b)))
  ;; ANCHOR_END: straight

  ;; Appends a digit to $trace: code that ran twice would show twice.
  (func $record (param $digit i32)
    (global.set $trace
      (i32.add (i32.mul (global.get $trace) (i32.const 10)) (local.get $digit))))

  (func $maybe_pause (param $flag i32)
    (call $record (i32.const 2))
    (if (local.get $flag) (then (call $pause (i32.const 1))))
    (call $record (i32.const 3)))

  ;; 1234 whether it paused or not.
  (func (export "records_once") (param $flag i32) (result i32)
    (global.set $trace (i32.const 0))
    (call $record (i32.const 1))
    (call $maybe_pause (local.get $flag))
    (call $record (i32.const 4))
    (global.get $trace))

  ;; ANCHOR: recursion_and_loop
  ;; Pauses once on every level above 1, with all the levels on the stack.
  (func $factorial (export "factorial") (param $n i32) (result i32)
    (if (result i32) (i32.le_u (local.get $n) (i32.const 1))
      (then (i32.const 1))
      (else
        (call $pause (local.get $n))
        (i32.mul (local.get $n) (call $factorial (i32.sub (local.get $n) (i32.const 1)))))))

  ;; Pauses on every turn of the loop.
  (func (export "sum_to") (param $n i32) (result i32)
    (local $i i32)
    (local $total i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (local.set $total (i32.add (local.get $total) (local.get $i)))
        (call $pause (local.get $i))
        (br $next)))
    (local.get $total))
  ;; ANCHOR_END: recursion_and_loop

  (func $add_hundred_after_pause (param $x i32) (result i32)
    (call $pause (i32.const 100))
    (i32.add (local.get $x) (i32.const 100)))

  (func $double_after_pause (param $x i32) (result i32)
    (call $pause (i32.const 200))
    (i32.mul (local.get $x) (i32.const 2)))

  ;; The pause happens in whichever table entry $index selects.
  (func (export "indirect") (param $index i32) (param $x i32) (result i32)
    (local $y i32)
    (call $pause (i32.const 1))
    (local.set $y (call_indirect (type $unary) (local.get $x) (local.get $index)))
    (call $pause (i32.const 2))
    (i32.add (local.get $y) (i32.const 1)))

  ;; Each mode pauses in different arms.
  (func (export "branches") (param $mode i32) (param $x i32) (result i32)
    (if (local.get $mode)
      (then
        (local.set $x (i32.add (local.get $x) (i32.const 1)))
        (call $pause (i32.const 1)))
      (else (local.set $x (i32.add (local.get $x) (i32.const 2)))))
    (if (i32.eqz (local.get $mode))
      (then
        (call $pause (i32.const 2))
        (local.set $x (i32.mul (local.get $x) (i32.const 3))))
      (else (local.set $x (i32.mul (local.get $x) (i32.const 5)))))
    (call $pause (i32.const 3))
    (local.get $x))

  ;; ANCHOR: tunnel
  ;; JavaScript calls this export from inside the import `call_back`.
  (func (export "tunnel_end") (param $x i32) (result i32)
    (local.set $x (i32.mul (local.get $x) (i32.const 3)))
    (call $pause (i32.const 1))
    (i32.add (local.get $x) (i32.const 1)))

  ;; Pauses twice: once inside tunnel_end, below a JavaScript frame, then here.
  (func (export "tunnel") (param $x i32) (result i32)
    (local.set $x (i32.add (local.get $x) (i32.const 2)))
    (local.set $x (call $call_back (local.get $x)))
    (call $pause (i32.const 2))
    (i32.add (local.get $x) (i32.const 1000)))
  ;; ANCHOR_END: tunnel

  ;; ANCHOR: generators
  ;; Never returns: yields 1, 3, 5, ... for as long as it is resumed.
  (func (export "odd_numbers") (result i32)
    (local $n i32)
    (local.set $n (i32.const 1))
    (loop $odd
      (call $yield_value (local.get $n))
      (local.set $n (i32.add (local.get $n) (i32.const 2)))
      (br $odd))
    ;; Never reached; without it the spec validator rejects the function.
    (unreachable))

  ;; Never returns: yields 1, 3, 9, ...
  (func (export "powers_of_three") (result i32)
    (local $n i32)
    (local.set $n (i32.const 1))
    (loop $power
      (call $yield_value (local.get $n))
      (local.set $n (i32.mul (local.get $n) (i32.const 3)))
      (br $power))
    (unreachable))

  ;; Yields three values, then returns how many.
  (func (export "three_values") (result i32)
    (call $yield_value (i32.const 17))
    (call $yield_value (i32.const -4))
    (call $yield_value (i32.const 0))
    (i32.const 3))
  ;; ANCHOR_END: generators

  ;; ANCHOR: many_locals
  ;; Four locals live across the pause: each is saved when it unwinds.
  (func (export "many_locals") (param $seed i32) (result i32)
    (local $a i32)
    (local $b i32)
    (local $c i32)
    (local $d i32)
    (local.set $a (i32.add (local.get $seed) (i32.const 1)))
    (local.set $b (i32.mul (local.get $a) (i32.const 2)))
    (local.set $c (i32.mul (local.get $b) (local.get $seed)))
    (local.set $d (i32.xor (local.get $c) (i32.const 255)))
    (call $pause (i32.const 1))
    (i32.add (i32.add (local.get $a) (local.get $b)) (i32.add (local.get $c) (local.get $d))))
  ;; ANCHOR_END: many_locals
)
