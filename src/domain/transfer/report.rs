//! What import reports (SPEC §13): the plan of a file checked in full, or its problems by row
//! and column, in words of the interface so the report shows in the reader's language.

use crate::domain::exchange::Outcome;
use crate::domain::support::i18n::Text;
use crate::domain::support::locale::Locale;

/// One problem of an import: the row (1 is a CSV file's header, the first deal is row 2; a
/// JSON file's first deal is row 1; 0 is the file as a whole), the column and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub row: usize,
    pub column: String,
    message: Msg,
}

/// What is wrong, as a text of the interface and its values, so the report is shown in the
/// interface's language (the columns are the file's, in English).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg(pub Text, pub Vec<(&'static str, Arg)>);

/// A value in a message: text as it is (from the file, the browser), or a word of the interface.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Plain(String),
    Word(Text),
}

impl From<Text> for Msg {
    fn from(t: Text) -> Msg {
        Msg(t, Vec::new())
    }
}

pub(crate) fn plain(value: impl ToString) -> Arg {
    Arg::Plain(value.to_string())
}

impl Problem {
    pub(crate) fn new(row: usize, column: &str, message: impl Into<Msg>) -> Problem {
        Problem {
            row,
            column: column.to_string(),
            message: message.into(),
        }
    }

    /// A problem with the file as a whole: `text` with `values` in its placeholders.
    pub fn whole(text: Text, values: Vec<(&'static str, Arg)>) -> Problem {
        Problem::new(0, "", Msg(text, values))
    }

    pub fn message(&self, locale: Locale) -> String {
        let Msg(text, args) = &self.message;
        let values: Vec<(&str, String)> = args
            .iter()
            .map(|(k, a)| {
                (
                    *k,
                    match a {
                        Arg::Plain(s) => s.clone(),
                        Arg::Word(t) => t.get(locale).to_string(),
                    },
                )
            })
            .collect();
        let refs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        text.fill(locale, &refs)
    }
}

/// A file checked in full: the change to make, how many deals it creates, updates and finds
/// unchanged, or every problem found; and notes on columns Co-sell did not take.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    pub outcome: Outcome,
    /// The commands the outcome was decided from, in order: what a shared server decides
    /// again (a `batch`).
    pub commands: Vec<crate::domain::deal::commands::Command>,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub problems: Vec<Problem>,
    /// Columns whose values were ignored (row 0, the column, why).
    pub notes: Vec<Problem>,
}

impl Plan {
    /// The file is right and holds deals: **Import** may write it.
    pub fn ready(&self) -> bool {
        self.problems.is_empty() && !self.outcome.referrals.is_empty()
    }

    /// What the dry run found, in a sentence.
    pub fn summary(&self, locale: Locale) -> String {
        if !self.problems.is_empty() {
            Text::ImportProblems.fill(locale, &[("n", &self.problems.len().to_string())])
        } else if self.outcome.referrals.is_empty() && self.unchanged > 0 {
            Text::ImportNothingToChange.fill(locale, &[("n", &self.unchanged.to_string())])
        } else if self.outcome.referrals.is_empty() {
            Text::ImportNoDeals.get(locale).to_string()
        } else {
            let text = if self.unchanged > 0 {
                Text::ImportReadyUnchanged
            } else {
                Text::ImportReady
            };
            text.fill(
                locale,
                &[
                    ("created", &self.created.to_string()),
                    ("updated", &self.updated.to_string()),
                    ("unchanged", &self.unchanged.to_string()),
                ],
            )
        }
    }
}

// ---------------------------------------------------------------------------------------
// Export
