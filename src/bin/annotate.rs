//! `annotate`: the native command-line tool over JSON Lines.
//!
//! Reads `{"id": …, "text": "…"}` per line (standard input, or the files and folders
//! given) and writes one line per input line: `{"id": …, "entities": […], "quotes": […]}`
//! with offsets in UTF-16 code units (JavaScript string indices), exactly the shape
//! `annotate()` returns in JavaScript. A line that cannot be read yields
//! `{"line": N, "error": "…"}` and processing goes on; the exit status is 1 at the end if
//! any line failed. Blank lines are skipped. The per-line contract lives in
//! `article_highlighter::cli`.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use article_highlighter::cli::{self, LineOutcome, MAX_LINE_BYTES};
use article_highlighter::core::Options;

const HELP: &str = "\
annotate: entities and quotations of news articles, as JSON Lines

USAGE:
    annotate [--quiet] [PATH...] > output.jsonl
    annotate < input.jsonl > output.jsonl

    Without PATH, reads JSON Lines on standard input. Each PATH may be:
      a .jsonl file   read as JSON Lines, like standard input;
      any other file  one article: its whole content is the text, its path the id;
      a folder        every .jsonl and .txt file in it and below, in sorted path order.
    On a terminal, progress (articles, MB, MB/s) is shown on standard error; --quiet
    turns it off.

INPUT (one JSON object per line):
    {\"id\": <any JSON value>, \"text\": \"<article text>\"}

OUTPUT (one line per input line or article, in order):
    {\"id\": …, \"entities\": [{\"start\",\"end\",\"text\",\"label\",\"entityId\"}],
     \"quotes\": [{\"start\",\"end\",\"text\",\"kind\",\"speaker\",\"speakerName\",\"speakerId\",\"cue\"}]}
    Offsets are UTF-16 code units (JavaScript string indices), end exclusive.
    A malformed line gives {\"line\": N, \"error\": \"…\"} (N counts from 1 in its file)
    and the run goes on; an unreadable file gives {\"file\": \"…\", \"error\": \"…\"}.

LIMITS:
    A text may hold up to 16 MiB of UTF-8, a line up to 32 MiB; longer ones give an
    error line (the rest of the run goes on).

PARALLEL RUNS over an archive (one process per core, outputs concatenated in order):
    split -n l/4 -d archive.jsonl part. && ls part.* | xargs -P 4 -I{} sh -c 'annotate --quiet {} > {}.out'
    cat part.*.out > annotations.jsonl

EXIT STATUS:
    0 when every line was annotated, 1 when any line failed, 2 on a usage error.
";

/// Progress on standard error, at most four times a second, only on a terminal.
struct Progress {
    on: bool,
    started: Instant,
    last: Instant,
    items: usize,
    bytes: usize,
}

impl Progress {
    fn new(on: bool) -> Progress {
        let now = Instant::now();
        Progress {
            on,
            started: now,
            last: now,
            items: 0,
            bytes: 0,
        }
    }
    fn seen(&mut self, bytes: usize) {
        self.items += 1;
        self.bytes += bytes;
        if self.on && self.last.elapsed() >= Duration::from_millis(250) {
            self.last = Instant::now();
            self.show();
        }
    }
    fn show(&self) {
        let secs = self.started.elapsed().as_secs_f64().max(1e-3);
        let mb = self.bytes as f64 / 1e6;
        eprint!(
            "\rannotate: {} lines/articles, {mb:.1} MB, {:.1} MB/s   ",
            self.items,
            mb / secs
        );
    }
    fn done(&self) {
        if self.on {
            self.show();
            eprintln!();
        }
    }
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for e in entries {
            if e.is_dir() {
                collect(&e, out)?;
            } else if matches!(
                e.extension().and_then(|x| x.to_str()),
                Some("jsonl" | "txt")
            ) {
                out.push(e);
            }
        }
    } else {
        out.push(path.to_path_buf());
    }
    Ok(())
}

fn file_error(path: &Path, error: &str) -> String {
    serde_json::json!({ "file": path.display().to_string(), "error": error }).to_string()
}

/// Annotates one file; `Ok(false)` when a line or the file failed.
fn run_file<W: Write>(
    path: &Path,
    out: &mut W,
    options: &Options,
    progress: &mut Progress,
) -> io::Result<bool> {
    let is_jsonl = path.extension().and_then(|x| x.to_str()) == Some("jsonl");
    if is_jsonl {
        let file = match File::open(path) {
            Ok(f) => f,
            Err(e) => {
                writeln!(out, "{}", file_error(path, &e.to_string()))?;
                return Ok(false);
            }
        };
        let mut reader = BufReader::new(file);
        return cli::run_observed(&mut reader, out, options, MAX_LINE_BYTES, &mut |n| {
            progress.seen(n)
        });
    }
    let text = match std::fs::read(path).map(String::from_utf8) {
        Ok(Ok(t)) => t,
        Ok(Err(e)) => {
            writeln!(out, "{}", file_error(path, &format!("not UTF-8: {e}")))?;
            return Ok(false);
        }
        Err(e) => {
            writeln!(out, "{}", file_error(path, &e.to_string()))?;
            return Ok(false);
        }
    };
    progress.seen(text.len());
    let line = serde_json::json!({ "id": path.display().to_string(), "text": text }).to_string();
    match cli::process_line(1, line.as_bytes(), options) {
        LineOutcome::Blank => Ok(true),
        LineOutcome::Annotated(s) => writeln!(out, "{s}").map(|_| true),
        LineOutcome::Failed(s) => writeln!(out, "{s}").map(|_| false),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        print!("{HELP}");
        return ExitCode::SUCCESS;
    }
    let quiet = args.iter().any(|a| a == "-q" || a == "--quiet");
    let paths: Vec<&String> = args
        .iter()
        .filter(|a| *a != "-q" && *a != "--quiet")
        .collect();
    if let Some(flag) = paths.iter().find(|a| a.starts_with('-') && a.len() > 1) {
        eprintln!("annotate: unknown option {flag:?}. See --help.");
        return ExitCode::from(2);
    }
    let mut progress = Progress::new(!quiet && io::stderr().is_terminal());
    let options = Options::default();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = if paths.is_empty() {
        cli::run_observed(
            &mut io::stdin().lock(),
            &mut out,
            &options,
            MAX_LINE_BYTES,
            &mut |n| progress.seen(n),
        )
    } else {
        let mut files = Vec::new();
        for p in &paths {
            let path = Path::new(p.as_str());
            if !path.exists() {
                eprintln!("annotate: {p}: no such file or folder");
                return ExitCode::from(2);
            }
            if let Err(e) = collect(path, &mut files) {
                eprintln!("annotate: {p}: {e}");
                return ExitCode::from(2);
            }
        }
        let mut all_ok = true;
        let mut result = Ok(true);
        for f in &files {
            match run_file(f, &mut out, &options, &mut progress) {
                Ok(ok) => all_ok &= ok,
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        result
            .map(|_| all_ok)
            .and_then(|ok| out.flush().map(|_| ok))
    };
    progress.done();
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("annotate: {e}");
            ExitCode::from(1)
        }
    }
}
