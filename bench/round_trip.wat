;; The unit of work every bench technique repeats: call into wasm, descend
;; `depth` frames, wait once on the import `env.wait`, and return. One source
;; for the sync floor, JSPI and Asyncify, so their sizes compare like with like.
(module
  ;; Answers `value`: at once (the sync floor), or after a wait (the techniques).
  (import "env" "wait" (func $wait (param $value i32) (result i32)))

  ;; Asyncify keeps its data buffer here (the driver is told where).
  (memory (export "memory") 1)

  ;; Each level adds 1 after the call returns, so no level is a tail call and
  ;; every frame is really on the stack when the wait happens.
  (func $descend (param $depth i32) (param $value i32) (result i32)
    (if (result i32) (i32.le_u (local.get $depth) (i32.const 1))
      (then (call $wait (local.get $value)))
      (else
        (i32.add
          (call $descend (i32.sub (local.get $depth) (i32.const 1)) (local.get $value))
          (i32.const 1)))))

  ;; Returns value + depth - 1: the harness checks it, so a broken wait cannot pass.
  (func (export "round_trip") (param $depth i32) (param $value i32) (result i32)
    (call $descend (local.get $depth) (local.get $value)))
)
