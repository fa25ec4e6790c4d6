;; The round trip split by hand: `start` asks for a value and returns at once;
;; JavaScript waits, then re-enters wasm through `finish` with the answer.
(module
  (import "env" "request" (func $request (param $value i32)))

  ;; The state that must survive the wait lives outside the call stack.
  (global $asked (mut i32) (i32.const 0))

  (func (export "start") (param $value i32)
    (global.set $asked (local.get $value))
    (call $request (local.get $value)))

  ;; Returns the answer when it is the one asked for, -1 otherwise.
  (func (export "finish") (param $answer i32) (result i32)
    (if (result i32) (i32.eq (local.get $answer) (global.get $asked))
      (then (local.get $answer))
      (else (i32.const -1))))
)
