;; The same sleep, plumbed for the ORIGINAL JSPI API (V8 2022-2024, removed in
;; 2024): the engine hands the export a Suspender object, and every import that
;; may suspend must be given that object back as its first argument.
(module
  ;; ANCHOR: imports
  (import "env" "before" (func $before (param $duration_ms i32)))
  ;; the JS side sees (suspender, duration); the wasm side must supply both
  (import "env" "wait"
    (func $wait_with_suspender (param $suspender externref) (param $duration_ms i32) (result i32)))
  (import "env" "after" (func $after (param $waited_ms i32)))
  ;; ANCHOR_END: imports

  ;; ANCHOR: plumbing
  ;; Where the export parks the Suspender until an import needs it.
  (global $suspender (mut externref) (ref.null extern))

  ;; Same signature as the plain import, so $sleep below can stay as it was.
  (func $wait (param $duration_ms i32) (result i32)
    (call $wait_with_suspender (global.get $suspender) (local.get $duration_ms)))

  ;; The export takes the Suspender first, stores it, and jumps to the real
  ;; body: a tail call, so no extra frame sits between it and $sleep.
  (func (export "sleep") (param $suspender externref) (param $duration_ms i32) (result i32)
    (global.set $suspender (local.get $suspender))
    (return_call $sleep (local.get $duration_ms)))
  ;; ANCHOR_END: plumbing

  ;; ANCHOR: sleep
  ;; Unchanged from sleep.wat, except that it is no longer exported itself.
  (func $sleep (param $duration_ms i32) (result i32)
    (local $waited_ms i32)
    (call $before (local.get $duration_ms))
    (local.set $waited_ms (call $wait (local.get $duration_ms)))
    (call $after (local.get $waited_ms))
    (local.get $waited_ms))
  ;; ANCHOR_END: sleep
)
