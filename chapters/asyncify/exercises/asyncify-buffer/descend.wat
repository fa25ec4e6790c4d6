;; Exercise asyncify-buffer: a pause several calls deep. You do not edit this
;; file; you write buffer_size.mjs. The runner builds it with
;; `wasm-opt --asyncify`.
;;
;; descend(n) calls itself n times and pauses at the bottom, in fetch_number;
;; on the way back up each call adds its own n, so descend(4) returns
;; 4 + 3 + 2 + 1 + the fetched number. When it pauses, all n + 1 calls are
;; still on the stack, and unwinding saves every one of them.
(module
  ;; Async in JavaScript: waits `delay_ms`, then answers a number.
  (import "env" "fetch_number" (func $fetch_number (param $delay_ms i32) (result i32)))

  ;; Bytes 1024..2047 are kept free for the asyncify data (see check.mjs).
  (memory (export "memory") 1)

  (func $descend (export "descend") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (call $fetch_number (i32.const 20)))
      (else
        (i32.add
          (local.get $n)
          (call $descend (i32.sub (local.get $n) (i32.const 1)))))))
)
