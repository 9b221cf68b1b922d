//! The BILOU tag set over the four name types, and which tag may follow which.

use crate::core::entities::Label;

/// Number of name types the tagger knows (person, organization, place, misc).
pub const TYPES: usize = 4;
/// Number of tags: `O`, then `B`, `I`, `L`, `U` for each type.
pub const N_TAGS: usize = 1 + 4 * TYPES;
/// The outside tag.
pub const O: u8 = 0;

/// Position of a tag inside its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Not in an entity.
    Outside,
    /// First token of a multi-token entity.
    Begin,
    /// Inner token of a multi-token entity.
    Inside,
    /// Last token of a multi-token entity.
    Last,
    /// A one-token entity.
    Unit,
}

/// The tag for `part` of an entity of type `ty` (`ty` < [`TYPES`]).
pub fn tag(part: Part, ty: usize) -> u8 {
    let base = 1 + 4 * ty as u8;
    match part {
        Part::Outside => O,
        Part::Begin => base,
        Part::Inside => base + 1,
        Part::Last => base + 2,
        Part::Unit => base + 3,
    }
}

/// The part and type of `tag` (`Outside` has type 0).
pub fn split(tag: u8) -> (Part, usize) {
    if tag == O || tag as usize >= N_TAGS {
        return (Part::Outside, 0);
    }
    let t = tag - 1;
    let part = match t % 4 {
        0 => Part::Begin,
        1 => Part::Inside,
        2 => Part::Last,
        _ => Part::Unit,
    };
    (part, (t / 4) as usize)
}

/// The type index of a tag, or `None` for `O`.
pub fn type_of(tag: u8) -> Option<usize> {
    match split(tag) {
        (Part::Outside, _) => None,
        (_, ty) => Some(ty),
    }
}

/// The public label of a type index.
pub fn label(ty: usize) -> Label {
    match ty {
        0 => Label::Person,
        1 => Label::Organization,
        2 => Label::Place,
        _ => Label::Misc,
    }
}

/// Type index of a CoNLL type name (`PER`, `ORG`, `LOC`, `MISC`).
pub fn type_from_conll(name: &str) -> Option<usize> {
    match name {
        "PER" => Some(0),
        "ORG" => Some(1),
        "LOC" => Some(2),
        "MISC" => Some(3),
        _ => None,
    }
}

/// True when `next` may follow `prev` (BILOU constraints).
pub fn allowed(prev: u8, next: u8) -> bool {
    let (pp, pt) = split(prev);
    let (np, nt) = split(next);
    match pp {
        Part::Begin | Part::Inside => matches!(np, Part::Inside | Part::Last) && nt == pt,
        _ => matches!(np, Part::Outside | Part::Begin | Part::Unit),
    }
}

/// True when a sentence may start with `tag`.
pub fn may_start(tag: u8) -> bool {
    matches!(split(tag).0, Part::Outside | Part::Begin | Part::Unit)
}

/// True when a sentence may end with `tag`.
pub fn may_end(tag: u8) -> bool {
    matches!(split(tag).0, Part::Outside | Part::Last | Part::Unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip_and_constrain() {
        for ty in 0..TYPES {
            for part in [Part::Begin, Part::Inside, Part::Last, Part::Unit] {
                assert_eq!(split(tag(part, ty)), (part, ty));
            }
        }
        assert!(allowed(tag(Part::Begin, 0), tag(Part::Last, 0)));
        assert!(!allowed(tag(Part::Begin, 0), tag(Part::Last, 1)));
        assert!(!allowed(O, tag(Part::Inside, 2)));
        assert!(may_start(tag(Part::Unit, 3)) && !may_end(tag(Part::Begin, 3)));
    }
}
