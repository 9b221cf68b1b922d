//! The seed article (`www/seed-article.txt`): entities, links and quotes the product
//! promises on it, checked on the pure core and the public shape.
#![cfg(not(target_arch = "wasm32"))]

use article_highlighter::boundary::annotate_to_shape;
use article_highlighter::core::Options;

fn seed() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/seed-article.txt");
    std::fs::read_to_string(path).expect("www/seed-article.txt is committed")
}

#[test]
fn seed_entities_have_the_promised_labels() {
    let text = seed();
    let out = annotate_to_shape(&text, &Options::default());
    let has = |name: &str, label: &str| {
        out.entities
            .iter()
            .any(|e| e.text == name && e.label == label)
    };
    let expected = [
        (
            "person",
            &["Jay Carney", "Bashar al-Assad", "Vladimir Putin", "Obama"][..],
        ),
        (
            "organization",
            &[
                "White House",
                "Arab League",
                "International Atomic Energy Agency",
                "IAEA",
                "Security Council",
            ][..],
        ),
        (
            "place",
            &[
                "Russia",
                "Syria",
                "Moscow",
                "Damascus",
                "Iran",
                "Middle East",
            ][..],
        ),
        ("date", &["Tuesday"][..]),
    ];
    for (label, names) in expected {
        for name in names {
            assert!(has(name, label), "{name} should be a {label}");
        }
    }
}

#[test]
fn seed_mentions_are_linked() {
    let text = seed();
    let out = annotate_to_shape(&text, &Options::default());
    let id = |name: &str| {
        out.entities
            .iter()
            .find(|e| e.text == name)
            .map(|e| e.entity_id)
    };
    assert_eq!(id("Carney"), id("Jay Carney"));
    assert_eq!(id("IAEA"), id("International Atomic Energy Agency"));
    assert_ne!(id("Russia"), id("Syria"));
}

#[test]
fn seed_quotes_are_by_jay_carney_and_scare_quotes_are_not_speech() {
    let text = seed();
    let out = annotate_to_shape(&text, &Options::default());
    let carney = out
        .entities
        .iter()
        .find(|e| e.text == "Jay Carney")
        .map(|e| e.entity_id);
    for start in [
        "\"We have an important relationship",
        "\"We don't agree with Russia",
    ] {
        let q = out
            .quotes
            .iter()
            .find(|q| q.text.starts_with(start))
            .unwrap_or_else(|| panic!("{start}"));
        assert_eq!(q.kind, "direct");
        assert_eq!(q.speaker_name.as_deref(), Some("Jay Carney"));
        assert_eq!(q.speaker_id, carney);
    }
    let first = out
        .quotes
        .iter()
        .find(|q| q.text.starts_with("\"We have"))
        .unwrap();
    assert_eq!(first.cue.as_ref().map(|c| c.text.as_str()), Some("said"));
    assert!(first
        .speaker
        .as_ref()
        .is_some_and(|s| s.text.ends_with("Jay Carney")));
    for scare in ["\"reset\"", "\"ultimatums\""] {
        assert!(
            !out.quotes.iter().any(|q| q.text == scare),
            "{scare} is not speech"
        );
    }
}

#[test]
fn offsets_are_utf16_and_slice_back_to_the_text() {
    let text = format!("😀 {}", seed());
    let units: Vec<u16> = text.encode_utf16().collect();
    let out = annotate_to_shape(&text, &Options::default());
    for e in &out.entities {
        assert_eq!(String::from_utf16_lossy(&units[e.start..e.end]), e.text);
    }
    for q in &out.quotes {
        assert_eq!(String::from_utf16_lossy(&units[q.start..q.end]), q.text);
    }
}
