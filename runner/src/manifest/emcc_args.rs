//! The `emcc = [...]` arguments of a module: compiler flags only. emcc reads
//! any file an argument names (`--js-library`, `--pre-js`, `--embed-file`,
//! `-I`, `@response-file`, a setting's `@file` value) from wherever the
//! runner runs, and a recorded build would then carry a file from outside the
//! workbook; so no argument may name a file, and the C source says the rest.

/// Flags, by how they start, that set options without naming a file.
const FLAG_PREFIXES: &[&str] = &["-O", "-g", "-s", "-f", "-W", "-D", "-U", "-std=", "-m"];

/// Flags that start like an allowed one but name a file.
const FILE_FLAGS: &[&str] = &[
    "-fprofile",
    "-fsanitize-blacklist",
    "-fsanitize-ignorelist",
    "-fdebug-prefix-map",
    "-fmacro-prefix-map",
    "-ffile-prefix-map",
];

/// Why `argument` may not be passed to emcc, or `None` when it may.
pub fn refusal(argument: &str) -> Option<String> {
    let flag = FLAG_PREFIXES
        .iter()
        .any(|prefix| argument.starts_with(prefix) && argument.len() > prefix.len());
    let names_a_file = FILE_FLAGS.iter().any(|prefix| argument.starts_with(prefix))
        || argument.contains('@')
        || argument.contains('/');
    if flag && !names_a_file {
        return None;
    }
    Some(format!(
        "`emcc` argument `{argument}` is not allowed: only compiler flags (-O, -g, -s, -f, -W, -D, -U, -std=, -m) without a file in them; emcc would read a named file from outside the workbook, so keep such code in the C source (EM_JS, EM_ASYNC_JS)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_pass_and_every_way_to_name_a_file_is_refused() {
        for allowed in [
            "-O2",
            "-g1",
            "-sASYNCIFY",
            "-sASYNCIFY_IMPORTS=['__asyncjs__wait_for_host']",
            "-sEXPORTED_RUNTIME_METHODS=ccall",
        ] {
            assert_eq!(refusal(allowed), None, "{allowed}");
        }
        for refused in [
            "--js-library",
            "/etc/passwd",
            "--embed-file",
            "--pre-js",
            "-I/etc",
            "-include",
            "@args.txt",
            "-sEXPORTED_FUNCTIONS=@/etc/passwd",
            "-o",
            "x.c",
            "-fprofile-use=/a",
            "-s",
        ] {
            assert!(refusal(refused).is_some(), "{refused}");
        }
    }
}
