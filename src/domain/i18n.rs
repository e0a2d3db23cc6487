//! The user interface's words in every language Co-sell speaks, side by side: a row without
//! its German (or English) text does not compile, and a test catches German that is only a
//! copy of the English. German follows the terms of the Partner Center article in
//! `../shared/reference/` (Eingehend, Ausgehend, Favoriten, Verkaufschance, Verkaufsphase …).
//!
//! Views ask `Text::X.get(locale)`. Screens move here one by one; SPEC §11's accessible names
//! are the English column.

use super::locale::Locale;

macro_rules! texts {
    ($($(#[$doc:meta])* $key:ident: $en:literal / $de:literal,)+) => {
        /// A text of the user interface.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Text {
            $($(#[$doc])* $key),+
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
    // The deal lists (SPEC §3).
    DealsHeading: "Deals" / "Deals",
    NewDeal: "New deal" / "Neuer Deal",
    DealLists: "Deal lists" / "Deallisten",
    SearchDeals: "Search deals" / "Deals durchsuchen",
    SearchPlaceholder: "Search deals, customers, CRM IDs" / "Deals, Kunden und CRM-IDs durchsuchen",
    FilterType: "Type" / "Typ",
    AllTypes: "All types" / "Alle Typen",
    FilterStatus: "Status" / "Status",
    AllStatuses: "All statuses" / "Alle Status",
    FilterStage: "Sales stage" / "Verkaufsphase",
    AllStages: "All stages" / "Alle Phasen",
    ExportCsv: "Export CSV" / "CSV exportieren",
    ExportJson: "Export JSON" / "JSON exportieren",
    Import: "Import" / "Importieren",
    /// `{n}`: how many more.
    ShowMore: "Show more deals ({n} more)" / "Weitere Deals anzeigen (noch {n})",
    /// `{n}` of `{all}`.
    DealsMatch: "{n} of {all} deals match" / "{n} von {all} Deals entsprechen der Suche",
    OneDeal: "1 deal" / "1 Deal",
    /// `{n}`.
    NDeals: "{n} deals" / "{n} Deals",
    RoleSeesNoDeals: "Your role manages users and sees no deals. Sign in as a referral admin or referral user to work on deals." / "Ihre Rolle verwaltet Benutzer und sieht keine Deals. Melden Sie sich als Empfehlungsadministrator oder Empfehlungsbenutzer an, um an Deals zu arbeiten.",
    NoMatch: "No deals match your search and filters." / "Keine Deals entsprechen Ihrer Suche und Ihren Filtern.",
    ClearFilters: "Clear search and filters" / "Suche und Filter zurücksetzen",
    EmptyInbound: "No inbound deals. Deals that Microsoft or other partners share with your organisation appear here, waiting for you to accept or decline them." / "Keine eingehenden Deals. Deals, die Microsoft oder andere Partner mit Ihrer Organisation teilen, erscheinen hier und warten darauf, dass Sie sie annehmen oder ablehnen.",
    EmptyOutbound: "No outbound deals. Deals your organisation creates and shares appear here." / "Keine ausgehenden Deals. Deals, die Ihre Organisation erstellt und teilt, erscheinen hier.",
    EmptyFavorites: "No favorites yet. Select the heart next to a deal in Inbound or Outbound to keep it here." / "Noch keine Favoriten. Wählen Sie das Herz neben einem Deal unter Eingehend oder Ausgehend, um ihn hier zu behalten.",
    NoDealsYet: "This browser holds no deals yet. " / "Dieser Browser enthält noch keine Deals. ",
    LoadDemoInSettings: "Load demo deals in Settings" / "Demo-Deals in den Einstellungen laden",
    ToExplore: " to explore Co-sell." / ", um Co-sell kennenzulernen.",
    // The deal table and the heart.
    ColumnDealName: "Deal name" / "Dealname",
    ColumnCustomer: "Customer" / "Kunde",
    ColumnType: "Type" / "Typ",
    ColumnStatus: "Status" / "Status",
    ColumnValue: "Value" / "Wert",
    ColumnCloseDate: "Close date" / "Abschlussdatum",
    ColumnTimeLeft: "Days left" / "Verbleibende Tage",
    Select: "Select" / "Auswählen",
    /// `{name}`: the deal.
    SelectDeal: "Select {name}" / "{name} auswählen",
    Favorite: "Favorite" / "Favorit",
    AddToFavorites: "Add to Favorites" / "Zu Favoriten hinzufügen",
    RemoveFromFavorites: "Remove from Favorites" / "Aus Favoriten entfernen",
    // Not found.
    PageNotFound: "Page not found" / "Seite nicht gefunden",
    NoPageHere: "There is no page at this address." / "Unter dieser Adresse gibt es keine Seite.",
    GoToDeals: "Go to your deals" / "Zu Ihren Deals",
    // Notifications (the header's bell).
    Notifications: "Notifications" / "Benachrichtigungen",
    NoUnread: "No unread notifications" / "Keine ungelesenen Benachrichtigungen",
    OneUnread: "1 unread notification" / "1 ungelesene Benachrichtigung",
    /// `{n}`.
    NUnread: "{n} unread notifications" / "{n} ungelesene Benachrichtigungen",
    MarkAllRead: "Mark all as read" / "Alle als gelesen markieren",
    NoNotificationsYet: "No notifications yet." / "Noch keine Benachrichtigungen.",
    // Inbound triage.
    TriageKeys: "Keys on a deal: j / k move, x selects, a accepts, d declines, Enter opens." / "Tasten auf einem Deal: j / k bewegen, x wählt aus, a nimmt an, d lehnt ab, Eingabe öffnet.",
    SelectedDeals: "Selected deals" / "Ausgewählte Deals",
    /// `{n}`.
    NSelected: "{n} selected" / "{n} ausgewählt",
    AcceptSelected: "Accept selected" / "Ausgewählte annehmen",
    DeclineSelected: "Decline selected" / "Ausgewählte ablehnen",
    ClearSelection: "Clear selection" / "Auswahl aufheben",
    /// `{n}`.
    DeclineSelectedIntro: "The {n} selected deals close for your organisation; each sender is told the reason." / "Die {n} ausgewählten Deals werden für Ihre Organisation geschlossen; jeder Absender erfährt den Grund.",
    // Settings.
    SettingsHeading: "Settings" / "Einstellungen",
    DemoData: "Demo data" / "Demodaten",
    DemoDataIntro: "Demo deals show Co-sell with content: deals across Contoso, Fabrikam, Northwind and Microsoft in every status, type and stage. They are the same every time for the same number." / "Demo-Deals zeigen Co-sell mit Inhalt: Deals von Contoso, Fabrikam, Northwind und Microsoft in jedem Status, Typ und jeder Phase. Bei gleicher Anzahl sind es jedes Mal dieselben.",
    DemoCount: "Number of demo deals" / "Anzahl der Demo-Deals",
    /// `{max}`.
    DemoCountInvalid: "Enter a whole number from 1 to {max}." / "Geben Sie eine ganze Zahl von 1 bis {max} ein.",
    DemoCountHint: "Loads into this browser's empty exchange." / "Wird in den leeren Datenbestand dieses Browsers geladen.",
    DemoNeedsEmpty: "This browser already holds deals. Reset all data first to load demo deals." / "Dieser Browser enthält bereits Deals. Setzen Sie zuerst alle Daten zurück, um Demo-Deals zu laden.",
    LoadDemo: "Load demo deals" / "Demo-Deals laden",
    LoadingDemo: "Loading demo deals…" / "Demo-Deals werden geladen…",
    DataInBrowser: "Data in this browser" / "Daten in diesem Browser",
    /// `{n}`.
    NStored: "{n} referrals are stored in this browser." / "In diesem Browser sind {n} Empfehlungen gespeichert.",
    PersistGranted: "Persistent storage: granted. The browser keeps Co-sell's data even when space runs low." / "Dauerhafter Speicher: gewährt. Der Browser behält die Daten von Co-sell auch bei knappem Speicherplatz.",
    PersistDenied: "Persistent storage: not granted. The browser may clear Co-sell's data when space runs low; export your deals to keep a copy." / "Dauerhafter Speicher: nicht gewährt. Der Browser kann die Daten von Co-sell bei knappem Speicherplatz löschen; exportieren Sie Ihre Deals, um eine Kopie zu behalten.",
    PersistUnknown: "Persistent storage: this browser does not say whether it keeps Co-sell's data." / "Dauerhafter Speicher: Dieser Browser teilt nicht mit, ob er die Daten von Co-sell behält.",
    OfflineHint: "After one visit Co-sell works without a network: it starts, shows and saves deals offline." / "Nach einem Besuch funktioniert Co-sell ohne Netzwerk: Es startet, zeigt und speichert Deals offline.",
    ResetAll: "Reset all data" / "Alle Daten zurücksetzen",
    ResetWarning: "This removes every deal and favorite stored in this browser and signs you in as the first demo user. The reference data stays. This cannot be undone." / "Damit werden alle in diesem Browser gespeicherten Deals und Favoriten entfernt, und Sie werden als erster Demobenutzer angemeldet. Die Referenzdaten bleiben erhalten. Dies kann nicht rückgängig gemacht werden.",
    // Statuses (the lists' status cell and the deal page).
    StatusPending: "Pending" / "Ausstehend",
    StatusReceived: "Received" / "Empfangen",
    StatusAccepted: "Accepted" / "Angenommen",
    StatusWon: "Won" / "Gewonnen",
    StatusLost: "Lost" / "Verloren",
    StatusDeclined: "Declined" / "Abgelehnt",
    StatusExpired: "Expired" / "Abgelaufen",
    // Deal types (the article: Co-Selling, Privat, Partner-zu-Partner).
    TypePrivate: "Private" / "Privat",
    TypePartnerLed: "Partner-led" / "Partnergeführt",
    TypeCoSell: "Co-sell" / "Co-Selling",
    TypeSolutionAssessment: "Solution assessment" / "Lösungsbewertung",
    // Time left to answer.
    DueNow: "Due now" / "Jetzt fällig",
    /// `{m}` minutes.
    LeftMinutes: "{m} min" / "{m} Min.",
    /// `{h}` hours, `{m}` minutes.
    LeftHours: "{h} h {m} min" / "{h} Std. {m} Min.",
    /// `{h}` hours.
    LeftOneDay: "1 day {h} h" / "1 Tag {h} Std.",
    /// `{d}` days, `{h}` hours.
    LeftDays: "{d} days {h} h" / "{d} Tage {h} Std.",
    // Settings: the language switch.
    Language: "Language" / "Sprache",
    LanguageHint: "Co-sell follows your browser's language until you choose one here." / "Co-sell folgt der Sprache Ihres Browsers, bis Sie hier eine auswählen.",
}

/// German words that are the same in English (product names, loan words of the article).
#[cfg(test)]
const SAME_IN_GERMAN: &[Text] = &[Text::NavDeals, Text::DealsHeading, Text::FilterStatus, Text::ColumnStatus];

impl Text {
    /// The text with its `{name}` placeholders filled in.
    pub fn fill(self, locale: Locale, values: &[(&str, &str)]) -> String {
        let mut text = self.get(locale).to_string();
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }
}

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

    #[test]
    fn deal_types_statuses_and_time_left_speak_german() {
        use crate::domain::listing::time_left_label_in;
        use crate::domain::model::{deal_type_label_in, SharingType};
        assert_eq!(deal_type_label_in(Locale::De, SharingType::PartnerLed, true, false), "Partnergeführt + P2P");
        assert_eq!(deal_type_label_in(Locale::De, SharingType::CoSell, false, true), "Lösungsbewertung");
        assert_eq!(deal_type_label_in(Locale::En, SharingType::CoSell, false, false), "Co-sell");
        assert_eq!(time_left_label_in(Locale::De, chrono::Duration::minutes(2 * 1440 + 4 * 60 + 5)), "2 Tage 4 Std.");
        assert_eq!(time_left_label_in(Locale::De, chrono::Duration::minutes(75)), "1 Std. 15 Min.");
        assert_eq!(time_left_label_in(Locale::En, chrono::Duration::minutes(1440 + 60)), "1 day 1 h");
        assert_eq!(time_left_label_in(Locale::De, chrono::Duration::zero()), "Jetzt fällig");
    }

    #[test]
    fn placeholders_are_filled_and_each_language_has_the_same_ones() {
        assert_eq!(Text::DealsMatch.fill(Locale::De, &[("n", "3"), ("all", "40")]), "3 von 40 Deals entsprechen der Suche");
        assert_eq!(Text::SelectDeal.fill(Locale::En, &[("name", "Adatum")]), "Select Adatum");
        let holes = |s: &str| {
            let mut v: Vec<String> = s.split('{').skip(1).filter_map(|p| p.split_once('}').map(|(h, _)| h.to_string())).collect();
            v.sort();
            v
        };
        for &t in Text::ALL {
            assert_eq!(holes(t.get(Locale::En)), holes(t.get(Locale::De)), "{t:?} has other placeholders in German");
        }
    }
}
