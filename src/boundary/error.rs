//! Errors reported to callers (thrown as `Error` in JavaScript, printed by the CLI).

use std::fmt;

/// Why a call could not be carried out. Each message says what was wrong and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The options value has the wrong shape (not an object, a field of the wrong type, an
    /// unknown field).
    InvalidOptions(String),
    /// A label name that does not exist.
    UnknownLabel(String),
    /// A highlight mode that does not exist.
    UnknownMode(String),
    /// The root given to `highlight()` cannot be used.
    InvalidRoot(String),
    /// The browser lacks something the call needs.
    Unsupported(String),
    /// A DOM operation failed unexpectedly.
    Dom(String),
    /// The text is longer than [`super::MAX_TEXT_BYTES`]; the value is its length in bytes.
    TextTooLong(usize),
    /// The text given to `annotate()` is not a string; the value is its JavaScript type.
    InvalidText(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidOptions(why) => write!(
                f,
                "invalid options: {why}. Pass an object such as {{ labels: [\"person\", \"place\"], quotes: true }}, or nothing"
            ),
            Error::UnknownLabel(name) => write!(
                f,
                "unknown label {name:?}: use person, organization, place, misc, date, time, money or percent"
            ),
            Error::UnknownMode(name) => write!(
                f,
                "unknown highlight mode {name:?}: use \"auto\", \"css\" or \"wrap\""
            ),
            Error::InvalidRoot(why) => write!(f, "invalid root: {why}"),
            Error::Unsupported(why) => write!(f, "not supported here: {why}"),
            Error::Dom(why) => write!(f, "DOM operation failed: {why}"),
            Error::TextTooLong(len) => write!(
                f,
                "text too long: {len} bytes of UTF-8, the limit is {} bytes ({} MiB); split the text into parts",
                super::MAX_TEXT_BYTES,
                super::MAX_TEXT_BYTES >> 20
            ),
            Error::InvalidText(kind) => write!(
                f,
                "invalid text: expected a string, got {kind}. Pass the article's text, e.g. element.textContent"
            ),
        }
    }
}

impl std::error::Error for Error {}
