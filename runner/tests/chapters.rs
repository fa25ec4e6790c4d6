//! `cargo test` reads the workbook: every chapter, mutation and exercise that
//! `chapters/workbook.toml` leads to becomes a test of its own, named after it
//! (`chapter::<name>`, `mutation::<chapter>::<name>`, `exercise::<name>`,
//! `browser::<name>` (run in kept pages and in a page per variant, compared),
//! `book::<name>`, and `timeline::<chapter>::<variant>` for
//! each variant with a `[variant.timeline]` table). Adding a chapter as data adds its tests;
//! no Rust edit is needed.
//!
//! `WORKBOOK_DIR` points the tests at another workbook (the fixture test in
//! `chapters/fixture.rs` uses it to prove the point on a chapter that is not
//! in the repository).

mod chapters {
    pub mod compilers;
    pub mod fixture;
    pub mod pages;
    pub mod snapshots;
    pub mod timeline;
    pub mod trials;
}

use std::process::ExitCode;

fn main() -> ExitCode {
    let arguments = libtest_mimic::Arguments::from_args();
    let trials = chapters::trials::discover();
    libtest_mimic::run(&arguments, trials).exit_code()
}
