//! The languages Co-sell speaks, and which one a user gets: their choice if they made one
//! (Settings), else the first of the browser's preferred languages that Co-sell speaks, else
//! English.

/// A language of the user interface and of emails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    #[default]
    En,
    De,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::De];

    /// "de", "de-DE", "de_AT", "EN-gb" …; `None` for a language Co-sell does not speak.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        match primary.to_ascii_lowercase().as_str() {
            "en" => Some(Locale::En),
            "de" => Some(Locale::De),
            _ => None,
        }
    }

    /// The user's language: a remembered choice wins, then the browser's list in its order.
    pub fn choose(remembered: Option<&str>, preferred: &[String]) -> Self {
        remembered
            .and_then(Self::from_tag)
            .or_else(|| preferred.iter().find_map(|t| Self::from_tag(t)))
            .unwrap_or_default()
    }

    /// The BCP 47 tag for `<html lang>` and storage.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::De => "de",
        }
    }

    /// The language's name in that language, as a language switch shows it.
    pub fn name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::De => "Deutsch",
        }
    }

    /// Thousands separator and decimal mark.
    pub fn separators(self) -> (char, char) {
        match self {
            Locale::En => (',', '.'),
            Locale::De => ('.', ','),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(tags: &[&str]) -> Vec<String> {
        tags.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn a_tag_names_its_language_whatever_its_region_or_case() {
        for (tag, locale) in [
            ("de", Some(Locale::De)),
            ("de-AT", Some(Locale::De)),
            ("de_CH", Some(Locale::De)),
            ("EN-gb", Some(Locale::En)),
            ("en", Some(Locale::En)),
            ("fr-FR", None),
            ("", None),
            ("deu", None),
        ] {
            assert_eq!(Locale::from_tag(tag), locale, "{tag}");
        }
    }

    #[test]
    fn the_remembered_choice_wins_then_the_browser_order_then_english() {
        assert_eq!(
            Locale::choose(Some("en"), &list(&["de-DE", "de"])),
            Locale::En
        );
        assert_eq!(
            Locale::choose(None, &list(&["fr-FR", "de-DE", "en-US"])),
            Locale::De
        );
        assert_eq!(Locale::choose(None, &list(&["en-US", "de-DE"])), Locale::En);
        assert_eq!(Locale::choose(Some("xx"), &list(&["fr", "it"])), Locale::En);
        assert_eq!(Locale::choose(None, &[]), Locale::En);
    }

    #[test]
    fn every_language_has_its_own_tag_and_name() {
        for l in Locale::ALL {
            assert_eq!(Locale::from_tag(l.tag()), Some(l));
        }
        assert_eq!(Locale::ALL.map(Locale::name), ["English", "Deutsch"]);
    }
}
