//! UTF-8 byte offsets → UTF-16 code units (JavaScript string indices).

/// Converts a set of byte offsets of one text to UTF-16 offsets, walking the text once.
///
/// Build it with every offset you will ask for; lookups are binary searches. Offsets that
/// fall inside a character are rounded down to the character's start.
#[derive(Debug, Clone)]
pub struct Utf16Index {
    /// Sorted, deduplicated `(byte offset, utf16 offset)` pairs.
    pairs: Vec<(usize, usize)>,
}

impl Utf16Index {
    /// Indexes `offsets` (any order, duplicates allowed) of `text`.
    pub fn new(text: &str, mut offsets: Vec<usize>) -> Self {
        offsets.sort_unstable();
        offsets.dedup();
        let mut pairs = Vec::with_capacity(offsets.len());
        let mut units = 0usize;
        let mut chars = text.char_indices().peekable();
        for off in offsets {
            while let Some(&(b, c)) = chars.peek() {
                if b + c.len_utf8() > off {
                    break;
                }
                units += c.len_utf16();
                chars.next();
            }
            pairs.push((off, units));
        }
        Utf16Index { pairs }
    }

    /// The UTF-16 offset of byte offset `byte`, which must have been given to [`Self::new`].
    pub fn get(&self, byte: usize) -> usize {
        match self.pairs.binary_search_by_key(&byte, |&(b, _)| b) {
            Ok(i) => self.pairs[i].1,
            Err(i) => i.checked_sub(1).map_or(0, |j| self.pairs[j].1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_encode_utf16_count_on_astral_and_combining_text() {
        let text = "Ângela 👋🏽 e\u{301}\r\n\u{10348}x";
        let offsets: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain([text.len()])
            .collect();
        let index = Utf16Index::new(text, offsets.clone());
        for b in offsets {
            assert_eq!(index.get(b), text[..b].encode_utf16().count(), "byte {b}");
        }
    }
}
