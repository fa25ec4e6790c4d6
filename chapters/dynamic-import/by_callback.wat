;; The dynamic import by callback: wasm asks for a module and returns at once.
;; When import() settles, JavaScript calls the exported `complete` with the
;; callback index wasm gave it and a module handle (or a negative error code).
(module
  ;; ANCHOR: imports
  ;; asks JavaScript to load the module named at [name, name + name_len), then
  ;; to call `complete(callback, handle or error code)`
  (import "plugins" "request"
    (func $request (param $name i32) (param $name_len i32) (param $callback i32)))
  (import "plugins" "compute" (func $compute (param $plugin i32) (result i32)))
  (import "plugins" "release" (func $release (param $plugin i32)))
  (import "report" "value" (func $report_value (param $value i32)))
  (import "report" "error" (func $report_error (param $code i32)))
  ;; ANCHOR_END: imports

  (memory (export "memory") 1)
  (data (i32.const 16) "./plugins/answer.mjs")
  (data (i32.const 48) "./plugins/missing.mjs")

  ;; ANCHOR: callbacks
  ;; What to do with a loaded module, by callback index: slot 0 is `$use_plugin`.
  (type $on_loaded (func (param $plugin_or_error i32)))
  (table $callbacks funcref (elem $use_plugin))

  (func (export "ask_for_answer")
    (call $request (i32.const 16) (i32.const 20) (i32.const 0)))

  (func (export "ask_for_missing")
    (call $request (i32.const 48) (i32.const 21) (i32.const 0)))

  ;; JavaScript calls this once per request, when import() has settled.
  (func (export "complete") (param $callback i32) (param $plugin_or_error i32)
    (call_indirect $callbacks (type $on_loaded)
      (local.get $plugin_or_error) (local.get $callback)))
  ;; ANCHOR_END: callbacks

  ;; ANCHOR: use_plugin
  ;; Slot 0: reports an error code, or what the loaded module computes.
  (func $use_plugin (type $on_loaded) (param $plugin_or_error i32)
    (if (i32.lt_s (local.get $plugin_or_error) (i32.const 0))
      (then (call $report_error (local.get $plugin_or_error)))
      (else
        (call $report_value (call $compute (local.get $plugin_or_error)))
        (call $release (local.get $plugin_or_error)))))
  ;; ANCHOR_END: use_plugin
)
