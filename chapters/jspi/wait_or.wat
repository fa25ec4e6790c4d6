;; Proof that a rejection is thrown *into* the wasm: `wait_or` catches whatever
;; its wait throws (a wasm exception handler, `try_table`) and answers a fallback.
(module
  (import "env" "wait" (func $wait (param $duration_ms i32) (result i32)))

  ;; ANCHOR: wait_or
  (func (export "wait_or") (param $duration_ms i32) (param $fallback i32) (result i32)
    (block $rejected
      (try_table (catch_all $rejected)
        (return (call $wait (local.get $duration_ms)))))
    ;; the awaited promise rejected: its error arrived here, as an exception
    (local.get $fallback))
  ;; ANCHOR_END: wait_or
)
