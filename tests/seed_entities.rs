//! The seed article must keep its people, organizations, places and dates.
//!
//! Reads `www/seed-article.txt` (a committed copy of `../shared/seed-article.txt`), else the
//! shared file; skips with a message when neither exists.

use std::collections::HashMap;

use article_highlighter::core::{annotate, Label, Options};

fn seed() -> Option<String> {
    let root = env!("CARGO_MANIFEST_DIR");
    ["www/seed-article.txt", "../shared/seed-article.txt"]
        .iter()
        .find_map(|p| std::fs::read_to_string(format!("{root}/{p}")).ok())
}

#[test]
fn seed_article_entities_keep_their_labels() {
    let Some(text) = seed() else {
        eprintln!("skipped: no www/seed-article.txt or ../shared/seed-article.txt");
        return;
    };
    let found = annotate(&text, &Options::default());
    let mut labels: HashMap<&str, Vec<Label>> = HashMap::new();
    for e in &found.entities {
        labels.entry(e.span.slice(&text)).or_default().push(e.label);
    }
    let expected = [
        ("Jay Carney", Label::Person),
        ("Bashar al-Assad", Label::Person),
        ("Vladimir Putin", Label::Person),
        ("Obama", Label::Person),
        ("White House", Label::Organization),
        ("Arab League", Label::Organization),
        ("International Atomic Energy Agency", Label::Organization),
        ("IAEA", Label::Organization),
        ("Security Council", Label::Organization),
        ("Russia", Label::Place),
        ("Syria", Label::Place),
        ("Moscow", Label::Place),
        ("Damascus", Label::Place),
        ("Iran", Label::Place),
        ("Middle East", Label::Place),
        ("Tuesday", Label::Date),
    ];
    let mut wrong = Vec::new();
    for (name, label) in expected {
        match labels.get(name) {
            Some(ls) if ls.iter().all(|&l| l == label) => {}
            other => wrong.push(format!("{name}: expected {label:?}, got {other:?}")),
        }
    }
    assert!(wrong.is_empty(), "seed article: {wrong:#?}");
}

#[test]
fn seed_article_links_short_forms() {
    let Some(text) = seed() else {
        eprintln!("skipped: no seed article");
        return;
    };
    let found = annotate(&text, &Options::default());
    let id = |name: &str| {
        found
            .entities
            .iter()
            .find(|e| e.span.slice(&text) == name)
            .map(|e| e.entity_id)
    };
    assert!(id("Carney").is_some());
    assert_eq!(id("Carney"), id("Jay Carney"));
    assert_eq!(id("IAEA"), id("International Atomic Energy Agency"));
}
