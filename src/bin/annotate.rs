//! `annotate`: the native command-line tool over JSON Lines.
//!
//! Reads `{"id": …, "text": "…"}` per line on standard input and writes one line per input
//! line: `{"id": …, "entities": […], "quotes": […]}` with offsets in UTF-16 code units
//! (JavaScript string indices), exactly the shape `annotate()` returns in JavaScript. A line
//! that cannot be read yields `{"line": N, "error": "…"}` and processing goes on; the exit
//! status is 1 at the end if any line failed. Blank lines are skipped. The per-line contract
//! lives in `article_highlighter::cli`.

use std::io::{self, BufWriter};
use std::process::ExitCode;

use article_highlighter::core::Options;

const HELP: &str = "\
annotate: entities and quotations of news articles, as JSON Lines

USAGE:
    annotate < input.jsonl > output.jsonl

INPUT (one JSON object per line):
    {\"id\": <any JSON value>, \"text\": \"<article text>\"}

OUTPUT (one line per input line, in order):
    {\"id\": …, \"entities\": [{\"start\",\"end\",\"text\",\"label\",\"entityId\"}],
     \"quotes\": [{\"start\",\"end\",\"text\",\"kind\",\"speaker\",\"speakerName\",\"speakerId\",\"cue\"}]}
    Offsets are UTF-16 code units (JavaScript string indices), end exclusive.
    A malformed line gives {\"line\": N, \"error\": \"…\"} (N counts from 1) and the run goes on.

LIMITS:
    A text may hold up to 16 MiB of UTF-8, a line up to 32 MiB; longer ones give an
    error line (the rest of the run goes on).

EXIT STATUS:
    0 when every line was annotated, 1 when any line failed, 2 on a usage error.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        print!("{HELP}");
        return ExitCode::SUCCESS;
    }
    if let Some(a) = args.first() {
        eprintln!("annotate: unexpected argument {a:?}; the input is read from standard input. See --help.");
        return ExitCode::from(2);
    }
    let stdout = io::stdout();
    let out = BufWriter::new(stdout.lock());
    match article_highlighter::cli::run(io::stdin().lock(), out, &Options::default()) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("annotate: {e}");
            ExitCode::from(1)
        }
    }
}
