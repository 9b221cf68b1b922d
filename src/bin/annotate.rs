//! `annotate`: the native command-line tool over JSON Lines.
//!
//! Reads `{"id": …, "text": "…"}` per line on standard input and writes one line per input
//! line: `{"id": …, "entities": […], "quotes": […]}` with offsets in UTF-16 code units
//! (JavaScript string indices), exactly the shape `annotate()` returns in JavaScript. A line
//! that cannot be read yields `{"line": N, "error": "…"}` and processing goes on; the exit
//! status is 1 at the end if any line failed. Blank lines are skipped.

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

use article_highlighter::boundary::{annotate_to_shape, AnnotationOut};
use article_highlighter::core::Options;
use serde::{Deserialize, Serialize};

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

EXIT STATUS:
    0 when every line was annotated, 1 when any line failed, 2 on a usage error.
";

#[derive(Deserialize)]
struct Input {
    id: serde_json::Value,
    text: String,
}

#[derive(Serialize)]
struct Output<'a> {
    id: &'a serde_json::Value,
    #[serde(flatten)]
    annotation: AnnotationOut,
}

#[derive(Serialize)]
struct LineError {
    line: usize,
    error: String,
}

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
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("annotate: {e}");
            ExitCode::from(1)
        }
    }
}

/// Processes standard input; `Ok(false)` when some line failed.
fn run() -> io::Result<bool> {
    let stdin = io::stdin();
    let mut out = BufWriter::new(io::stdout().lock());
    let options = Options::default();
    let mut all_ok = true;
    let mut buf = Vec::new();
    let mut reader = stdin.lock();
    let mut line_no = 0;
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        line_no += 1;
        let line = match std::str::from_utf8(&buf) {
            Ok(s) => s.trim(),
            Err(e) => {
                all_ok = false;
                write_line(
                    &mut out,
                    &LineError {
                        line: line_no,
                        error: format!("line is not UTF-8: {e}"),
                    },
                )?;
                continue;
            }
        };
        if line.is_empty() {
            continue;
        }
        match serde_json::from_str::<Input>(line) {
            Ok(input) => {
                let annotation = annotate_to_shape(&input.text, &options);
                write_line(
                    &mut out,
                    &Output {
                        id: &input.id,
                        annotation,
                    },
                )?;
            }
            Err(e) => {
                all_ok = false;
                let error = format!("expected {{\"id\": …, \"text\": \"…\"}}: {e}");
                write_line(
                    &mut out,
                    &LineError {
                        line: line_no,
                        error,
                    },
                )?;
            }
        }
    }
    out.flush()?;
    Ok(all_ok)
}

fn write_line<W: Write, T: Serialize>(out: &mut W, value: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(io::Error::other)?;
    out.write_all(b"\n")
}
