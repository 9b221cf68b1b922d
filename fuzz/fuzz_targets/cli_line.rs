//! Fuzzes the CLI's per-line contract: any bytes give a blank, an annotation line or an
//! error line, and every line written is one JSON object of the promised shape.
#![no_main]

use article_highlighter::cli::{process_line, LineOutcome};
use article_highlighter::core::Options;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match process_line(1, data, &Options::default()) {
        LineOutcome::Blank => assert!(std::str::from_utf8(data).is_ok_and(|s| s.trim().is_empty())),
        LineOutcome::Annotated(s) => {
            assert!(!s.contains('\n'));
            let v: serde_json::Value =
                serde_json::from_str(&s).expect("an annotation line is JSON");
            assert!(v.get("id").is_some() && v["entities"].is_array() && v["quotes"].is_array());
        }
        LineOutcome::Failed(s) => {
            assert!(!s.contains('\n'));
            let v: serde_json::Value = serde_json::from_str(&s).expect("an error line is JSON");
            assert_eq!(v["line"], 1);
            assert!(v["error"].is_string());
        }
    }
});
