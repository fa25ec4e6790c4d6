//! `runner serve`: build, then serve the host page, the chapters and the book.

use std::process::{Command, ExitCode};
use std::time::Duration;

use anyhow::Result;
use runner::process::run_process;
use runner::run::module_sizes;
use runner::serve::{DevServer, ServeOptions, ServedSite, ensure_loopback, host_page_path};
use runner::toolchain::{Toolchain, ToolchainOptions};
use runner::workbook::Workbook;

use super::ServeArgs;
use super::output::{error, line};

/// mdbook builds the workbook's book in about a second; this is far above that.
const BOOK_BUILD_LIMIT: Duration = Duration::from_mins(2);

/// `runner serve [chapter]`.
pub fn serve(workbook: &Workbook, args: &ServeArgs) -> Result<ExitCode> {
    ensure_loopback(args.bind)?;
    let chapters = match &args.chapter {
        Some(name) => vec![workbook.chapter(name)?],
        None => workbook.chapters()?,
    };
    let toolchain = Toolchain::prepare(workbook, ToolchainOptions::default())?;
    for chapter in &chapters {
        let name = chapter.id.name();
        for (module, bytes) in module_sizes(workbook, chapter, &toolchain)? {
            if bytes.is_none() {
                error(&format!(
                    "serve: module `{module}` of chapter `{name}` did not build; run `{} chapter {name}` to see why",
                    runner::workspace::runner_command(workbook)
                ));
            }
        }
    }
    let site = if args.site {
        let dir = runner::site::default_site_dir(workbook);
        runner::site::build_site(workbook, &toolchain, &dir)?;
        ServedSite::new(workbook, &chapters)?.with_built_site(dir)
    } else {
        build_book(workbook);
        ServedSite::new(workbook, &chapters)?
    };
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
    line(&url);
    if book_built || args.site {
        line(&format!("the book:        {url}book/"));
    }
    if args.site {
        line(&format!("the playground:  {url}playground/"));
    }
    match chapters.as_slice() {
        [only] if args.chapter.is_some() => {
            line(&format!(
                "run it here:     {url}{}",
                host_page_path(only.id.name(), None)
            ));
        }
        _ => line(&format!("run a chapter:   {url}host/host.html")),
    }
    if args.no_isolation {
        line(
            "serving WITHOUT Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy: pages are not cross-origin isolated",
        );
    }
    line("press Ctrl-C to stop");
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
        Ok(output) => error(&format!(
            "serve: `mdbook build {}` failed; {}:\n{}",
            book.display(),
            if built {
                "serving the book built before"
            } else {
                "the book is not served"
            },
            output.stderr.trim()
        )),
        Err(_) if built => error(
            "serve: mdbook is not installed, so `book/book` may be stale (install it with `cargo install mdbook --locked --version 0.5.4`)",
        ),
        Err(_) => error(
            "serve: the book is not built and mdbook is not installed, so the book is not served: install it with `cargo install mdbook --locked --version 0.5.4`, run `mdbook build book`, and restart",
        ),
    }
}
