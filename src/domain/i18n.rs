//! The user interface's words in every language Co-sell speaks, side by side: a row without
//! its German (or English) text does not compile, and a test catches German that is only a
//! copy of the English. German follows the terms of the Partner Center article in
//! `../shared/reference/` (Eingehend, Ausgehend, Favoriten, Verkaufschance, Verkaufsphase …).
//!
//! Views ask `Text::X.get(locale)`. Screens move here one by one; SPEC §11's accessible names
//! are the English column.

use super::locale::Locale;

macro_rules! texts {
    ($($key:ident: $en:literal / $de:literal,)+) => {
        /// A text of the user interface.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Text {
            $($key),+
        }

        impl Text {
            pub const ALL: &'static [Text] = &[$(Text::$key),+];

            pub fn get(self, locale: Locale) -> &'static str {
                const EN: &[&str] = &[$($en),+];
                const DE: &[&str] = &[$($de),+];
                let i = self as usize;
                match locale {
                    Locale::En => EN[i],
                    Locale::De => DE[i],
                }
            }
        }
    };
}

texts! {
    // The header and its banners.
    NavMain: "Main" / "Hauptnavigation",
    NavDeals: "Deals" / "Deals",
    NavForecast: "Forecast" / "Prognose",
    NavOutbox: "Email outbox" / "E-Mail-Postausgang",
    NavRegistrations: "Registrations" / "Registrierungen",
    NavSettings: "Settings" / "Einstellungen",
    SignedInAs: "Signed in as" / "Angemeldet als",
    SkipToContent: "Skip to content" / "Zum Inhalt springen",
    UpdateAvailable: "Update available" / "Update verfügbar",
    UpdateReady: "A new version of Co-sell is ready. Reload to use it; nothing you saved is lost." / "Eine neue Version von Co-sell ist bereit. Laden Sie neu, um sie zu verwenden; nichts Gespeichertes geht verloren.",
    ReloadToUpdate: "Reload to update" / "Neu laden und aktualisieren",
    UpdatedElsewhere: "Co-sell was updated in another tab. Reload this tab to keep working; nothing you saved is lost." / "Co-sell wurde in einem anderen Tab aktualisiert. Laden Sie diesen Tab neu, um weiterzuarbeiten; nichts Gespeichertes geht verloren.",
    Reload: "Reload" / "Neu laden",
    SimulatedTime: "Simulated time" / "Simulierte Zeit",
    UseRealTime: "Use real time" / "Echte Zeit verwenden",
    // The deal tabs (SPEC §3; the article's Registerkarten).
    TabInbound: "Inbound" / "Eingehend",
    TabOutbound: "Outbound" / "Ausgehend",
    TabFavorites: "Favorites" / "Favoriten",
    // Settings: the language switch.
    Language: "Language" / "Sprache",
    LanguageHint: "Co-sell follows your browser's language until you choose one here." / "Co-sell folgt der Sprache Ihres Browsers, bis Sie hier eine auswählen.",
}

/// German words that are the same in English (product names, loan words of the article).
#[cfg(test)]
const SAME_IN_GERMAN: &[Text] = &[Text::NavDeals];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_has_both_languages_and_german_is_not_a_copy_of_english() {
        for &t in Text::ALL {
            let (en, de) = (t.get(Locale::En), t.get(Locale::De));
            assert!(!en.trim().is_empty() && !de.trim().is_empty(), "{t:?} is empty in a language");
            assert_eq!(en != de, !SAME_IN_GERMAN.contains(&t), "{t:?}: German {de:?} vs English {en:?} (list deliberate equals in SAME_IN_GERMAN)");
        }
    }

    #[test]
    fn the_table_and_the_keys_line_up() {
        assert_eq!(Text::NavMain.get(Locale::En), "Main");
        assert_eq!(Text::TabInbound.get(Locale::De), "Eingehend");
        assert_eq!(Text::ALL.last().map(|t| t.get(Locale::En)), Some("Co-sell follows your browser's language until you choose one here."));
        assert_eq!(Text::ALL.iter().enumerate().filter(|(i, t)| **t as usize != *i).count(), 0);
    }
}
