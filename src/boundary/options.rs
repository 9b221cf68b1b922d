//! Options of `annotate()`: parsing and validation.

use serde::Deserialize;

use super::Error;
use crate::core::{Label, Options};

/// `annotate()` options as JavaScript passes them. Unknown fields are rejected.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AnnotateOptions {
    /// Entity labels to report (default: all).
    pub labels: Option<Vec<String>>,
    /// Report quotations (default: `true`).
    pub quotes: Option<bool>,
}

impl AnnotateOptions {
    /// The field names JavaScript may pass.
    pub const FIELDS: &'static [&'static str] = &["labels", "quotes"];

    /// Validates the options and turns them into core options.
    pub fn to_core(&self) -> Result<Options, Error> {
        let labels = match &self.labels {
            None => None,
            Some(names) => Some(
                names
                    .iter()
                    .map(|n| Label::parse(n).ok_or_else(|| Error::UnknownLabel(n.clone())))
                    .collect::<Result<Vec<_>, _>>()?,
            ),
        };
        Ok(Options {
            labels,
            quotes: self.quotes.unwrap_or(true),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_label_is_named_in_the_error() {
        let o = AnnotateOptions {
            labels: Some(vec!["persn".into()]),
            quotes: None,
        };
        let e = o.to_core().unwrap_err().to_string();
        assert!(
            e.contains("\"persn\"") && e.contains("person, organization"),
            "{e}"
        );
    }

    #[test]
    fn defaults_report_everything() {
        assert_eq!(
            AnnotateOptions::default().to_core().unwrap(),
            Options::default()
        );
    }
}
