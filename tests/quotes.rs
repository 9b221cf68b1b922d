//! Quotations and speakers: every mark style, continuation, scare quotes, mixed and
//! indirect speech, speaker mentions and their resolution, robustness, and the seed article.
//!
//! Most tests give the person entities by hand (any recognizer produces the same `Entity`
//! values), so they check the quote rules alone; the seed article runs the whole pipeline.

use article_highlighter::core::quotes::{self, Quote, QuoteKind};
use article_highlighter::core::text::segment;
use article_highlighter::core::{annotate, ByteSpan, Entity, Label, Options};

/// Quotes of `text`, with every whole-word occurrence of each `(name, id)` as a person.
fn find(text: &str, people: &[(&str, u32)]) -> Vec<Quote> {
    let mut entities = Vec::new();
    for &(name, id) in people {
        let mut from = 0;
        while let Some(pos) = text[from..].find(name) {
            let start = from + pos;
            let end = start + name.len();
            let boundary = |i: usize| {
                text[..i]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
            };
            let after_ok = text[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if boundary(start) && after_ok {
                entities.push(Entity {
                    span: ByteSpan::new(start, end),
                    label: Label::Person,
                    entity_id: id,
                });
            }
            from = end;
        }
    }
    entities.sort_by_key(|e| e.span.start);
    quotes::find(&segment(text), &entities)
}

fn slice(text: &str, span: Option<ByteSpan>) -> Option<&str> {
    span.map(|s| s.slice(text))
}

/// The one quote whose text contains `needle`.
fn quote_with<'q>(text: &str, quotes: &'q [Quote], needle: &str) -> &'q Quote {
    let found: Vec<&Quote> = quotes
        .iter()
        .filter(|q| q.span.slice(text).contains(needle))
        .collect();
    assert_eq!(found.len(), 1, "quotes holding {needle:?}: {quotes:#?}");
    found[0]
}

#[test]
fn every_mark_style_is_a_direct_quote_with_its_speaker() {
    let cases = [
        "\"We will win,\" Jane Smith said.",
        "\u{201C}We will win,\u{201D} Jane Smith said.",
        "\u{2018}We will win,\u{2019} Jane Smith said.",
        "'We will win,' Jane Smith said.",
        "''We will win,'' Jane Smith said.",
        "``We will win,'' Jane Smith said.",
        "\u{AB}We will win,\u{BB} Jane Smith said.",
    ];
    for text in cases {
        let qs = find(text, &[("Jane Smith", 0)]);
        assert_eq!(qs.len(), 1, "{text}: {qs:#?}");
        let q = &qs[0];
        assert_eq!(q.kind, QuoteKind::Direct, "{text}");
        assert!(q.span.slice(text).contains("We will win"), "{text}");
        assert_eq!(slice(text, q.speaker), Some("Jane Smith"), "{text}");
        assert_eq!(slice(text, q.cue), Some("said"), "{text}");
        assert_eq!(q.speaker_name.as_deref(), Some("Jane Smith"), "{text}");
        assert_eq!(q.speaker_id, Some(0), "{text}");
    }
}

#[test]
fn apostrophes_do_not_open_single_quotes() {
    let text = "'It's the leaders' plan, and it won't work,' said Obama's aide John Doe.";
    let qs = find(text, &[("John Doe", 0), ("Obama", 1)]);
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert_eq!(
        qs[0].span.slice(text),
        "'It's the leaders' plan, and it won't work,'"
    );
}

#[test]
fn nested_quotes_of_another_mark_stay_inside() {
    let text = "\u{201C}He called it \u{2018}a disaster\u{2019} and left,\u{201D} Mary Jones said.";
    let qs = find(text, &[("Mary Jones", 0)]);
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert!(qs[0].span.slice(text).ends_with("left,\u{201D}"));
    assert_eq!(qs[0].speaker_name.as_deref(), Some("Mary Jones"));
}

#[test]
fn unclosed_paragraph_continues_into_the_next_one() {
    let text = "Tom Hanks said: \"The first part runs on and on.\n\n\"The second part ends here.\"\n\nNothing more.";
    let qs = find(text, &[("Tom Hanks", 0)]);
    assert_eq!(qs.len(), 2, "{qs:#?}");
    assert_eq!(qs[0].speaker_name.as_deref(), Some("Tom Hanks"));
    assert_eq!(slice(text, qs[0].speaker), Some("Tom Hanks"));
    let second = quote_with(text, &qs, "second part");
    assert_eq!(second.kind, QuoteKind::Direct);
    assert_eq!(second.speaker, None, "no mention in the continuation");
    assert_eq!(second.speaker_name.as_deref(), Some("Tom Hanks"));
    assert_eq!(second.speaker_id, Some(0));
}

#[test]
fn a_later_quote_in_the_paragraph_keeps_the_attribution() {
    let text = "\"We agree on a lot,\" he said. \"But not on this.\"";
    let qs = find(text, &[]);
    assert_eq!(qs.len(), 2, "{qs:#?}");
    assert_eq!(slice(text, qs[1].speaker), Some("he"));
    assert_eq!(slice(text, qs[1].cue), Some("said"));
}

#[test]
fn scare_quotes_and_titles_are_not_speech() {
    let text =
        "The deal was a \"reset\" of relations. She starred in the film \"Titanic\" in 1997. \
                Critics called the plan \"naive\" at best.";
    let qs = find(text, &[]);
    assert!(qs.is_empty(), "{qs:#?}");
}

#[test]
fn unbalanced_marks_never_fail() {
    for text in [
        "\"",
        "\u{201D}\u{201C}\u{201D}",
        "He said \"yes and then left.\n\nA new \u{AB}paragraph",
        "''",
        "'",
        "``",
        "5' 11\u{201D} tall, the '90s, rock 'n' roll",
        "\"a\" \"b\" \"c",
    ] {
        let _ = find(text, &[]);
        let _ = annotate(text, &Options::default());
    }
}

#[test]
fn many_quote_marks_stay_fast() {
    let mut text = String::new();
    for i in 0..25_000 {
        text.push_str(&format!("\"Point {i},\" he said. \u{201C}x \" 'y "));
    }
    assert!(text.matches(['"', '\u{201C}', '\'']).count() >= 100_000);
    let start = std::time::Instant::now();
    let qs = find(&text, &[]);
    assert!(!qs.is_empty());
    let unclosed = "\u{201C}a ".repeat(100_000);
    let _ = find(&unclosed, &[]);
    let lone = "\" ".repeat(100_000);
    let _ = find(&lone, &[]);
    assert!(start.elapsed().as_secs() < 10, "took {:?}", start.elapsed());
}

#[test]
fn mixed_quote_covers_the_reported_clause() {
    let text = "Senator Ann Lee said the plan was \"dead on arrival\" in the Senate.";
    let qs = find(text, &[("Ann Lee", 0)]);
    assert_eq!(qs.len(), 1, "{qs:#?}");
    let q = &qs[0];
    assert_eq!(q.kind, QuoteKind::Mixed);
    assert_eq!(
        q.span.slice(text),
        "the plan was \"dead on arrival\" in the Senate"
    );
    assert_eq!(slice(text, q.cue), Some("said"));
    assert_eq!(slice(text, q.speaker), Some("Senator Ann Lee"));
    assert_eq!(q.speaker_name.as_deref(), Some("Ann Lee"));
}

#[test]
fn indirect_speech_patterns() {
    let people = [("Ann Lee", 0), ("Bob Ray", 1)];
    let cases = [
        (
            "Ann Lee said that the talks would resume next week.",
            "that the talks would resume next week",
            "said",
            "Ann Lee",
        ),
        (
            "Bob Ray told reporters the bridge was closed for repairs.",
            "the bridge was closed for repairs",
            "told",
            "Bob Ray",
        ),
        (
            "According to Ann Lee, the budget was cut by half.",
            "the budget was cut by half",
            "According to",
            "Ann Lee",
        ),
        (
            "Bob Ray says he has never seen such a storm.",
            "he has never seen such a storm",
            "says",
            "Bob Ray",
        ),
        (
            "The council will meet again in March, Ann Lee said.",
            "The council will meet again in March",
            "said",
            "Ann Lee",
        ),
        (
            "Ann Lee warned that prices had risen sharply.",
            "that prices had risen sharply",
            "warned",
            "Ann Lee",
        ),
    ];
    for (text, content, cue, speaker) in cases {
        let qs = find(text, &people);
        assert_eq!(qs.len(), 1, "{text}: {qs:#?}");
        let q = &qs[0];
        assert_eq!(q.kind, QuoteKind::Indirect, "{text}");
        assert_eq!(q.span.slice(text), content, "{text}");
        assert_eq!(slice(text, q.cue), Some(cue), "{text}");
        assert_eq!(slice(text, q.speaker), Some(speaker), "{text}");
    }
}

#[test]
fn nouns_and_negations_are_not_cues() {
    let text = "His claims were false. The proposed budget grew by a third. \
                Ann Lee won't say what she will do next.";
    let qs = find(text, &[("Ann Lee", 0)]);
    assert!(qs.is_empty(), "{qs:#?}");
}

#[test]
fn speaker_mentions_are_noun_phrases() {
    let text = "\"It is over,\" White House spokesman Jay Carney told reporters on Monday.\n\n\
                \"We are ready,\" said oil worker Mike Dunn, who joined the rally.\n\n\
                \"Nobody called,\" Jane Roe, a spokeswoman for the city, said in a statement.\n\n\
                Mr. Dunn added: \"We will be back.\"";
    let people = [
        ("Jay Carney", 0),
        ("Mike Dunn", 1),
        ("Dunn", 1),
        ("Jane Roe", 2),
    ];
    let qs = find(text, &people);
    let expect = [
        (
            "It is over",
            "White House spokesman Jay Carney",
            "told",
            "Jay Carney",
        ),
        ("We are ready", "oil worker Mike Dunn", "said", "Mike Dunn"),
        ("Nobody called", "Jane Roe", "said", "Jane Roe"),
        ("We will be back", "Mr. Dunn", "added", "Mike Dunn"),
    ];
    for (needle, speaker, cue, name) in expect {
        let q = quote_with(text, &qs, needle);
        assert_eq!(q.kind, QuoteKind::Direct, "{needle}");
        assert_eq!(slice(text, q.speaker), Some(speaker), "{needle}");
        assert_eq!(slice(text, q.cue), Some(cue), "{needle}");
        assert_eq!(q.speaker_name.as_deref(), Some(name), "{needle}");
    }
}

#[test]
fn pronouns_and_descriptions_resolve_to_the_right_person() {
    let text = "Mary Stone met John Park at the town hall on Friday.\n\n\
                \"It was a good meeting,\" she said.\n\n\
                \"We have work to do,\" he said.\n\n\
                Mayor Linda Hart spoke later. \"The roads come first,\" the mayor said.";
    let people = [("Mary Stone", 0), ("John Park", 1), ("Linda Hart", 2)];
    let qs = find(text, &people);
    let she = quote_with(text, &qs, "good meeting");
    assert_eq!(slice(text, she.speaker), Some("she"));
    assert_eq!(she.speaker_name.as_deref(), Some("Mary Stone"));
    assert_eq!(she.speaker_id, Some(0));
    let he = quote_with(text, &qs, "work to do");
    assert_eq!(he.speaker_name.as_deref(), Some("John Park"));
    let mayor = quote_with(text, &qs, "roads come first");
    assert_eq!(slice(text, mayor.speaker), Some("the mayor"));
    assert_eq!(mayor.speaker_name.as_deref(), Some("Linda Hart"));
}

#[test]
fn apposition_names_a_described_speaker() {
    let text = "\"Most shops print a thousand copies,\" says Ann Lee's partner, Bob Ray.";
    let qs = find(text, &[("Ann Lee", 0), ("Bob Ray", 1)]);
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert_eq!(qs[0].speaker_name.as_deref(), Some("Bob Ray"));
    assert_eq!(qs[0].speaker_id, Some(1));
}

#[test]
fn seed_article() {
    let text = include_str!("../www/seed-article.txt");
    let ann = annotate(text, &Options::default());
    let qs = &ann.quotes;
    for needle in [
        "We have an important relationship",
        "We don't agree with Russia",
    ] {
        let q = quote_with(text, qs, needle);
        assert_eq!(q.kind, QuoteKind::Direct, "{needle}");
        assert_eq!(q.speaker_name.as_deref(), Some("Jay Carney"), "{needle}");
    }
    let first = quote_with(text, qs, "We have an important relationship");
    assert_eq!(
        slice(text, first.speaker),
        Some("White House spokesman Jay Carney")
    );
    assert_eq!(slice(text, first.cue), Some("said"));
    let second = quote_with(text, qs, "We don't agree with Russia");
    assert_eq!(second.speaker, None, "continuation paragraph: no mention");
    assert_eq!(second.speaker_id, first.speaker_id);
    for scare in ["reset", "ultimatums"] {
        for q in qs {
            let inner = q
                .span
                .slice(text)
                .trim_matches(|c: char| !c.is_alphanumeric());
            assert_ne!(inner, scare, "{q:#?}");
            if q.span.slice(text).contains(scare) {
                assert_ne!(q.kind, QuoteKind::Direct, "{q:#?}");
                assert_ne!(
                    q.kind,
                    QuoteKind::Mixed,
                    "{scare} is not quoted speech: {q:#?}"
                );
            }
        }
    }
}

#[test]
fn colon_and_according_to_attributions() {
    let text = "Ann Lee continued:\n\n\"The roads will be fixed by spring.\"\n\n\
                \"Nobody expected the storm,\" according to Bob Ray, the city engineer.\n\n\
                The timing surprised pollster Tom Hart: \"Early leads rarely last this long.\"";
    let people = [("Ann Lee", 0), ("Bob Ray", 1), ("Tom Hart", 2)];
    let qs = find(text, &people);
    let first = quote_with(text, &qs, "roads will be fixed");
    assert_eq!(slice(text, first.cue), Some("continued"));
    assert_eq!(first.speaker_name.as_deref(), Some("Ann Lee"));
    let second = quote_with(text, &qs, "Nobody expected");
    assert_eq!(slice(text, second.cue), Some("according to"));
    assert_eq!(second.speaker_name.as_deref(), Some("Bob Ray"));
    let third = quote_with(text, &qs, "Early leads");
    assert_eq!(slice(text, third.speaker), Some("Tom Hart"));
}

#[test]
fn an_abbreviation_can_end_the_sentence_before_a_quote() {
    let text = "He moved to Washington, D.C. \"I love this work,\" Ann Lee says.";
    let qs = find(text, &[("Ann Lee", 0)]);
    let q = quote_with(text, &qs, "I love this work");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(q.speaker_name.as_deref(), Some("Ann Lee"));
}

#[test]
fn headings_captions_and_passives_report_no_speech() {
    let text = "READ MORE: Ann Lee says the plan is dead\n\n\
                Ann Lee said the video was the nicest gift. (Jane Doe/The Press)\n\n\
                The tax was announced the city would grow.";
    let qs = find(text, &[("Ann Lee", 0)]);
    assert!(qs.is_empty(), "{qs:#?}");
}

#[test]
fn gender_comes_from_first_names_and_titles() {
    let text = "Mrs. Alvarez spoke after Robert King.\n\n\"We disagree,\" she said.\n\n\
                Mr. Okafor arrived with Ann Lee.\n\n\"I am late,\" he said.";
    let people = [
        ("Alvarez", 0),
        ("Robert King", 1),
        ("Okafor", 2),
        ("Ann Lee", 3),
    ];
    let qs = find(text, &people);
    assert_eq!(
        quote_with(text, &qs, "We disagree").speaker_name.as_deref(),
        Some("Alvarez")
    );
    assert_eq!(
        quote_with(text, &qs, "I am late").speaker_name.as_deref(),
        Some("Okafor")
    );
}

#[test]
fn long_run_on_text_stays_fast() {
    let start = std::time::Instant::now();
    let text = "Ann Lee said he said that she told them ".repeat(20_000);
    let _ = find(&text, &[("Ann Lee", 0)]);
    let text = "\"Yes,\" he said, ".repeat(30_000);
    let _ = find(&text, &[]);
    assert!(start.elapsed().as_secs() < 10, "took {:?}", start.elapsed());
}

#[test]
fn a_short_quote_after_an_attributed_one_is_speech() {
    let text = "\"It is taxing on the campaign,\" Ann Lee said. \"Big time.\"";
    let qs = find(text, &[("Ann Lee", 0)]);
    assert_eq!(qs.len(), 2, "{qs:#?}");
    let q = quote_with(text, &qs, "Big time");
    assert_eq!(slice(text, q.speaker), Some("Ann Lee"));
    assert_eq!(q.speaker_name.as_deref(), Some("Ann Lee"));
}
