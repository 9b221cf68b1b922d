//! The JSON Lines contract of the `annotate` command-line tool, as library functions so it
//! can be unit-tested and fuzzed (`src/bin/annotate.rs` is only argument handling).
//!
//! Each input line is `{"id": <any JSON>, "text": "…"}`; each output line is
//! `{"id": …, "entities": […], "quotes": […]}` (UTF-16 offsets, the shape `annotate()`
//! returns in JavaScript). A line that cannot be read gives `{"line": N, "error": "…"}`
//! (N counts from 1) and the run goes on. Blank lines are skipped. Lines longer than
//! [`MAX_LINE_BYTES`] are refused without being held in memory, and texts longer than
//! [`crate::boundary::MAX_TEXT_BYTES`] get an error line.

use std::borrow::Cow;
use std::io::{self, BufRead, Write};

use serde::{Deserialize, Serialize};

use crate::boundary::{try_annotate_to_shape, AnnotationOut, MAX_TEXT_BYTES};
use crate::core::Options;

/// The longest input line read: room for a text of `MAX_TEXT_BYTES` with JSON escapes.
pub const MAX_LINE_BYTES: usize = 2 * MAX_TEXT_BYTES;

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
struct LineError<'a> {
    line: usize,
    error: &'a str,
}

/// What one input line produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineOutcome {
    /// A blank line: nothing is written.
    Blank,
    /// The annotation line to write (JSON, no newline).
    Annotated(String),
    /// The error line to write (JSON `{"line": N, "error": "…"}`, no newline).
    Failed(String),
}

/// The error line for line `line_no` (counted from 1).
pub fn error_line(line_no: usize, error: &str) -> String {
    let value = LineError {
        line: line_no,
        error,
    };
    // A struct of a number and a string always serializes.
    serde_json::to_string(&value).unwrap_or_else(|_| format!("{{\"line\":{line_no}}}"))
}

/// Handles input line number `line_no` (counted from 1; `raw` may end with `\n`/`\r\n`).
pub fn process_line(line_no: usize, raw: &[u8], options: &Options) -> LineOutcome {
    let line = match std::str::from_utf8(raw) {
        Ok(s) => s.trim(),
        Err(e) => {
            return LineOutcome::Failed(error_line(line_no, &format!("line is not UTF-8: {e}")))
        }
    };
    if line.is_empty() {
        return LineOutcome::Blank;
    }
    let line = lone_surrogates_to_fffd(line);
    let input = match serde_json::from_str::<Input>(&line) {
        Ok(input) => input,
        Err(e) => {
            let error = format!("expected {{\"id\": …, \"text\": \"…\"}}: {e}");
            return LineOutcome::Failed(error_line(line_no, &error));
        }
    };
    let annotation = match try_annotate_to_shape(&input.text, options) {
        Ok(a) => a,
        Err(e) => return LineOutcome::Failed(error_line(line_no, &e.to_string())),
    };
    let output = Output {
        id: &input.id,
        annotation,
    };
    match serde_json::to_string(&output) {
        Ok(s) => LineOutcome::Annotated(s),
        Err(e) => LineOutcome::Failed(error_line(
            line_no,
            &format!("could not write the result: {e}"),
        )),
    }
}

/// Rewrites JSON escapes of lone surrogates (`"\ud800"`, which `JSON.stringify` writes for a
/// JavaScript string holding one) to `\ufffd`, as the browser boundary turns them into
/// U+FFFD: both are one UTF-16 unit, so offsets still match the JavaScript string. Valid
/// surrogate pairs and everything else are kept. Borrows the line when it has nothing to fix.
pub fn lone_surrogates_to_fffd(line: &str) -> Cow<'_, str> {
    let bytes = line.as_bytes();
    let surrogate_at = |i: usize| -> Option<u16> {
        let hex = line.get(i + 2..i + 6)?;
        let unit = u16::from_str_radix(hex, 16).ok()?;
        (bytes.get(i) == Some(&b'\\')
            && bytes.get(i + 1) == Some(&b'u')
            && (0xD800..0xE000).contains(&unit))
        .then_some(unit)
    };
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        match surrogate_at(i) {
            Some(high @ 0xD800..=0xDBFF)
                if surrogate_at(i + 6).is_some_and(|low| low >= 0xDC00) =>
            {
                let _ = high;
                i += 12;
            }
            Some(_) => {
                let o = out.get_or_insert_with(|| String::with_capacity(line.len()));
                o.push_str(&line[copied..i]);
                o.push_str("\\ufffd");
                i += 6;
                copied = i;
            }
            None => i += 2, // any other escape, including an escaped backslash
        }
    }
    match out {
        None => Cow::Borrowed(line),
        Some(mut o) => {
            o.push_str(&line[copied..]);
            Cow::Owned(o)
        }
    }
}

/// Reads one line of at most `max` bytes into `buf` (newline included). Returns the bytes
/// consumed (0 at the end of input) and whether the line was longer than `max`; the rest
/// of a long line is read and dropped, never stored.
pub fn read_line_bounded<R: BufRead>(
    reader: &mut R,
    buf: &mut Vec<u8>,
    max: usize,
) -> io::Result<(usize, bool)> {
    buf.clear();
    let mut consumed = 0;
    let mut too_long = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok((consumed, too_long));
        }
        let (piece, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..=i], true),
            None => (chunk, false),
        };
        let n = piece.len();
        if !too_long && buf.len() + n <= max {
            buf.extend_from_slice(piece);
        } else if !too_long {
            too_long = true;
            buf.clear();
            buf.shrink_to(64 << 10);
        }
        reader.consume(n);
        consumed += n;
        if done {
            return Ok((consumed, too_long));
        }
    }
}

/// Runs the whole contract: every line of `input` to `output`. `Ok(false)` when any line
/// failed (the tool then exits with status 1).
pub fn run<R: BufRead, W: Write>(
    mut input: R,
    mut output: W,
    options: &Options,
) -> io::Result<bool> {
    run_with_limit(&mut input, &mut output, options, MAX_LINE_BYTES)
}

/// [`run`] with a chosen line length limit (tests use a small one).
pub fn run_with_limit<R: BufRead, W: Write>(
    input: &mut R,
    output: &mut W,
    options: &Options,
    max_line: usize,
) -> io::Result<bool> {
    run_observed(input, output, options, max_line, &mut |_| {})
}

/// [`run_with_limit`] that calls `seen(bytes)` after each input line (for progress).
pub fn run_observed<R: BufRead, W: Write>(
    input: &mut R,
    output: &mut W,
    options: &Options,
    max_line: usize,
    seen: &mut dyn FnMut(usize),
) -> io::Result<bool> {
    let mut all_ok = true;
    let mut buf = Vec::new();
    let mut line_no = 0;
    loop {
        let (n, too_long) = read_line_bounded(input, &mut buf, max_line)?;
        if n == 0 {
            break;
        }
        line_no += 1;
        seen(n);
        let outcome = if too_long {
            LineOutcome::Failed(error_line(
                line_no,
                &format!("line longer than {max_line} bytes; split the text into parts"),
            ))
        } else {
            process_line(line_no, &buf, options)
        };
        match outcome {
            LineOutcome::Blank => continue,
            LineOutcome::Annotated(s) => writeln!(output, "{s}")?,
            LineOutcome::Failed(s) => {
                all_ok = false;
                writeln!(output, "{s}")?;
            }
        }
    }
    output.flush()?;
    Ok(all_ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(line: &str) -> LineOutcome {
        process_line(3, line.as_bytes(), &Options::default())
    }

    #[test]
    fn lines_give_annotations_errors_or_nothing() {
        assert_eq!(outcome("  \r\n"), LineOutcome::Blank);
        match outcome("{\"id\":1,\"text\":\"Obama spoke in Paris.\"}\n") {
            LineOutcome::Annotated(s) => {
                assert!(
                    s.starts_with("{\"id\":1,\"entities\":[") && s.contains("\"quotes\":[]"),
                    "{s}"
                )
            }
            other => panic!("{other:?}"),
        }
        for bad in [
            "not json",
            "{\"id\":1}",
            "{\"text\":\"x\"}",
            "[1,2]",
            "{\"id\":1,\"text\":5}",
        ] {
            match outcome(bad) {
                LineOutcome::Failed(s) => {
                    assert!(s.starts_with("{\"line\":3,\"error\":\"expected"), "{s}")
                }
                other => panic!("{bad}: {other:?}"),
            }
        }
        match process_line(9, b"{\"id\":1,\"text\":\"\xff\"}", &Options::default()) {
            LineOutcome::Failed(s) => {
                assert!(s.contains("\"line\":9") && s.contains("not UTF-8"), "{s}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn lone_surrogate_escapes_become_fffd_and_pairs_stay() {
        let fix = |s: &str| lone_surrogates_to_fffd(s).into_owned();
        assert_eq!(fix(r#"{"text":"a\ud800b"}"#), r#"{"text":"a\ufffdb"}"#);
        assert_eq!(
            fix(r#""\uDC00\uD83D\uDE00\uD83D""#),
            r#""\ufffd\uD83D\uDE00\ufffd""#
        );
        assert_eq!(fix(r#""\\ud800 \n \u0041""#), r#""\\ud800 \n \u0041""#);
        assert!(matches!(
            lone_surrogates_to_fffd("no escapes"),
            Cow::Borrowed(_)
        ));
        match outcome(r#"{"id":1,"text":"\ud800 Obama in Paris."}"#) {
            LineOutcome::Annotated(s) => {
                assert!(s.contains(r#""start":11,"end":16,"text":"Paris""#), "{s}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn long_lines_are_refused_without_losing_the_next_line() {
        let long = format!("{{\"id\":1,\"text\":\"{}\"}}\n", "a".repeat(5000));
        let input = format!("{long}{{\"id\":2,\"text\":\"Paris.\"}}\n");
        let mut out = Vec::new();
        let ok =
            run_with_limit(&mut input.as_bytes(), &mut out, &Options::default(), 1000).unwrap();
        let out = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert!(!ok);
        assert_eq!(lines.len(), 2, "{out}");
        assert!(lines[0].starts_with("{\"line\":1,\"error\":\"line longer than 1000 bytes"));
        assert!(lines[1].starts_with("{\"id\":2,"));
    }
}
