// The module of foo_bar.wat, written in Rust: the source material's listing
// with its four defects fixed (see the errata). Built by Debian's rustc 1.63
// for wasm32-unknown-unknown as a cdylib.

// ANCHOR: rust
// Without this attribute, an `extern` block imports from the module "env".
#[link(wasm_import_module = "mod")]
extern "C" {
    fn foo(x: i32) -> i32;
}

// Without #[no_mangle], `bar` keeps a mangled name and is not exported at all.
#[no_mangle]
pub extern "C" fn bar(x: i32) -> i32 {
    // Rust cannot check a foreign function, so every call to one is unsafe.
    unsafe { foo(x) + 1 }
}
// ANCHOR_END: rust
