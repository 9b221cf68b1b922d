//! The `annotate` CLI contract: JSON Lines in, one line out per input line, errors inline,
//! exit status 1 when any line failed.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Stdio};

/// Every stdout line as JSON, and the exit status.
fn parse(out: std::process::Output) -> (Vec<serde_json::Value>, i32) {
    let lines = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("every output line is JSON"))
        .collect();
    (lines, out.status.code().unwrap_or(-1))
}

fn run(input: &str) -> (Vec<serde_json::Value>, i32) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_annotate"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the annotate binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    parse(out)
}

#[test]
fn annotates_each_line_in_the_public_shape() {
    let (out, code) =
        run("{\"id\": 7, \"text\": \"😀 \\\"We agree,\\\" said Jay Carney in Moscow.\"}\n");
    assert_eq!(code, 0);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0]["id"], 7);
    let moscow = out[0]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["text"] == "Moscow")
        .unwrap();
    assert_eq!(moscow["label"], "place");
    // UTF-16: the emoji counts 2 units.
    let text = "😀 \"We agree,\" said Jay Carney in Moscow.";
    let start = text.find("Moscow").unwrap();
    assert_eq!(moscow["start"], text[..start].encode_utf16().count());
    assert!(moscow.get("entityId").is_some());
    let q = &out[0]["quotes"][0];
    assert_eq!(q["speakerName"], "Jay Carney");
    assert_eq!(q["cue"]["text"], "said");
}

#[test]
fn malformed_lines_are_reported_and_the_run_goes_on() {
    let input = "{\"id\":\"a\",\"text\":\"Obama spoke.\"}\nnot json\n\n{\"id\":\"b\"}\n{\"id\":\"c\",\"text\":\"Paris.\"}\n";
    let (out, code) = run(input);
    assert_eq!(code, 1, "exit status 1 when a line failed");
    assert_eq!(
        out.len(),
        4,
        "blank line skipped, every other line answered"
    );
    assert_eq!(out[0]["id"], "a");
    assert_eq!(out[1]["line"], 2);
    assert!(out[1]["error"].as_str().unwrap().contains("expected"));
    assert_eq!(out[2]["line"], 4);
    assert!(out[2]["error"].as_str().unwrap().contains("text"));
    assert_eq!(out[3]["id"], "c");
}

/// Runs the CLI on raw bytes; returns the output lines and the exit status.
fn run_bytes(input: Vec<u8>) -> (Vec<serde_json::Value>, i32) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_annotate"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the annotate binary runs");
    let mut stdin = child.stdin.take().unwrap();
    // Write from another thread: the child answers while we are still writing.
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().expect("the CLI read all its input");
    parse(out)
}

#[test]
fn malformed_lines_of_every_kind_get_one_error_line_each() {
    let mut input = Vec::new();
    input.extend_from_slice(b"{\"id\":1,\"text\":\"\xff\xfe bad UTF-8\"}\n"); // 1: not UTF-8
    input.extend_from_slice(b"{\"id\":2,\"text\":\"cut off\n"); // 2: truncated JSON
    input.extend_from_slice(b"\0\0\0\n"); // 3: NUL bytes
    input.extend_from_slice(format!("{}1{}\n", "[".repeat(10_000), "]".repeat(10_000)).as_bytes()); // 4: deep nesting
    input.extend_from_slice(b"{\"id\":5,\"text\":\"\\ud800 lone surrogate\\\"}\n"); // 5: escaped closing quote
    input
        .extend_from_slice(b"{\"id\":6,\"text\":\"Obama\\u0000 said \\\"yes,\\\" in Paris.\"}\r\n"); // 6: fine, CRLF
    input.extend_from_slice(b"{\"id\":7,\"text\":null}\n"); // 7: wrong type
    let (out, code) = run_bytes(input);
    assert_eq!(code, 1);
    let lines: Vec<_> = out
        .iter()
        .map(|l| l["line"].as_u64().unwrap_or(0))
        .collect();
    assert_eq!(lines, [1, 2, 3, 4, 5, 0, 7], "{out:#?}");
    assert!(out[0]["error"].as_str().unwrap().contains("not UTF-8"));
    assert_eq!(out[5]["id"], 6);
    assert!(out[5]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["text"] == "Paris"));
}

#[test]
fn huge_lines_are_answered_or_refused_and_the_run_goes_on() {
    // A 2 MB text without spaces is annotated; a text over the 16 MiB limit and a line over
    // the 32 MiB line limit are refused with an error line; the next line is still read.
    let big = format!("{{\"id\":\"big\",\"text\":\"{}\"}}\n", "a".repeat(2 << 20));
    let too_long_text = format!(
        "{{\"id\":\"long\",\"text\":\"{}\"}}\n",
        "ab ".repeat((17 << 20) / 3)
    );
    let too_long_line = format!("{}\n", "x".repeat(33 << 20));
    let last = "{\"id\":\"last\",\"text\":\"Paris.\"}\n";
    let input = [big.as_str(), &too_long_text, &too_long_line, last].concat();
    let (out, code) = run_bytes(input.into_bytes());
    assert_eq!(code, 1);
    assert_eq!(out.len(), 4);
    assert_eq!(out[0]["id"], "big");
    assert_eq!(out[1]["line"], 2);
    assert!(
        out[1]["error"].as_str().unwrap().contains("text too long"),
        "{}",
        out[1]
    );
    assert_eq!(out[2]["line"], 3);
    assert!(
        out[2]["error"]
            .as_str()
            .unwrap()
            .contains("line longer than"),
        "{}",
        out[2]
    );
    assert_eq!(out[3]["id"], "last");
}

fn run_args(args: &[&str]) -> (Vec<serde_json::Value>, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_annotate"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the annotate binary runs");
    parse(out)
}

#[test]
fn files_and_folders_are_read_in_sorted_order() {
    let dir = std::env::temp_dir().join(format!("ah-cli-{}", std::process::id()));
    let sub = dir.join("sub");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(
        dir.join("a.jsonl"),
        "{\"id\":1,\"text\":\"Obama spoke in Paris.\"}\nbad\n",
    )
    .unwrap();
    std::fs::write(dir.join("b.txt"), "\"We agree,\" said Jay Carney.").unwrap();
    std::fs::write(sub.join("c.txt"), "Angela Merkel visited Berlin.").unwrap();
    std::fs::write(dir.join("skipped.bin"), [0u8, 159, 146, 150]).unwrap();
    let (out, code) = run_args(&["--quiet", dir.to_str().unwrap()]);
    assert_eq!(code, 1, "the bad line makes the run fail at the end");
    assert_eq!(out.len(), 4, "{out:?}");
    assert_eq!(out[0]["id"], 1);
    assert_eq!(out[1]["line"], 2);
    assert!(out[2]["id"].as_str().unwrap().ends_with("b.txt"));
    assert_eq!(out[2]["quotes"][0]["speakerName"], "Jay Carney");
    assert!(out[3]["id"].as_str().unwrap().ends_with("c.txt"));
    assert!(out[3]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["text"] == "Berlin"));
    // A single file given directly, even with another extension, is one article.
    let (one, code) = run_args(&[dir.join("skipped.bin").to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        one[0]["error"].as_str().unwrap().contains("not UTF-8"),
        "{one:?}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn usage_errors_exit_with_status_2() {
    assert_eq!(run_args(&["--colour"]).1, 2);
    assert_eq!(run_args(&["/no/such/path.jsonl"]).1, 2);
    let help = Command::new(env!("CARGO_BIN_EXE_annotate"))
        .arg("--help")
        .output()
        .unwrap();
    assert_eq!(help.status.code(), Some(0));
    let text = String::from_utf8(help.stdout).unwrap();
    assert!(
        text.contains("{\"id\": <any JSON value>, \"text\"") && text.contains("xargs -P"),
        "{text}"
    );
}
