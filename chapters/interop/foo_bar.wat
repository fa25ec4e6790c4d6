;; The smallest conversation between wasm and JavaScript: wasm imports one
;; function and exports one. Only numbers cross here; see strings.wat for text.
(module
  ;; ANCHOR: import
  ;; An import has two names: a module name and a field name. JavaScript
  ;; supplies it as `imports.mod.foo` when it instantiates the module.
  (import "mod" "foo" (func $foo (param $x i32) (result i32)))
  ;; ANCHOR_END: import

  ;; ANCHOR: export
  ;; An export has one name. `bar` asks JavaScript's `foo` and adds one.
  (func (export "bar") (param $x i32) (result i32)
    (i32.add (call $foo (local.get $x)) (i32.const 1)))
  ;; ANCHOR_END: export
)
