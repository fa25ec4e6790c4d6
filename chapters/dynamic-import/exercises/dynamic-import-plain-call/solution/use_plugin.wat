;; Exercise dynamic-import-plain-call: use a JavaScript module from wasm.
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
    (local.set $plugin_or_error (call $load (local.get $name) (local.get $name_len)))
    (if (i32.lt_s (local.get $plugin_or_error) (i32.const 0))
      (then (call $report_error (local.get $plugin_or_error)))
      (else
        (call $report_value (call $compute (local.get $plugin_or_error)))
        (call $release (local.get $plugin_or_error)))))

  (func (export "ask_for_answer")
    (call $use_plugin (i32.const 16) (i32.const 20)))

  (func (export "ask_for_missing")
    (call $use_plugin (i32.const 48) (i32.const 21)))
)
