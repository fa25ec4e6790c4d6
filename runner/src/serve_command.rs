//! `runner serve`: build, then serve the host page, the chapters and the book.

use std::io::Write as _;
use std::process::{Command, ExitCode};
use std::time::Duration;

use anyhow::Result;
use runner::pipeline::{RunOptions, Toolchain, build_chapter};
use runner::process::run_process;
use runner::serve::{DevServer, ServeOptions, ServedSite, ensure_loopback};
use runner::workbook::Workbook;

use crate::cli::ServeArgs;

/// mdbook builds the workbook's book in about a second; this is far above that.
const BOOK_BUILD_LIMIT: Duration = Duration::from_mins(2);

/// `runner serve [chapter]`.
pub fn serve(workbook: &Workbook, args: &ServeArgs) -> Result<ExitCode> {
    ensure_loopback(args.bind)?;
    let chapters = match &args.chapter {
        Some(name) => vec![workbook.chapter(name)?],
        None => workbook.chapters()?,
    };
    let options = RunOptions::default();
    let toolchain = Toolchain::prepare(workbook, &options)?;
    for chapter in &chapters {
        let built = build_chapter(workbook, chapter, &toolchain, &options)?;
        for module in built.module_reports() {
            if module.bytes.is_none() {
                eprintln!(
                    "serve: module `{}` of chapter `{}` did not build; run `cargo run -p runner -- chapter {}` to see why",
                    module.name, chapter.name, chapter.name
                );
            }
        }
    }
    build_book(workbook);
    let site = ServedSite::new(workbook, &chapters)?;
    let book_built = site.book_is_built();
    let server = DevServer::start(
        site,
        &ServeOptions {
            bind: args.bind,
            port: args.port,
            isolation: !args.no_isolation,
        },
    )?;
    let url = server.url();
    // The URL comes first, alone on its line, so scripts and tests can read it.
    println!("{url}");
    if book_built {
        println!("the book:        {url}book/");
    }
    match &args.chapter {
        Some(name) => println!("run it here:     {url}host/host.html?chapter={name}"),
        None => println!("run a chapter:   {url}host/host.html"),
    }
    if args.no_isolation {
        println!(
            "serving WITHOUT Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy: pages are not cross-origin isolated"
        );
    }
    println!("press Ctrl-C to stop");
    std::io::stdout().flush()?;
    server.run_forever();
    Ok(ExitCode::SUCCESS)
}

/// Builds `book/book` with mdbook when it is installed, so the served book is current.
fn build_book(workbook: &Workbook) {
    let book = workbook.root().join("book");
    let built = book.join("book").join("index.html").is_file();
    match run_process(
        Command::new("mdbook").arg("build").arg(&book),
        Some(BOOK_BUILD_LIMIT),
    ) {
        Ok(output) if output.succeeded() => {}
        Ok(output) => eprintln!(
            "serve: `mdbook build {}` failed; {}:\n{}",
            book.display(),
            if built {
                "serving the book built before"
            } else {
                "the book is not served"
            },
            output.stderr.trim()
        ),
        Err(_) if built => eprintln!(
            "serve: mdbook is not installed, so `book/book` may be stale (install it with `cargo install mdbook --locked --version 0.5.4`)"
        ),
        Err(_) => eprintln!(
            "serve: the book is not built and mdbook is not installed, so the book is not served: install it with `cargo install mdbook --locked --version 0.5.4`, run `mdbook build book`, and restart"
        ),
    }
}
