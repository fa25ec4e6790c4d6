;; Exercise dynamic-import-plain-call: use a JavaScript module from wasm.
;;
;; The check runs this module under JSPI: $load looks synchronous, and returns
;; a module handle, or a negative error code when the module cannot be loaded.
(module
  (import "plugins" "load" (func $load (param $name i32) (param $name_len i32) (result i32)))
  (import "plugins" "compute" (func $compute (param $plugin i32) (result i32)))
  (import "plugins" "release" (func $release (param $plugin i32)))
  (import "report" "value" (func $report_value (param $value i32)))
  (import "report" "error" (func $report_error (param $code i32)))

  (memory (export "memory") 1)
  (data (i32.const 16) "./plugins/answer.mjs")
  (data (i32.const 48) "./plugins/missing.mjs")

  (func $use_plugin (param $name i32) (param $name_len i32)
    (local $plugin_or_error i32)
    ;; TODO: load the module named at [$name, $name + $name_len). Report an
    ;; error code as it is; for a handle, report what the module computes,
    ;; then release the handle.
    )

  (func (export "ask_for_answer")
    (call $use_plugin (i32.const 16) (i32.const 20)))

  (func (export "ask_for_missing")
    (call $use_plugin (i32.const 48) (i32.const 21)))
)
