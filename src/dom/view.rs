//! The plain-text view: a container the widget fills itself from a string, one `<p>` per
//! paragraph, built from text nodes only (text is never parsed as markup).

use wasm_bindgen::prelude::*;
use web_sys::Element;

use crate::boundary::js::to_js_error;
use crate::boundary::Error;

/// Splits `text` into paragraphs: runs of lines separated by blank lines; a text with no
/// blank line has one paragraph per line.
pub fn paragraphs(text: &str) -> Vec<&str> {
    let normalised_blank = |l: &str| l.trim().is_empty();
    let has_blank = text.lines().any(normalised_blank);
    let mut out = Vec::new();
    if has_blank {
        let mut start: Option<usize> = None;
        let mut end = 0;
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let body = line.trim_end_matches(['\n', '\r']);
            if normalised_blank(body) {
                if let Some(s) = start.take() {
                    out.push(&text[s..end]);
                }
            } else {
                start.get_or_insert(offset);
                end = offset + body.len();
            }
            offset += line.len();
        }
        if let Some(s) = start {
            out.push(&text[s..end]);
        }
    } else {
        out.extend(text.lines().filter(|l| !l.trim().is_empty()));
    }
    out
}

/// Replaces the children of `container` with one `<p>` per paragraph of `text`, built from
/// text nodes. Marks the container as a plain-text view (class `ah-view`), where labels
/// show next to highlighted names.
#[wasm_bindgen(js_name = renderText)]
pub fn render_text(container: &Element, text: &str) -> Result<(), JsError> {
    let doc = container.owner_document().ok_or_else(|| {
        to_js_error(Error::InvalidRoot(
            "the container is not in a document".into(),
        ))
    })?;
    while let Some(child) = container.first_child() {
        container
            .remove_child(&child)
            .map_err(|e| to_js_error(Error::Dom(format!("{e:?}"))))?;
    }
    container
        .class_list()
        .add_1("ah-view")
        .map_err(|e| to_js_error(Error::Dom(format!("{e:?}"))))?;
    for para in paragraphs(text) {
        let p = doc
            .create_element("p")
            .map_err(|e| to_js_error(Error::Dom(format!("{e:?}"))))?;
        p.append_child(&doc.create_text_node(para))
            .map_err(|e| to_js_error(Error::Dom(format!("{e:?}"))))?;
        container
            .append_child(&p)
            .map_err(|e| to_js_error(Error::Dom(format!("{e:?}"))))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::paragraphs;

    #[test]
    fn blank_lines_separate_paragraphs() {
        assert_eq!(
            paragraphs("Title\n\nOne\ncontinued.\n\n\nTwo."),
            ["Title", "One\ncontinued.", "Two."]
        );
        assert_eq!(paragraphs("a\nb\r\nc"), ["a", "b", "c"]);
    }
}
