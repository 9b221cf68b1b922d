//! The `annotate` CLI contract: JSON Lines in, one line out per input line, errors inline,
//! exit status 1 when any line failed.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Stdio};

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
    let lines = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("every output line is JSON"))
        .collect();
    (lines, out.status.code().unwrap_or(-1))
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
