//! The user interface's words in every language Co-sell speaks, side by side: a row without
//! its German (or English) text does not compile, and a test catches German that is only a
//! copy of the English. German follows the terms of the Partner Center article in
//! `../shared/reference/` (Eingehend, Ausgehend, Favoriten, Verkaufschance, Verkaufsphase …).
//!
//! Views ask `Text::X.get(locale)`. Screens move here one by one; SPEC §11's accessible names
//! are the English column.

use crate::domain::support::locale::Locale;

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
                let i = self as usize;
                match locale {
                    Locale::En => EN[i],
                    Locale::De => german::text(i).unwrap_or(EN[i]),
                }
            }
        }

        /// The German column, in the order of `Text::ALL`: compiled into host builds (the
        /// tests, the server); the browser app loads it from `i18n/de.json` (`german`).
        #[cfg(not(target_arch = "wasm32"))]
        const GERMAN: &[&str] = &[$($de),+];
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
    SignOut: "Sign out" / "Abmelden",
    SignInAgain: "Sign in again" / "Erneut anmelden",
    SectionApiTokens: "API tokens" / "API-Token",
    ApiTokensIntro: "Tokens let your CRM and other systems use the Referrals API as a named integration of your organisation. A token is shown once; revoke it when it is no longer needed." / "Token erlauben Ihrem CRM und anderen Systemen, die Referrals-API als benannte Integration Ihrer Organisation zu nutzen. Ein Token wird nur einmal angezeigt; widerrufen Sie es, wenn es nicht mehr gebraucht wird.",
    LabelTokenName: "Token name" / "Name des Tokens",
    LabelTokenAccess: "Access" / "Zugriff",
    TokenRead: "Read" / "Lesen",
    TokenReadWrite: "Read and write" / "Lesen und schreiben",
    CreateToken: "Create token" / "Token erstellen",
    TokenShownOnce: "Copy this token now: it is not shown again." / "Kopieren Sie dieses Token jetzt: Es wird nicht noch einmal angezeigt.",
    /// `{name}`: the token's name.
    RevokeToken: "Revoke {name}" / "{name} widerrufen",
    TokenRevoked: "Revoked" / "Widerrufen",
    Revoke: "Revoke" / "Widerrufen",
    SectionWebhooks: "Webhooks" / "Webhooks",
    WebhooksIntro: "Co-sell calls these URLs when one of your organisation's referrals is created or changes. Each call is signed (X-Cosell-Signature: HMAC-SHA256 of the body with the hook's secret) and retried when it fails." / "Co-sell ruft diese URLs auf, wenn eine Empfehlung Ihrer Organisation erstellt wird oder sich ändert. Jeder Aufruf ist signiert (X-Cosell-Signature: HMAC-SHA256 des Inhalts mit dem Geheimnis des Webhooks) und wird wiederholt, wenn er fehlschlägt.",
    LabelWebhookUrl: "Webhook URL" / "Webhook-URL",
    WebhookEvents: "Events" / "Ereignisse",
    EventReferralCreated: "Referral created" / "Empfehlung erstellt",
    EventReferralUpdated: "Referral updated" / "Empfehlung geändert",
    AddWebhook: "Add webhook" / "Webhook hinzufügen",
    WebhookSecretOnce: "Copy this signing secret now: it is not shown again." / "Kopieren Sie dieses Signaturgeheimnis jetzt: Es wird nicht noch einmal angezeigt.",
    NoWebhooks: "No webhooks yet." / "Noch keine Webhooks.",
    RemoveWebhook: "Remove webhook {url}" / "Webhook {url} entfernen",
    Remove: "Remove" / "Entfernen",
    WebhookRemoved: "Removed" / "Entfernt",
    WebhookUrlRequired: "Enter a URL starting with https:// (or http:// inside your network)." / "Geben Sie eine URL ein, die mit https:// beginnt (oder http:// in Ihrem Netz).",
    WebhookEventRequired: "Choose at least one event." / "Wählen Sie mindestens ein Ereignis.",
    DeliveriesTo: "Latest deliveries to {url}" / "Letzte Zustellungen an {url}",
    NoDeliveries: "Nothing delivered yet." / "Noch nichts zugestellt.",
    ColumnEvent: "Event" / "Ereignis",
    ColumnWhen: "When" / "Wann",
    DeliveryDelivered: "Delivered" / "Zugestellt",
    DeliveryWaiting: "Waiting" / "Wartet",
    DeliveryRetrying: "Will be retried (attempts so far: {n}). Last error: {why}" / "Wird wiederholt (bisherige Versuche: {n}). Letzter Fehler: {why}",
    DeliveryFailed: "Failed: {why}" / "Fehlgeschlagen: {why}",
    DeliveryCancelled: "Cancelled" / "Abgebrochen",
    ColumnDelivery: "Delivery" / "Zustellung",
    OutboxIntroShared: "The emails Co-sell sends to your organisation's people, each in the recipient's language. The Delivery column says whether each went out." / "Die E-Mails, die Co-sell an die Personen Ihrer Organisation sendet, jeweils in der Sprache des Empfängers. Die Spalte Zustellung zeigt, ob jede versendet wurde.",
    EmailSent: "Sent" / "Gesendet",
    EmailNoRelay: "Kept here: no mail relay is configured" / "Hier behalten: Es ist kein Mail-Relay eingerichtet",
    TokenActive: "Active" / "Aktiv",
    NoTokens: "No API tokens yet." / "Noch keine API-Token.",
    TokenNameRequired: "Name the token (1 to 80 characters)." / "Geben Sie dem Token einen Namen (1 bis 80 Zeichen).",
    SignInHeading: "Sign in to Co-sell" / "Bei Co-sell anmelden",
    SignInIntro: "This Co-sell server uses demo sign-in: choose who you are." / "Dieser Co-sell-Server verwendet die Demo-Anmeldung: Wählen Sie, wer Sie sind.",
    SignInAs: "Sign in as" / "Anmelden als",
    SignInOidcIntro: "Sign in with the account your organisation gave you." / "Melden Sie sich mit dem Konto an, das Ihre Organisation Ihnen gegeben hat.",
    SignInWithOrganisation: "Sign in with your organisation" / "Mit Ihrer Organisation anmelden",
    SignInNoAccess: "Your account has no access to Co-sell. Ask your organisation's Co-sell admin to add you." / "Ihr Konto hat keinen Zugang zu Co-sell. Bitten Sie die Co-sell-Administration Ihrer Organisation, Sie hinzuzufügen.",
    SignInRefused: "Signing in did not work. Try again." / "Die Anmeldung hat nicht funktioniert. Versuchen Sie es erneut.",
    SignInUnavailable: "The sign-in service cannot be reached right now. Try again shortly." / "Der Anmeldedienst ist gerade nicht erreichbar. Versuchen Sie es gleich noch einmal.",
    SignInNoWay: "This server has no way to sign in yet. Ask your IT department to configure it." / "Auf diesem Server ist noch keine Anmeldung eingerichtet. Bitten Sie Ihre IT, sie einzurichten.",
    SignIn: "Sign in" / "Anmelden",
    SignInFailed: "Signing in did not work: {why}" / "Die Anmeldung hat nicht funktioniert: {why}",
    SyncStatus: "Sync" / "Synchronisierung",
    SyncUpToDate: "Up to date" / "Aktuell",
    SyncSaving: "Saving…" / "Wird gespeichert…",
    /// `{n}`: how many changes wait.
    SyncOffline: "Offline — {n} changes will be sent when you are back online" / "Offline – {n} Änderungen werden gesendet, sobald Sie wieder online sind",
    SyncUnreachable: "Can't reach the server (retrying)" / "Server nicht erreichbar (neuer Versuch läuft)",
    /// `{n}`: how many changes wait.
    SyncUnreachableWaiting: "Can't reach the server (retrying) — {n} changes wait to be sent" / "Server nicht erreichbar (neuer Versuch läuft) – {n} Änderungen warten auf das Senden",
    SyncSignedOut: "Your session has ended: sign in again. Your unsent changes are kept." / "Ihre Sitzung ist abgelaufen: Melden Sie sich erneut an. Ihre noch nicht gesendeten Änderungen bleiben erhalten.",
    /// `{why}`: the server's reason, in the domain's words.
    NotSavedByServer: "Your change was not saved: {why}. The deal now shows the latest version." / "Ihre Änderung wurde nicht gespeichert: {why}. Der Deal zeigt jetzt die neueste Version.",
    ApplyAgain: "Apply my change again" / "Meine Änderung erneut anwenden",
    Dismiss: "Dismiss" / "Ausblenden",
    /// `{n}`: how many changes wait.
    PendingBeforeSwitch: "{n} changes are not sent yet: stay signed in until they are" / "{n} Änderungen sind noch nicht gesendet: Bleiben Sie angemeldet, bis sie gesendet sind",
    SharedServer: "Shared server" / "Gemeinsamer Server",
    LastSync: "Last synchronised" / "Zuletzt synchronisiert",
    NeverSynced: "Not yet" / "Noch nicht",
    DemoOnServer: "In shared mode demo deals come from the server (make serve DEMO=64)." / "Im gemeinsamen Modus kommen Demo-Deals vom Server (make serve DEMO=64).",
    SkipToContent: "Skip to content" / "Zum Inhalt springen",
    UpdateAvailable: "Update available" / "Update verfügbar",
    UpdateReady: "A new version of Co-sell is ready. Reload to use it; nothing you saved is lost." / "Eine neue Version von Co-sell ist bereit. Laden Sie neu, um sie zu verwenden; nichts Gespeichertes geht verloren.",
    ReloadToUpdate: "Reload to update" / "Neu laden und aktualisieren",
    UpdatedElsewhere: "Co-sell was updated in another tab. Reload this tab to keep working; nothing you saved is lost." / "Co-sell wurde in einem anderen Tab aktualisiert. Laden Sie diesen Tab neu, um weiterzuarbeiten; nichts Gespeichertes geht verloren.",
    Reload: "Reload" / "Neu laden",
    PageNotLoaded: "This page could not be loaded" / "Diese Seite konnte nicht geladen werden",
    PageNotLoadedAdvice: "Co-sell could not fetch this part of the app. Check the connection and try again; nothing you saved is lost." / "Co-sell konnte diesen Teil der App nicht abrufen. Prüfen Sie die Verbindung und versuchen Sie es erneut; nichts Gespeichertes geht verloren.",
    TryAgain: "Try again" / "Erneut versuchen",
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
    EmptyInbound: "No inbound deals. Deals that Microsoft or other partners share with your organisation appear here, waiting for you to accept or decline them." / "Keine eingehenden Deals. Deals, die Microsoft oder andere Partner mit Ihrer Organisation teilen, erscheinen hier und warten darauf, dass Sie sie akzeptieren oder ablehnen.",
    EmptyOutbound: "No outbound deals. Deals your organisation creates and shares appear here." / "Keine ausgehenden Deals. Deals, die Ihre Organisation erstellt und teilt, erscheinen hier.",
    EmptyFavorites: "No favorites yet. Select the heart next to a deal in Inbound or Outbound to keep it here." / "Noch keine Favoriten. Wählen Sie das Herz neben einem Deal unter Eingehend oder Ausgehend, um ihn hier zu behalten.",
    NoDealsYet: "This browser holds no deals yet. " / "Dieser Browser enthält noch keine Deals. ",
    LoadDemoInSettings: "Load demo deals in Settings" / "Demo-Deals in den Einstellungen laden",
    ToExplore: " to explore Co-sell." / ", um Co-sell kennenzulernen.",
    /// `{tab}`: the tab's name (the table's caption).
    TabDeals: "{tab} deals" / "Deals: {tab}",
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
    /// After an unread notification's time in the panel.
    UnreadMark: " · unread" / " · ungelesen",
    NoNotificationsYet: "No notifications yet." / "Noch keine Benachrichtigungen.",
    // Inbound triage.
    TriageKeys: "Keys on a deal: j / k move, x selects, a accepts, d declines, Enter opens; ? lists every shortcut." / "Tasten auf einem Deal: j / k bewegen, x wählt aus, a akzeptiert, d lehnt ab, Eingabe öffnet; ? zeigt alle Tastenkürzel.",
    SelectedDeals: "Selected deals" / "Ausgewählte Deals",
    /// `{n}`.
    NSelected: "{n} selected" / "{n} ausgewählt",
    AcceptSelected: "Accept selected" / "Ausgewählte akzeptieren",
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
    StatusPending: "View only" / "Nur Ansicht",
    StatusReceived: "Received" / "Empfangen",
    StatusAccepted: "Accepted" / "Akzeptiert",
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
    // Sales stages (the article's Vertriebsphasen).
    StageCreated: "Created" / "Erstellt",
    StageQualified: "Qualified" / "Qualifiziert",
    StageDeveloped: "Developed" / "Entwickelt",
    StageProposed: "Proposed" / "Vorgeschlagen",
    StageNegotiated: "Negotiated" / "Ausgehandelt",
    StageAssessmentPlanned: "Assessment planned" / "Bewertung geplant",
    StageDataCollected: "Data collected" / "Daten erfasst",
    StageAnalysisDone: "Analysis done" / "Analyse abgeschlossen",
    StageReportDelivered: "Report delivered" / "Bericht übergeben",
    // The help a deal asks for (the article: „Derzeit keine Hilfe erforderlich“).
    HelpNone: "No help required at this point of time" / "Derzeit keine Hilfe erforderlich",
    HelpWorkload: "Workload-specific value proposition" / "Workloadspezifisches Wertversprechen",
    HelpArchitecture: "Customer technical architecture" / "Technische Architektur des Kunden",
    HelpProofOfConcept: "Proof of concept/Demo" / "Proof of Concept/Demo",
    HelpQuotes: "Quotes and licensing" / "Angebote und Lizenzierung",
    HelpPostSales: "Post-sales customer success" / "Kundenerfolg nach dem Verkauf",
    HelpGeneral: "General or other" / "Allgemein oder sonstiges",
    // Why a deal is declined or lost.
    DeclineBudget: "Project budget insufficient" / "Projektbudget unzureichend",
    DeclineUnresponsive: "Customer unresponsive" / "Kunde reagiert nicht",
    DeclineOtherVendor: "Customer chose another vendor" / "Kunde hat einen anderen Anbieter gewählt",
    DeclineNeedNotMet: "Customer need not met" / "Kundenbedarf nicht erfüllt",
    DeclineNotACustomer: "Not a customer" / "Kein Kunde",
    DeclineTimeline: "Proposed timeline too short" / "Vorgeschlagener Zeitrahmen zu kurz",
    DeclineAbuse: "Report as abuse/spam/phishing" / "Als Missbrauch/Spam/Phishing melden",
    ReasonOther: "Other" / "Sonstiges",
    LossCompetitor: "Lost to a competitor" / "An einen Mitbewerber verloren",
    LossNoBudget: "No budget" / "Kein Budget",
    LossNoDecision: "No decision" / "Keine Entscheidung",
    LossNeedChanged: "Customer need changed" / "Kundenbedarf hat sich geändert",
    LossTiming: "Timing" / "Zeitpunkt",
    /// `{days}`: the stored reason of an expired referral.
    ExpiredReason: "No answer within {days} days" / "Keine Antwort innerhalb von {days} Tagen",
    // Solutions' incentive programs and the wizard's solution groups.
    ProgramNone: "Co-sell ready" / "Co-Sell-bereit",
    ProgramAzureIp: "Azure IP co-sell" / "Azure IP Co-Sell",
    ProgramBizAppsPremium: "Business Applications Premium" / "Business Applications Premium",
    ProgramBizAppsStandard: "Business Applications Standard" / "Business Applications Standard",
    GroupMine: "My company's solutions" / "Lösungen meines Unternehmens",
    GroupMicrosoft: "Microsoft" / "Microsoft",
    GroupThirdParty: "Other third-party solutions" / "Andere Lösungen von Drittanbietern",
    GroupAssessments: "Solution assessments" / "Lösungsbewertungen",
    TypeP2p: "P2P" / "P2P",
    // Roles (SPEC §1).
    RoleMpnPartnerAdmin: "MPN partner admin" / "MPN-Partneradministrator",
    RoleReferralAdmin: "Referral admin" / "Empfehlungsadministrator",
    RoleReferralUser: "Referral user" / "Empfehlungsbenutzer",
    RoleMicrosoftSeller: "Microsoft seller" / "Microsoft-Verkäufer",
    // Deal registration.
    RegSubmitted: "Submitted" / "Übermittelt",
    RegInReview: "In review" / "In Prüfung",
    RegApproved: "Approved" / "Genehmigt",
    RegActionRequired: "Action required" / "Aktion erforderlich",
    RegRejected: "Rejected" / "Abgelehnt",
    RegRegistered: "Registered" / "Registriert",
    CriterionType: "Deal type is Co-sell or Partner-led (not Private, not a solution assessment)" / "Der Dealtyp ist Co-Selling oder Partnergeführt (nicht Privat, keine Lösungsbewertung)",
    CriterionIncentive: "At least one solution is incentive-eligible (Azure IP co-sell or Business Applications)" / "Mindestens eine Lösung ist Incentive-berechtigt (Azure IP Co-Sell oder Business Applications)",
    CriterionWon: "The deal is won" / "Der Deal ist gewonnen",
    CriterionMicrosoft: "For Co-sell deals: Microsoft accepted the invitation or marked the deal won" / "Bei Co-Selling-Deals: Microsoft hat die Einladung akzeptiert oder den Deal als gewonnen markiert",
    // The lifecycle and Microsoft's part.
    StepDealRegistration: "Deal registration" / "Dealregistrierung",
    StepClosed: "Closed" / "Geschlossen",
    StepDone: "done" / "erledigt",
    StepCurrent: "current" / "aktuell",
    StepNext: "next" / "als Nächstes",
    /// How a screen reader reads a lifecycle step: `{i}` of `{n}`, `{name}`, then its state.
    StepSpoken: "stage {i} of {n}, {name}" / "Phase {i} von {n}, {name}",
    /// `{p}`.
    StepPercentSpoken: "{p} percent" / "{p} Prozent",
    MsAwaiting: "Invited, awaiting response" / "Eingeladen, Antwort ausstehend",
    MsExpired: "Invitation expired" / "Einladung abgelaufen",
    MsNotShared: "Not shared with Microsoft" / "Nicht mit Microsoft geteilt",
    MsMayView: "Microsoft sellers may view" / "Microsoft-Verkäufer dürfen den Deal sehen",
    MsInvited: "Invited" / "Eingeladen",
    // The activity of an engagement.
    DidCreate: "Deal created" / "Deal erstellt",
    DidReceive: "Referral received" / "Empfehlung empfangen",
    DidExpire: "Expired without an answer" / "Ohne Antwort abgelaufen",
    DidEdit: "Details edited" / "Details bearbeitet",
    DidAddMember: "Team member added" / "Teammitglied hinzugefügt",
    DidRemoveMember: "Team member removed" / "Teammitglied entfernt",
    DidEditSolutions: "Solutions edited" / "Lösungen bearbeitet",
    DidInviteMicrosoft: "Microsoft invited" / "Microsoft eingeladen",
    DidInvitePartner: "Partner invited" / "Partner eingeladen",
    DidMarkStage: "Sales stage marked" / "Verkaufsphase markiert",
    DidWin: "Marked as won" / "Als gewonnen markiert",
    DidLose: "Marked as lost" / "Als verloren markiert",
    DidRegister: "Deal registration submitted" / "Dealregistrierung übermittelt",
    DidStartReview: "Deal registration in review" / "Dealregistrierung in Prüfung",
    DidApprove: "Deal registration approved" / "Dealregistrierung genehmigt",
    DidRequestAction: "Deal registration needs action" / "Dealregistrierung erfordert eine Aktion",
    DidReject: "Deal registration rejected" / "Dealregistrierung abgelehnt",
    DidResubmit: "Deal registration resubmitted" / "Dealregistrierung erneut übermittelt",
    DidImport: "Imported from a file" / "Aus einer Datei importiert",
    DidAddSharedNote: "Shared note added" / "Geteilte Notiz hinzugefügt",
    // The deal page's actions (SPEC §11 names the English buttons).
    ActAccept: "Accept" / "Akzeptieren",
    ActDecline: "Decline" / "Ablehnen",
    ActExpire: "Expire" / "Ablaufen lassen",
    ActEdit: "Edit" / "Bearbeiten",
    ActAddMember: "Add team member" / "Teammitglied hinzufügen",
    ActRemoveMember: "Remove team member" / "Teammitglied entfernen",
    ActEditSolutions: "Edit solutions" / "Lösungen bearbeiten",
    ActInviteMicrosoft: "Invite Microsoft" / "Microsoft einladen",
    ActAllowView: "Let Microsoft sellers view this deal" / "Microsoft-Verkäufern diesen Deal zeigen",
    ActInvitePartner: "Invite partner" / "Partner einladen",
    /// `{stage}`.
    ActMarkStage: "Mark {stage}" / "Als {stage} markieren",
    ActMarkWon: "Mark as won" / "Als gewonnen markieren",
    ActMarkLost: "Mark as lost" / "Als verloren markieren",
    ActRegister: "Register now" / "Jetzt registrieren",
    ActResubmit: "Resubmit registration" / "Registrierung erneut einreichen",
    ActStartReview: "Start review" / "Prüfung beginnen",
    ActApprove: "Approve" / "Genehmigen",
    ActRequestAction: "Request action" / "Aktion anfordern",
    ActReject: "Reject" / "Zurückweisen",
    ActAddSharedNote: "Add shared note" / "Geteilte Notiz hinzufügen",
    // What an action tells once it is saved.
    DoneAccept: "The deal was accepted; the sender is told." / "Der Deal wurde akzeptiert; der Absender wird benachrichtigt.",
    DoneDecline: "The deal was declined and closed; the sender is told." / "Der Deal wurde abgelehnt und geschlossen; der Absender wird benachrichtigt.",
    DoneEdit: "The deal's details were saved." / "Die Details des Deals wurden gespeichert.",
    DoneAddMember: "The team member was added." / "Das Teammitglied wurde hinzugefügt.",
    DoneRemoveMember: "The team member was removed." / "Das Teammitglied wurde entfernt.",
    DoneEditSolutions: "The solutions were saved." / "Die Lösungen wurden gespeichert.",
    DoneInviteMicrosoft: "Microsoft was invited; the deal is Co-sell now." / "Microsoft wurde eingeladen; der Deal ist jetzt Co-Selling.",
    DoneAllowView: "Microsoft sellers may view this deal now." / "Microsoft-Verkäufer dürfen diesen Deal jetzt sehen.",
    DoneInvitePartner: "The partner was invited." / "Der Partner wurde eingeladen.",
    /// `{stage}`.
    DoneMarkStage: "The deal is marked {stage}." / "Der Deal ist als {stage} markiert.",
    DoneWon: "The deal is won." / "Der Deal ist gewonnen.",
    DoneLost: "The deal is lost and closed." / "Der Deal ist verloren und geschlossen.",
    DoneRegister: "The registration was submitted to Microsoft." / "Die Registrierung wurde an Microsoft übermittelt.",
    DoneStartReview: "The review started." / "Die Prüfung hat begonnen.",
    DoneApprove: "The registration was approved." / "Die Registrierung wurde genehmigt.",
    DoneRequestAction: "The partner was asked to fix the registration." / "Der Partner wurde gebeten, die Registrierung zu korrigieren.",
    DoneReject: "The registration was rejected." / "Die Registrierung wurde zurückgewiesen.",
    DoneAddSharedNote: "The note is shared with every party of the deal." / "Die Notiz ist mit allen Beteiligten des Deals geteilt.",
    DoneExpire: "The referral expired." / "Die Empfehlung ist abgelaufen.",
    /// `{n}`.
    DoneAcceptAll: "{n} deals were accepted; their senders are told." / "{n} Deals wurden akzeptiert; ihre Absender werden benachrichtigt.",
    /// `{n}`.
    DoneDeclineAll: "{n} deals were declined and closed; their senders are told." / "{n} Deals wurden abgelehnt und geschlossen; ihre Absender werden benachrichtigt.",
    /// `{n}` deals, `{done}` what happened.
    DoneMany: "{n} deals: {done}" / "{n} Deals: {done}",
    // Why an action is refused.
    NoReferralRole: "your role does not work on deals" / "Ihre Rolle arbeitet nicht an Deals",
    NotVisible: "this deal is not visible to you" / "dieser Deal ist für Sie nicht sichtbar",
    Terminal: "the deal is closed; closed deals are read-only" / "der Deal ist geschlossen; geschlossene Deals sind schreibgeschützt",
    NotReceived: "only a received referral can be accepted, declined or expired" / "nur eine empfangene Empfehlung kann akzeptiert, abgelehnt oder abgelaufen gelassen werden",
    NotAccepted: "accept the referral first" / "akzeptieren Sie die Empfehlung zuerst",
    WindowClosed: "the 14 days to respond have passed" / "die 14 Tage für eine Antwort sind vorbei",
    WindowOpen: "the 14 days to respond have not passed yet" / "die 14 Tage für eine Antwort sind noch nicht vorbei",
    NotCreator: "only the organisation that created the deal can do this (never from Inbound)" / "nur die Organisation, die den Deal erstellt hat, kann das tun (nie unter Eingehend)",
    UpgradeNotAllowed: "the deal type does not allow this upgrade" / "der Dealtyp erlaubt dieses Upgrade nicht",
    StageNotForward: "sales stages only move forward" / "Verkaufsphasen gehen nur vorwärts",
    StageNotNext: "solution assessment stages are marked one after another" / "die Phasen einer Lösungsbewertung werden nacheinander markiert",
    WrongStageKind: "this stage does not belong to this kind of deal" / "diese Phase gehört nicht zu dieser Art von Deal",
    AssessmentIncomplete: "every solution assessment stage must be complete before the deal is won" / "jede Phase der Lösungsbewertung muss abgeschlossen sein, bevor der Deal gewonnen ist",
    EarlyWin: "this deal was created less than 72 hours ago; confirm to mark it won" / "dieser Deal wurde vor weniger als 72 Stunden erstellt; bestätigen Sie, um ihn als gewonnen zu markieren",
    NotEligible: "the deal is not eligible for deal registration" / "der Deal ist nicht für die Dealregistrierung berechtigt",
    AlreadyRegistered: "the deal is registered already" / "der Deal ist bereits registriert",
    NotValidator: "only a Microsoft seller validates deal registrations" / "nur ein Microsoft-Verkäufer prüft Dealregistrierungen",
    RegistrationState: "the registration is not waiting for this step" / "die Registrierung wartet nicht auf diesen Schritt",
    LastTeamMember: "a deal keeps at least one team member" / "ein Deal behält mindestens ein Teammitglied",
    VendorCannotInvite: "Microsoft invites partners by creating a referral for them" / "Microsoft lädt Partner ein, indem es eine Empfehlung für sie erstellt",
    OnlyPartnersRegister: "only partners register deals; Microsoft's copy is never registered" / "nur Partner registrieren Deals; die Kopie von Microsoft wird nie registriert",
    DealExists: "a deal with this id exists already" / "ein Deal mit dieser ID existiert bereits",
    UnknownReferral: "this deal does not exist" / "dieser Deal existiert nicht",
    SyncForbidden: "the server runs this itself" / "das erledigt der Server selbst",
    FieldsNeedAttention: "some fields need attention" / "einige Felder erfordern Ihre Aufmerksamkeit",
    /// `{name}`: the deal.
    ConflictStale: "\"{name}\" was changed in another tab or window, or by someone else, after you opened it" / "„{name}“ wurde in einem anderen Tab oder Fenster oder von jemand anderem geändert, nachdem Sie es geöffnet haben",
    /// `{id}`.
    ConflictDuplicate: "a deal with id {id} already exists" / "ein Deal mit der ID {id} existiert bereits",
    // Field labels shared by the forms, the wizard, the previews and the deal page.
    LabelEstimatedValue: "Estimated value" / "Geschätzter Wert",
    LabelCloseDate: "Estimated close date" / "Geschätztes Abschlussdatum",
    LabelCurrency: "Currency" / "Währung",
    LabelCrmId: "CRM ID" / "CRM-ID",
    LabelCampaignId: "Marketing campaign ID" / "Marketingkampagnen-ID",
    LabelNotes: "Notes" / "Notizen",
    LabelName: "Name" / "Name",
    LabelPhone: "Phone" / "Telefon",
    LabelEmail: "Email" / "E-Mail",
    LabelReason: "Reason" / "Grund",
    LabelSolutions: "Solutions" / "Lösungen",
    LabelInvitedBy: "Invited by" / "Eingeladen von",
    LabelHelpRequested: "Help requested" / "Angeforderte Hilfe",
    LabelHelpType: "Identify the type of help you need from Microsoft" / "Identifizieren Sie die Art der Hilfe, die Sie von Microsoft benötigen",
    LabelContactName: "Contact name" / "Name des Kontakts",
    LabelContactPhone: "Contact phone" / "Telefon des Kontakts",
    LabelContactEmail: "Contact email" / "E-Mail des Kontakts",
    LabelCustomerContact: "Customer contact" / "Kundenkontakt",
    LabelContractType: "Contract type" / "Vertragstyp",
    ContractNew: "New" / "Neu",
    ContractRenewal: "Renewal" / "Verlängerung",
    LabelTotalContractValue: "Total contract value" / "Gesamtvertragswert",
    LabelSolutionValue: "Solution value" / "Wert der Lösung",
    LabelSignedDate: "Signed date" / "Unterzeichnungsdatum",
    LabelContractStart: "Contract start date" / "Vertragsbeginn",
    LabelContractEnd: "Contract end date" / "Vertragsende",
    HintEvergreen: "Leave empty for an evergreen contract." / "Für einen unbefristeten Vertrag leer lassen.",
    LabelEvergreen: "Evergreen" / "Unbefristet",
    LabelRegistrationEmail: "Registration contact email" / "Kontakt-E-Mail für die Registrierung",
    LabelErrorToFix: "Error to fix" / "Zu behebender Fehler",
    LabelRejectionReason: "Reason for rejection" / "Grund der Zurückweisung",
    // The action dialogs.
    Confirm: "Confirm" / "Bestätigen",
    Save: "Save" / "Speichern",
    CloseDeal: "Close deal" / "Deal schließen",
    SubmitRegistration: "Submit registration" / "Registrierung übermitteln",
    RegisterLater: "Register later" / "Später registrieren",
    RegisterWarning: "Register only if your company's name and the solution appear in the customer's contract; otherwise Microsoft may reject the registration." / "Registrieren Sie nur, wenn der Name Ihres Unternehmens und die Lösung im Vertrag des Kunden stehen; sonst kann Microsoft die Registrierung ablehnen.",
    IntroAccept: "Confirm the deal's details. Adding your own contact is optional: with none, you are the team. The sender is told you accepted." / "Bestätigen Sie die Details des Deals. Einen eigenen Kontakt anzugeben ist optional: ohne ihn sind Sie das Team. Der Absender erfährt, dass Sie akzeptiert haben.",
    IntroDecline: "The deal closes for your organisation and the sender is told why." / "Der Deal wird für Ihre Organisation geschlossen, und der Absender erfährt den Grund.",
    IntroInviteMicrosoft: "Microsoft receives this deal as a co-sell invitation and has 14 days to answer. The deal becomes Co-sell." / "Microsoft erhält diesen Deal als Co-Selling-Einladung und hat 14 Tage Zeit zu antworten. Der Deal wird zu Co-Selling.",
    IntroAllowView: "Microsoft sellers will see this deal; the deal becomes Partner-led. This cannot be undone." / "Microsoft-Verkäufer sehen diesen Deal; der Deal wird partnergeführt. Dies kann nicht rückgängig gemacht werden.",
    IntroEarlyWin: "This deal was created less than 72 hours ago. Registrations of deals won this quickly may be rejected. Mark it as won anyway?" / "Dieser Deal wurde vor weniger als 72 Stunden erstellt. Registrierungen so schnell gewonnener Deals können zurückgewiesen werden. Trotzdem als gewonnen markieren?",
    IntroLost: "The deal closes as lost; this cannot be undone." / "Der Deal wird als verloren geschlossen; dies kann nicht rückgängig gemacht werden.",
    /// `{note}`: Microsoft's note.
    IntroMicrosoftAsked: "Microsoft asked: {note}" / "Microsoft bittet: {note}",
    IntroRequestAction: "The partner sees this and can fix the registration and resubmit it." / "Der Partner sieht dies und kann die Registrierung korrigieren und erneut einreichen.",
    IntroReject: "The registration is rejected for good; the partner sees why." / "Die Registrierung wird endgültig zurückgewiesen; der Partner sieht den Grund.",
    // What one other party will see (the wizard's review).
    /// `{vendor}`: Microsoft.
    PreviewViewOnly: "{vendor} sellers (view only)" / "{vendor}-Verkäufer (nur Ansicht)",
    PreviewYourValue: "Your part's estimated value" / "Geschätzter Wert Ihres Anteils",
    PreviewCompletion: "Estimated completion date" / "Geschätztes Fertigstellungsdatum",
    PreviewHelpFromYou: "Help needed from you" / "Benötigte Hilfe von Ihnen",
    PreviewYourSolutions: "Solutions you bring" / "Lösungen, die Sie einbringen",
    PreviewNotesForYou: "Notes for you" / "Notizen für Sie",
    /// `{org}`: the inviting organisation.
    PreviewContactsAt: "Your contacts at {org}" / "Ihre Kontakte bei {org}",
    // What each deal type means (the wizard).
    ExplainPrivate: "Private: only your organisation sees this deal; Microsoft sellers cannot view it and it cannot be registered for incentives." / "Privat: Nur Ihre Organisation sieht diesen Deal; Microsoft-Verkäufer können ihn nicht sehen, und er kann nicht für Incentives registriert werden.",
    ExplainPartnerLed: "Partner-led: you lead the deal without help; Microsoft sellers can view it, and it can be registered once won." / "Partnergeführt: Sie führen den Deal ohne Hilfe; Microsoft-Verkäufer können ihn sehen, und er kann registriert werden, sobald er gewonnen ist.",
    ExplainCoSell: "Co-sell: Microsoft is invited to help and has 14 days to accept or decline." / "Co-Selling: Microsoft wird um Hilfe gebeten und hat 14 Tage Zeit, zu akzeptieren oder abzulehnen.",
    ExplainP2p: " Invited partners have 14 days to accept or decline their part." / " Eingeladene Partner haben 14 Tage Zeit, ihren Anteil zu akzeptieren oder abzulehnen.",
    // The wizard's steps.
    StepDealDetails: "Deal details" / "Dealdetails",
    StepTeam: "Team" / "Team",
    SharedNotes: "Shared notes" / "Geteilte Notizen",
    SharedNote: "Shared note" / "Geteilte Notiz",
    SharedNotesNone: "No shared notes yet." / "Noch keine geteilten Notizen.",
    IntroSharedNote: "Every party of this deal reads the note: Microsoft and the partners it is shared with. Your deal's own Notes stay private to your organisation." / "Alle Beteiligten dieses Deals lesen die Notiz: Microsoft und die Partner, mit denen er geteilt ist. Die Notizen Ihres Deals bleiben in Ihrer Organisation.",
    InviterContacts: "Contacts" / "Kontakte",
    StepSalesType: "Sales type" / "Verkaufstyp",
    StepReview: "Review" / "Überprüfen",
    // Field errors (validation's message keys).
    ErrRequired: "This field is required." / "Dieses Feld ist erforderlich.",
    ErrInvalidEmail: "Enter an email address such as name@example.com." / "Geben Sie eine E-Mail-Adresse wie name@example.com ein.",
    ErrInvalidPhone: "Enter a phone number with at least 6 digits, such as +49 89 1234567." / "Geben Sie eine Telefonnummer mit mindestens 6 Ziffern ein, z. B. +49 89 1234567.",
    ErrNegativeValue: "The value cannot be negative." / "Der Wert darf nicht negativ sein.",
    ErrTooManyDecimals: "Use at most two decimal places." / "Verwenden Sie höchstens zwei Nachkommastellen.",
    ErrNotANumber: "Enter a number, such as 125000 or 99.50." / "Geben Sie eine Zahl ein, z. B. 125000 oder 99.50.",
    ErrInvalidCurrency: "Enter a three-letter ISO 4217 currency code, such as EUR or USD." / "Geben Sie einen dreistelligen ISO-4217-Währungscode ein, z. B. EUR oder USD.",
    ErrDateInPast: "The date cannot be in the past." / "Das Datum darf nicht in der Vergangenheit liegen.",
    ErrInvalidDate: "Enter a date such as 2026-11-27." / "Geben Sie ein Datum wie 2026-11-27 ein.",
    ErrInvalidDuns: "A DUNS number has exactly 9 digits." / "Eine DUNS-Nummer hat genau 9 Ziffern.",
    ErrTooManyTeamMembers: "A deal can have at most 50 team members." / "Ein Deal kann höchstens 50 Teammitglieder haben.",
    ErrTooManySolutions: "A deal can have at most 50 solutions." / "Ein Deal kann höchstens 50 Lösungen haben.",
    ErrAtLeastOneTeamMember: "Add at least one team member." / "Fügen Sie mindestens ein Teammitglied hinzu.",
    ErrAtLeastOneSolution: "Add at least one solution." / "Fügen Sie mindestens eine Lösung hinzu.",
    ErrUnknownSolution: "This solution is not in the solution directory." / "Diese Lösung ist nicht im Lösungsverzeichnis.",
    ErrDuplicateSolution: "This solution was added twice." / "Diese Lösung wurde zweimal hinzugefügt.",
    ErrAssessmentNeedsExactlyOne: "A solution assessment has exactly one assessment." / "Eine Lösungsbewertung hat genau eine Bewertung.",
    ErrAssessmentExcludesOtherSolutions: "A solution assessment cannot have other solutions." / "Eine Lösungsbewertung kann keine weiteren Lösungen haben.",
    ErrAssessmentLocationRequired: "Choose the assessment location." / "Wählen Sie den Standort der Bewertung.",
    ErrAssessmentsNotAllowed: "Only organisations vetted for solution assessments can add assessments." / "Nur für Lösungsbewertungen geprüfte Organisationen können Bewertungen hinzufügen.",
    ErrUnknownLocation: "Choose one of your organisation's locations." / "Wählen Sie einen Standort Ihrer Organisation.",
    ErrLocationImmutable: "The location cannot be changed after the deal was created." / "Der Standort kann nach dem Erstellen des Deals nicht geändert werden.",
    ErrUnknownPartner: "Choose a partner from the partner directory." / "Wählen Sie einen Partner aus dem Partnerverzeichnis.",
    ErrCannotInviteOwnOrganization: "You cannot invite your own organisation." / "Sie können Ihre eigene Organisation nicht einladen.",
    ErrPartnerAlreadyInvited: "This partner is already part of the deal." / "Dieser Partner ist bereits Teil des Deals.",
    ErrContactRequiredForHelp: "A customer contact is required when you ask Microsoft for help." / "Ein Kundenkontakt ist erforderlich, wenn Sie Microsoft um Hilfe bitten.",
    ErrStartBeforeSigned: "The contract cannot start before it was signed." / "Der Vertrag kann nicht vor seiner Unterzeichnung beginnen.",
    ErrEndBeforeStart: "The contract must end after it starts." / "Der Vertrag muss nach seinem Beginn enden.",
    ErrEndOrEvergreen: "Enter an end date or mark the contract as evergreen." / "Geben Sie ein Enddatum ein oder markieren Sie den Vertrag als unbefristet.",
    ErrSolutionValueAboveTotal: "The solution value cannot exceed the total contract value." / "Der Wert der Lösung darf den Gesamtvertragswert nicht übersteigen.",
    ErrUnknownOrganization: "Choose an organisation from the directory." / "Wählen Sie eine Organisation aus dem Verzeichnis.",
    ErrAlreadyOnTeam: "This person is already on the team." / "Diese Person ist bereits im Team.",
    ErrNotOnTeam: "This person is not on the team." / "Diese Person ist nicht im Team.",
    ErrAssessmentKindFixed: "A deal cannot change between a solution assessment and another kind of deal." / "Ein Deal kann nicht zwischen einer Lösungsbewertung und einer anderen Art von Deal wechseln.",
    ErrAssessmentSolutionFixed: "A solution assessment keeps its assessment; create a new deal for another one." / "Eine Lösungsbewertung behält ihre Bewertung; erstellen Sie für eine andere einen neuen Deal.",
    ErrHelpTypeRequired: "Choose the type of help you need from Microsoft." / "Wählen Sie die Art der Hilfe, die Sie von Microsoft benötigen.",
    ErrChangedElsewhere: "Nothing was saved: this deal was changed in another tab or window after you opened this form. The page now shows the latest version; cancel and open the form again to make your change." / "Nichts wurde gespeichert: Dieser Deal wurde in einem anderen Tab oder Fenster geändert, nachdem Sie dieses Formular geöffnet haben. Die Seite zeigt jetzt die neueste Version; brechen Sie ab und öffnen Sie das Formular erneut, um Ihre Änderung vorzunehmen.",
    // The deal page.
    DealNotFound: "Deal not found" / "Deal nicht gefunden",
    DealNotFoundBody: "This deal does not exist in this browser, or it is not shared with the signed-in user." / "Dieser Deal existiert in diesem Browser nicht, oder er ist nicht mit dem angemeldeten Benutzer geteilt.",
    BackToDeals: "Back to deals" / "Zurück zu den Deals",
    Breadcrumb: "Breadcrumb" / "Brotkrümelnavigation",
    NotStarted: "Not started" / "Nicht begonnen",
    /// `{date}`.
    Closes: "closes {date}" / "Abschluss am {date}",
    TimeLeftToAnswer: "Time left to accept or decline: " / "Verbleibende Zeit zum Akzeptieren oder Ablehnen: ",
    /// `{h}` hours.
    EarlyWinCountdown: "Created less than 72 hours ago: marking it as won asks for confirmation for about {h} more hours." / "Vor weniger als 72 Stunden erstellt: Das Markieren als gewonnen erfordert noch etwa {h} Stunden lang eine Bestätigung.",
    LabelDealType: "Deal type" / "Dealtyp",
    MicrosoftStatus: "Microsoft status" / "Microsoft-Status",
    DealLifecycle: "Deal lifecycle" / "Deallebenszyklus",
    ReadOnlyClosed: "This deal is closed: it is read-only." / "Dieser Deal ist geschlossen: Er ist schreibgeschützt.",
    Actions: "Actions" / "Aktionen",
    TheirPart: "Their part" / "Anteil des Partners",
    Answered: "Answered" / "Beantwortet",
    NotYet: "Not yet" / "Noch nicht",
    Invitation: "Invitation" / "Einladung",
    EligibilityHeading: "Deal registration eligibility" / "Berechtigung zur Dealregistrierung",
    Met: "Met: " / "Erfüllt: ",
    NotMet: "Not met: " / "Nicht erfüllt: ",
    Registration: "Registration" / "Registrierung",
    MicrosoftsNote: "Microsoft's note" / "Hinweis von Microsoft",
    Address: "Address" / "Adresse",
    Size: "Size" / "Größe",
    Duns: "DUNS" / "DUNS",
    Contact: "Contact" / "Kontakt",
    Details: "Details" / "Details",
    HelpFromMicrosoft: "Help from Microsoft" / "Hilfe von Microsoft",
    LastUpdated: "Last updated" / "Zuletzt aktualisiert",
    /// `{name}`: the team member.
    RemoveNamed: "Remove {name}" / "{name} entfernen",
    Activity: "Activity" / "Aktivität",
    // The registrations queue (Microsoft sellers).
    RegistrationsHeading: "Registrations" / "Registrierungen",
    OnlySellersValidate: "Only Microsoft sellers validate deal registrations." / "Nur Microsoft-Verkäufer prüfen Dealregistrierungen.",
    NoRegistrations: "No deal registrations to validate." / "Keine Dealregistrierungen zu prüfen.",
    RegistrationsCaption: "Deal registrations, waiting ones first" / "Dealregistrierungen, wartende zuerst",
    ColumnDeal: "Deal" / "Deal",
    ColumnPartner: "Partner" / "Partner",
    /// `{name}`: the deal.
    ActionsFor: "Actions for {name}" / "Aktionen für {name}",
    // Dialogs and notices.
    Cancel: "Cancel" / "Abbrechen",
    Choose: "Choose…" / "Auswählen…",
    /// `{why}`.
    NothingChanged: "Nothing was changed: {why}." / "Nichts wurde geändert: {why}.",
    /// `{name}`: the deal, `{why}`.
    CannotAnswer: "Nothing was changed: \"{name}\" cannot be answered this way ({why}). Open it to answer it." / "Nichts wurde geändert: „{name}“ kann so nicht beantwortet werden ({why}). Öffnen Sie den Deal, um ihn zu beantworten.",
    /// `{why}`: the conflict.
    NothingSaved: "Nothing was saved: {why}. The page now shows the latest version." / "Nichts wurde gespeichert: {why}. Die Seite zeigt jetzt die neueste Version.",
    /// `{error}`: the browser's error.
    SaveFailed: "The change could not be saved; nothing was changed: {error}" / "Die Änderung konnte nicht gespeichert werden; nichts wurde geändert: {error}",
    /// `{why}`.
    FavoriteNotChanged: "The favorite was not changed: {why}." / "Der Favorit wurde nicht geändert: {why}.",
    /// `{error}`.
    FavoriteUndone: "The favorite could not be saved, so it was undone: {error}" / "Der Favorit konnte nicht gespeichert werden und wurde rückgängig gemacht: {error}",
    /// `{error}`.
    ExpiryFailed: "Expired referrals could not be saved: {error}" / "Abgelaufene Empfehlungen konnten nicht gespeichert werden: {error}",
    /// `{n}`.
    DemoLoaded: "Loaded {n} demo deals." / "{n} Demo-Deals geladen.",
    /// `{error}`.
    DemoNotLoaded: "The demo generator could not be fetched; nothing was loaded. Check the connection and try again." / "Der Demo-Generator konnte nicht abgerufen werden; nichts wurde geladen. Prüfen Sie die Verbindung und versuchen Sie es erneut.",
    DemoFailed: "The demo deals could not be saved; nothing was loaded: {error}" / "Die Demo-Deals konnten nicht gespeichert werden; nichts wurde geladen: {error}",
    ResetDone: "All deals and favorites were removed." / "Alle Deals und Favoriten wurden entfernt.",
    /// `{error}`.
    ResetFailed: "Nothing was reset: {error}" / "Nichts wurde zurückgesetzt: {error}",
    // The create wizard.
    NewDealRoleCannot: "Your role manages users and cannot create deals. Sign in as a referral admin or referral user." / "Ihre Rolle verwaltet Benutzer und kann keine Deals erstellen. Melden Sie sich als Empfehlungsadministrator oder Empfehlungsbenutzer an.",
    DraftDiscarded: "The draft was discarded." / "Der Entwurf wurde verworfen.",
    /// `{why}`.
    DealNotCreated: "The deal was not created: {why}" / "Der Deal wurde nicht erstellt: {why}",
    DealCreated: "The deal was created." / "Der Deal wurde erstellt.",
    DiscardDraft: "Discard draft" / "Entwurf verwerfen",
    WizardSteps: "Steps of the new deal" / "Schritte des neuen Deals",
    /// `{n}`: the step's number, `{step}` its name.
    StepOf: "Step {n} of 6: {step}" / "Schritt {n} von 6: {step}",
    /// `{n}`.
    NFieldsNeedAttention: "{n} fields need attention." / "{n} Felder erfordern Ihre Aufmerksamkeit.",
    Back: "Back" / "Zurück",
    CreateDeal: "Create deal" / "Deal erstellen",
    Next: "Next" / "Weiter",
    EditCustomer: "Edit customer" / "Kunde bearbeiten",
    EditDealDetails: "Edit deal details" / "Dealdetails bearbeiten",
    EditTeam: "Edit team" / "Team bearbeiten",
    EditSalesType: "Edit sales type" / "Verkaufstyp bearbeiten",
    Location: "Location" / "Standort",
    WhatOthersSee: "What others will see" / "Was andere sehen",
    NobodyOutside: "Nobody outside your organisation: this deal is Private." / "Niemand außerhalb Ihrer Organisation: Dieser Deal ist privat.",
    /// `{party}`.
    WhatPartySees: "What {party} will see" / "Was {party} sieht",
    CustomerIntro: "Find the customer by location and name. Several companies can share a name and city: the DUNS number tells them apart." / "Suchen Sie den Kunden nach Standort und Name. Mehrere Unternehmen können denselben Namen und Ort haben: Die DUNS-Nummer unterscheidet sie.",
    CustomerLocation: "Customer location" / "Standort des Kunden",
    CustomerLocationHint: "City or country, e.g. Munich" / "Ort oder Land, z. B. München",
    CustomerName: "Customer name" / "Name des Kunden",
    MatchingCustomers: "Matching customers" / "Passende Kunden",
    /// `{size}`, `{duns}`.
    SizeDuns: "Size {size} · DUNS {duns}" / "Größe {size} · DUNS {duns}",
    SelectCustomer: "Select the customer" / "Kunden auswählen",
    TypeToSearch: "Type a location and a name to search the customer directory." / "Geben Sie einen Standort und einen Namen ein, um das Kundenverzeichnis zu durchsuchen.",
    NoCustomerMatches: "No customer in the directory matches." / "Kein Kunde im Verzeichnis entspricht der Suche.",
    EnterByHand: "The customer is not listed: enter it by hand" / "Der Kunde ist nicht aufgeführt: manuell eingeben",
    ManualLegend: "Customer entered by hand (name from Customer name above)" / "Manuell eingegebener Kunde (Name aus „Name des Kunden“ oben)",
    StreetAddress: "Street address" / "Straße und Hausnummer",
    City: "City" / "Ort",
    PostalCode: "Postal code" / "Postleitzahl",
    CountryCode: "Country code" / "Ländercode",
    CountryCodeHint: "Two letters, e.g. DE or US" / "Zwei Buchstaben, z. B. DE oder US",
    DunsOptional: "DUNS number (optional)" / "DUNS-Nummer (optional)",
    SearchDirectoryInstead: "Search the directory instead" / "Stattdessen im Verzeichnis suchen",
    Selected: "Selected: " / "Ausgewählt: ",
    DuplicateBefore: "Your organisation already has an open deal for this customer (same DUNS): " / "Ihre Organisation hat bereits einen offenen Deal für diesen Kunden (gleiche DUNS): ",
    DuplicateAfter: ". Check it before creating a second one." / ". Prüfen Sie ihn, bevor Sie einen zweiten erstellen.",
    ContactHint: "Optional, but required when you ask Microsoft for help." / "Optional, aber erforderlich, wenn Sie Microsoft um Hilfe bitten.",
    ConsentNote: "By sharing a contact you confirm that the customer agreed that Microsoft and the partners you invite may contact them about this deal." / "Mit der Angabe eines Kontakts bestätigen Sie, dass der Kunde zugestimmt hat, dass Microsoft und die von Ihnen eingeladenen Partner ihn zu diesem Deal kontaktieren dürfen.",
    ChooseThePartner: "Choose the partner" / "Partner auswählen",
    PartnerLocation: "Partner location" / "Standort des Partners",
    ChoosePartnerLocation: "Choose the partner's location" / "Standort des Partners auswählen",
    LocationFixedHint: "The location cannot be changed after the deal is created." / "Der Standort kann nach dem Erstellen des Deals nicht geändert werden.",
    ValueHint: "At least 0, at most two decimals" / "Mindestens 0, höchstens zwei Nachkommastellen",
    CurrencyHint: "ISO 4217, e.g. EUR" / "ISO 4217, z. B. EUR",
    CloseDateHint: "Today or later" / "Heute oder später",
    Optional: "Optional" / "Optional",
    TeamIntro: "Add at least one person who works on this deal, with name, phone and email." / "Fügen Sie mindestens eine Person hinzu, die an diesem Deal arbeitet, mit Name, Telefon und E-Mail.",
    NobodyYet: "Nobody yet." / "Noch niemand.",
    NewTeamMember: "New team member" / "Neues Teammitglied",
    RecentContacts: "Recent contacts" / "Aktuelle Kontakte",
    /// `{name}`.
    AddNamed: "Add {name}" / "{name} hinzufügen",
    RecentHint: "People from your organisation's earlier deals appear here." / "Personen aus früheren Deals Ihrer Organisation erscheinen hier.",
    SearchSolutions: "Search solutions" / "Lösungen durchsuchen",
    NoMatchShort: "No match." / "Kein Treffer.",
    SolutionsIntro: "Add at least one solution. A solution assessment has exactly one assessment and nothing else." / "Fügen Sie mindestens eine Lösung hinzu. Eine Lösungsbewertung hat genau eine Bewertung und sonst nichts.",
    Chosen: "Chosen: " / "Gewählt: ",
    NoneYet: "none yet" / "noch keine",
    AssessmentLocation: "Assessment location" / "Standort der Bewertung",
    ChooseAssessmentLocation: "Choose where the assessment is delivered" / "Wählen Sie, wo die Bewertung durchgeführt wird",
    DoYouWantView: "Do you want Microsoft sellers to view this deal?" / "Möchten Sie, dass Microsoft-Verkäufer diesen Deal anzeigen?",
    Yes: "Yes" / "Ja",
    No: "No" / "Nein",
    Implied: "Implied: Microsoft is invited to help, so its sellers see the deal." / "Ergibt sich: Microsoft wird um Hilfe gebeten, daher sehen seine Verkäufer den Deal.",
    VendorReferralHint: "A referral from Microsoft goes to the partner you chose, who has 14 days to accept or decline." / "Eine Empfehlung von Microsoft geht an den gewählten Partner, der 14 Tage Zeit hat, sie zu akzeptieren oder abzulehnen.",
    PrivateIncentiveWarning: "This Private deal has an incentive-eligible solution. Private deals are not eligible for deal registration: let Microsoft sellers view it, or invite Microsoft, to keep the incentive." / "Dieser private Deal hat eine Incentive-berechtigte Lösung. Private Deals sind nicht für die Dealregistrierung berechtigt: Lassen Sie Microsoft-Verkäufer ihn sehen, oder laden Sie Microsoft ein, um das Incentive zu behalten.",
    Partners: "Partners" / "Partner",
    NoPartnerInvited: "No partner invited. Invite partners who work on this deal with you (P2P)." / "Kein Partner eingeladen. Laden Sie Partner ein, die mit Ihnen an diesem Deal arbeiten (P2P).",
    /// `{value}`, `{date}`.
    ValueBy: "{value} · by {date}" / "{value} · bis {date}",
    /// `{name}`.
    ChosenNamed: "Chosen: {name}" / "Gewählt: {name}",
    PartnerValue: "Partner estimated value" / "Geschätzter Wert des Partners",
    PartnerCurrency: "Partner currency" / "Währung des Partners",
    NotesForPartner: "Notes for partner" / "Notizen für den Partner",
    YourContactsForPartner: "Your contacts for this partner: " / "Ihre Kontakte für diesen Partner: ",
    HelpFromPartner: "Help needed from partner" / "Benötigte Hilfe vom Partner",
    /// `{h}` hours.
    WholeHours: "{h} h" / "{h} Std.",
    // The forecast (SPEC §13) and responsiveness (SPEC §9).
    ForecastHeading: "Pipeline forecast" / "Pipelineprognose",
    ForecastIntro: "Open deals being worked, weighted by their sales stage's percentage: a deal at Developed counts 40 % of its value. Converted with the reference exchange rates." / "Offene Deals in Bearbeitung, gewichtet mit dem Prozentsatz ihrer Verkaufsphase: Ein Deal in der Phase Entwickelt zählt mit 40 % seines Werts. Umgerechnet mit den Referenzwechselkursen.",
    ReportingCurrency: "Reporting currency" / "Berichtswährung",
    GroupBy: "Group by" / "Gruppieren nach",
    CloseMonth: "Close month" / "Abschlussmonat",
    OpenPipeline: "Open pipeline" / "Offene Pipeline",
    WeightedForecast: "Weighted forecast" / "Gewichtete Prognose",
    /// `{q}`: the quarter.
    LikelyToClose: "Likely to close in {q}" / "Voraussichtlicher Abschluss in {q}",
    /// `{weighted}`, `{value}`, `{n}`.
    WeightedOf: "{weighted} weighted of {value}, {n} deals" / "{weighted} gewichtet von {value}, {n} Deals",
    /// `{name}`, `{weighted}`, `{value}`.
    BarOneDeal: "{name}: {weighted} weighted of {value}, 1 deal" / "{name}: {weighted} gewichtet von {value}, 1 Deal",
    /// `{name}`, `{weighted}`, `{value}`, `{n}`.
    BarDeals: "{name}: {weighted} weighted of {value}, {n} deals" / "{name}: {weighted} gewichtet von {value}, {n} Deals",
    /// `{n}`.
    Unconverted: "{n} deals are left out: their currency has no exchange rate in the reference data." / "{n} Deals sind nicht enthalten: Für ihre Währung gibt es keinen Wechselkurs in den Referenzdaten.",
    ByCloseMonth: "By close month" / "Nach Abschlussmonat",
    ByStage: "By sales stage" / "Nach Verkaufsphase",
    NothingToForecast: "No open deals to forecast. Deals you accept or create appear here while they are being worked." / "Keine offenen Deals für eine Prognose. Deals, die Sie akzeptieren oder erstellen, erscheinen hier, während sie bearbeitet werden.",
    Weighted: "Weighted" / "Gewichtet",
    FullValue: "Full value" / "Voller Wert",
    SelectBar: "Select a bar to see its deals." / "Wählen Sie einen Balken, um seine Deals zu sehen.",
    CloseList: "Close list" / "Liste schließen",
    /// `{q}`.
    DealsLikelyIn: "Deals likely to close in {q}" / "Deals mit voraussichtlichem Abschluss in {q}",
    /// `{month}`.
    DealsClosingIn: "Deals closing in {month}" / "Deals mit Abschluss in {month}",
    /// `{stage}`.
    DealsAt: "Deals at {stage}" / "Deals in der Phase {stage}",
    ChartByMonth: "Weighted pipeline by close month" / "Gewichtete Pipeline nach Abschlussmonat",
    ChartByStage: "Weighted pipeline by sales stage" / "Gewichtete Pipeline nach Verkaufsphase",
    TableByMonth: "Open deals by close month" / "Offene Deals nach Abschlussmonat",
    TableByStage: "Open deals by sales stage" / "Offene Deals nach Verkaufsphase",
    /// `{c}`: the currency.
    ValueIn: "Value ({c})" / "Wert ({c})",
    /// `{c}`.
    WeightedIn: "Weighted ({c})" / "Gewichtet ({c})",
    Total: "Total" / "Summe",
    Responsiveness: "Responsiveness" / "Reaktionsfähigkeit",
    ResponsivenessIntro: "Partners who answer quickly and keep their deals up to date get more referrals." / "Partner, die schnell antworten und ihre Deals aktuell halten, erhalten mehr Empfehlungen.",
    MedianAnswer: "Median time to answer" / "Median der Antwortzeit",
    NoAnswersYet: "No answers yet" / "Noch keine Antworten",
    InboundAnswered: "Inbound referrals answered" / "Beantwortete eingehende Empfehlungen",
    ExpiredUnanswered: "Expired unanswered" / "Unbeantwortet abgelaufen",
    /// `{share}`, `{n}` of `{all}`.
    ShareOf: "{share} ({n} of {all})" / "{share} ({n} von {all})",
    NoneYetCapital: "None yet" / "Noch keine",
    AllUpToDate: "Every open deal has a value and a close date in the future." / "Jeder offene Deal hat einen Wert und ein Abschlussdatum in der Zukunft.",
    /// `{n}`.
    MissingValue: "Missing a value ({n})" / "Ohne Wert ({n})",
    /// `{n}`.
    CloseDatePassed: "Close date passed: update the date or mark won or lost ({n})" / "Abschlussdatum überschritten: Datum aktualisieren oder als gewonnen oder verloren markieren ({n})",
    // Import (the columns named in these are the file's, in English).
    ImportHeading: "Import deals" / "Deals importieren",
    ImportIntro: "A CSV file (the columns of Export CSV; Deal name, Customer name, Value, Currency and Estimated close date are enough for new deals) or the JSON of Export JSON. Rows with a referral ID or CRM ID that is already here update that deal; the others create deals. Every row is checked first: nothing is written until the whole file is right." / "Eine CSV-Datei (die Spalten von „CSV exportieren“; Deal name, Customer name, Value, Currency und Estimated close date genügen für neue Deals) oder das JSON von „JSON exportieren“. Zeilen mit einer Empfehlungs-ID oder CRM-ID, die es hier schon gibt, aktualisieren diesen Deal; die anderen erstellen Deals. Jede Zeile wird zuerst geprüft: Nichts wird geschrieben, bevor die ganze Datei stimmt.",
    ImportFile: "Import file" / "Importdatei",
    ImportProgress: "Import progress" / "Importfortschritt",
    /// `{name}`: the file.
    Reading: "Reading {name}…" / "{name} wird gelesen…",
    /// `{name}`.
    Checking: "Checking {name}…" / "{name} wird geprüft…",
    /// `{n}`.
    Writing: "Writing {n} deals…" / "{n} Deals werden geschrieben…",
    /// `{name}`, `{created}`, `{updated}`.
    Imported: "Imported {name}: {created} deals created, {updated} updated." / "{name} importiert: {created} Deals erstellt, {updated} aktualisiert.",
    /// `{error}`.
    FileUnreadable: "The file could not be read: {error}" / "Die Datei konnte nicht gelesen werden: {error}",
    WholeFile: "File" / "Datei",
    Problems: "Problems" / "Probleme",
    ColumnRow: "Row" / "Zeile",
    ColumnColumn: "Column" / "Spalte",
    ColumnProblem: "Problem" / "Problem",
    /// `{n}`.
    ImportProblems: "{n} problems found. Nothing was imported; correct the file and choose it again." / "{n} Probleme gefunden. Nichts wurde importiert; korrigieren Sie die Datei und wählen Sie sie erneut.",
    ImportNoDeals: "The file holds no deals." / "Die Datei enthält keine Deals.",
    /// `{created}`, `{updated}`.
    ImportReady: "Ready: {created} deals to create and {updated} to update." / "Bereit: {created} Deals zum Erstellen und {updated} zum Aktualisieren.",
    /// `{size}`, `{max}` in MB.
    FileTooBig: "The file is {size} MB; Co-sell imports files up to {max} MB. Split it into smaller files." / "Die Datei ist {size} MB groß; Co-sell importiert Dateien bis {max} MB. Teilen Sie sie in kleinere Dateien auf.",
    /// `{byte}`.
    NotUtf8: "The file is not UTF-8 text (byte {byte} cannot be read). Save it as \"CSV UTF-8\" or JSON and try again." / "Die Datei ist kein UTF-8-Text (Byte {byte} kann nicht gelesen werden). Speichern Sie sie als „CSV UTF-8“ oder JSON und versuchen Sie es erneut.",
    FileEmpty: "The file is empty." / "Die Datei ist leer.",
    NotCsvOrJson: "This is not a CSV or JSON file. Import takes the CSV or JSON that Export writes, or a CSV with the columns Deal name, Value, Currency and Estimated close date." / "Dies ist keine CSV- oder JSON-Datei. Importiert werden die CSV- und JSON-Dateien des Exports oder eine CSV mit den Spalten Deal name, Value, Currency und Estimated close date.",
    /// `{line}`, `{column}`, `{error}`.
    JsonEndsEarly: "The file ends too early (is it cut off?): line {line}, column {column}: {error}." / "Die Datei endet zu früh (ist sie abgeschnitten?): Zeile {line}, Spalte {column}: {error}.",
    /// `{line}`, `{column}`, `{error}`.
    NotJsonArray: "The file is not a JSON array of deals: line {line}, column {column}: {error}." / "Die Datei ist kein JSON-Array von Deals: Zeile {line}, Spalte {column}: {error}.",
    /// `{n}`, `{max}`.
    TooManyRows: "The file holds {n} deals; at most {max} can be imported at once." / "Die Datei enthält {n} Deals; höchstens {max} können auf einmal importiert werden.",
    /// `{error}`.
    NotAReferral: "Not a deal in the referral shape: {error}." / "Kein Deal in der Form einer Empfehlung: {error}.",
    CutOff: "The file ends inside a quoted cell: it is cut off, or a quote is not closed." / "Die Datei endet in einer Zelle mit Anführungszeichen: Sie ist abgeschnitten, oder ein Anführungszeichen ist nicht geschlossen.",
    ColumnMissing: "This column is missing." / "Diese Spalte fehlt.",
    /// `{n}`, `{header}`.
    CellCount: "This row has {n} cells; the header has {header}." / "Diese Zeile hat {n} Zellen; die Kopfzeile hat {header}.",
    DateFormat: "Enter a date as YYYY-MM-DD." / "Geben Sie ein Datum als JJJJ-MM-TT ein.",
    DateTimeFormat: "Enter a date and time as RFC 3339, e.g. 2026-05-01T09:30:00Z." / "Geben Sie Datum und Uhrzeit nach RFC 3339 ein, z. B. 2026-05-01T09:30:00Z.",
    StatusValues: "Use New, Active or Closed." / "Verwenden Sie New, Active oder Closed.",
    SubstatusValues: "Use Pending, Received, Accepted, Won, Lost, Declined or Expired." / "Verwenden Sie Pending, Received, Accepted, Won, Lost, Declined oder Expired.",
    /// `{name}`.
    UnknownSolutionNamed: "\"{name}\" is not a known solution." / "„{name}“ ist keine bekannte Lösung.",
    /// `{row}`.
    SameReferralId: "The same referral ID is on row {row}." / "Dieselbe Empfehlungs-ID steht in Zeile {row}.",
    /// `{row}`.
    SameCrmId: "The same CRM ID is on row {row}." / "Dieselbe CRM-ID steht in Zeile {row}.",
    OtherOrgDeal: "This deal belongs to another organisation; import your own organisation's deals." / "Dieser Deal gehört einer anderen Organisation; importieren Sie die Deals Ihrer eigenen Organisation.",
    OtherOrgId: "This ID belongs to a deal of another organisation." / "Diese ID gehört zu einem Deal einer anderen Organisation.",
    CountryFormat: "Use a two-letter ISO 3166 country code, e.g. DE." / "Verwenden Sie einen zweistelligen Ländercode nach ISO 3166, z. B. DE.",
    /// `{problem}`, `{email}`.
    WithEmail: "{problem} ({email})" / "{problem} (E-Mail: {email})",
    /// `{substatus}`, `{status}`.
    SubstatusMismatch: "{substatus} does not go with status {status}." / "{substatus} passt nicht zum Status {status}.",
    /// `{stage}`.
    NotStageOfAssessment: "{stage} is not a stage of a solution assessment." / "{stage} ist keine Phase einer Lösungsbewertung.",
    /// `{stage}`.
    NotStageOfDeal: "{stage} is not a stage of this deal." / "{stage} ist keine Phase dieses Deals.",
    StageFormat: "Give a stage name (e.g. Developed) or a percentage from 0 to 100." / "Geben Sie einen Phasennamen (z. B. Developed) oder einen Prozentsatz von 0 bis 100 an.",
    ImportReadOnly: "This deal is closed; closed deals are read-only." / "Dieser Deal ist geschlossen; geschlossene Deals sind schreibgeschützt.",
    ImportStale: "This deal was changed in Co-sell after the file was exported. Export again and redo the change." / "Dieser Deal wurde in Co-sell geändert, nachdem die Datei exportiert wurde. Exportieren Sie erneut und wiederholen Sie die Änderung.",
    /// `{file}`, `{stored}`: statuses.
    StatusUnchanged: "Import does not change a deal's status ({file} here, {stored} in Co-sell); answer, win or lose it on its page." / "Der Import ändert den Status eines Deals nicht ({file} hier, {stored} in Co-sell); beantworten, gewinnen oder verlieren Sie ihn auf seiner Seite.",
    WinOnPage: "Mark a deal as won on its page, where the 72-hour and registration rules run." / "Markieren Sie einen Deal auf seiner Seite als gewonnen, wo die 72-Stunden- und Registrierungsregeln gelten.",
    /// `{percent}`.
    StagesForward: "Stages only move forward: this deal is at {percent}%." / "Phasen gehen nur vorwärts: Dieser Deal steht bei {percent} %.",
    /// `{n}`.
    ImportNothingToChange: "All {n} deals in the file are as they are in Co-sell: there is nothing to import." / "Alle {n} Deals der Datei sind so wie in Co-sell: Es gibt nichts zu importieren.",
    /// `{created}`, `{updated}`, `{unchanged}`.
    ImportReadyUnchanged: "Ready: {created} deals to create and {updated} to update; {unchanged} are unchanged." / "Bereit: {created} Deals zum Erstellen und {updated} zum Aktualisieren; {unchanged} sind unverändert.",
    ImportNotes: "Notes" / "Hinweise",
    ImportIgnoredColumn: "Co-sell keeps this field itself: the file's values were not used." / "Co-sell führt dieses Feld selbst: Die Werte der Datei wurden nicht übernommen.",
    NoSuchReferral: "No deal you can see has this referral ID. Leave the cell empty to create a new deal." / "Kein Deal, den Sie sehen können, hat diese Empfehlungs-ID. Lassen Sie die Zelle leer, um einen neuen Deal zu erstellen.",
    RuleOwnedField: "Co-sell's rules set this field; a file cannot change it. Make the change on the deal's page, where the rules run." / "Dieses Feld setzen die Regeln von Co-sell; eine Datei kann es nicht ändern. Nehmen Sie die Änderung auf der Seite des Deals vor, wo die Regeln gelten.",
    CustomerFixed: "A deal's customer is fixed when it is created; create a new deal for another customer." / "Der Kunde eines Deals steht mit seiner Erstellung fest; erstellen Sie für einen anderen Kunden einen neuen Deal.",
    /// `{n}`.
    CustomerAmbiguous: "{n} customers in the directory have this name; give the DUNS number (or the customer's address) to say which one." / "{n} Kunden im Verzeichnis haben diesen Namen; geben Sie die DUNS-Nummer (oder die Adresse des Kunden) an, um einen zu wählen.",
    NewDealStatus: "A new deal starts as Active (Accepted): Co-sell sets its status. Leave Status and Substatus empty, then win, lose or close the deal on its page." / "Ein neuer Deal beginnt als Active (Accepted): Co-sell setzt seinen Status. Lassen Sie Status und Substatus leer, und gewinnen oder verlieren Sie den Deal dann auf seiner Seite.",
    TypeValues: "Use Private or Partner-led for a new deal." / "Verwenden Sie Private oder Partner-led für einen neuen Deal.",
    CoSellOnPage: "A CSV file cannot ask Microsoft for help: import the deal as Private or Partner-led and use Invite Microsoft on its page (or import JSON with the help type and the customer contact)." / "Eine CSV-Datei kann Microsoft nicht um Hilfe bitten: Importieren Sie den Deal als Private oder Partner-led und verwenden Sie auf seiner Seite „Microsoft einladen“ (oder importieren Sie JSON mit Hilfeart und Kundenkontakt).",
    P2pOnPage: "Partners are invited on the deal's page, where they are asked; import creates the deal without them." / "Partner werden auf der Seite des Deals eingeladen, wo sie gefragt werden; der Import erstellt den Deal ohne sie.",
    VendorCreatesInWizard: "Microsoft sellers create referrals for a partner with New deal; import only updates deals you can see." / "Microsoft-Verkäufer erstellen Empfehlungen für einen Partner mit „Neuer Deal“; der Import aktualisiert nur Deals, die Sie sehen können.",
    // Start-up, the test hooks and the notices.
    Loading: "Loading Co-sell…" / "Co-sell wird geladen…",
    BootDataInvalid: "Co-sell could not start: the reference data is not valid" / "Co-sell konnte nicht starten: Die Referenzdaten sind ungültig",
    BootDataAdvice: "Nothing was changed. Correct the file (or ask whoever deployed Co-sell to) and reload the page." / "Nichts wurde geändert. Korrigieren Sie die Datei (oder bitten Sie die Person, die Co-sell bereitgestellt hat, darum) und laden Sie die Seite neu.",
    BootNoStorage: "Co-sell could not start: the browser storage is not available" / "Co-sell konnte nicht starten: Der Speicher des Browsers ist nicht verfügbar",
    BootStorageAdvice: "Nothing was changed. Co-sell keeps its deals in this browser: allow site data for it (private windows and blocked third-party storage in an embedding page prevent it) and reload the page." / "Nichts wurde geändert. Co-sell speichert seine Deals in diesem Browser: Erlauben Sie Websitedaten dafür (private Fenster und blockierter Drittanbieterspeicher in einer einbettenden Seite verhindern das) und laden Sie die Seite neu.",
    FileColon: "File:" / "Datei:",
    ProblemColon: "Problem:" / "Problem:",
    /// `{n}`.
    Unreadable: "{n} stored records could not be read and were skipped. The rest of your data is shown." / "{n} gespeicherte Datensätze konnten nicht gelesen werden und wurden übersprungen. Der Rest Ihrer Daten wird angezeigt.",
    /// `{value}`, `{max}`.
    DemoParamInvalid: "?demo={value} must be a whole number from 1 to {max}" / "?demo={value} muss eine ganze Zahl von 1 bis {max} sein",
    /// `{value}`.
    NowParamInvalid: "?now={value} is not an RFC 3339 instant such as 2026-11-27T09:00:00Z; the real time is used" / "?now={value} ist kein Zeitpunkt nach RFC 3339 wie 2026-11-27T09:00:00Z; die echte Zeit wird verwendet",
    DismissMessage: "Dismiss message" / "Meldung schließen",
    // The email outbox.
    OutboxIntro: "The emails Co-sell sends to your organisation's people, each in the recipient's language. Nothing leaves this browser." / "Die E-Mails, die Co-sell an die Personen Ihrer Organisation sendet, jeweils in der Sprache des Empfängers. Nichts verlässt diesen Browser.",
    NoEmails: "No emails yet." / "Noch keine E-Mails.",
    EmailsCaption: "Emails, newest first" / "E-Mails, neueste zuerst",
    Sent: "Sent" / "Gesendet",
    To: "To" / "An",
    Subject: "Subject" / "Betreff",
    Body: "Body" / "Text",
    // Organisation administration and My profile (issue #9; SPEC §11 names the English ones).
    NavOrganisation: "Organisation" / "Organisation",
    NavProfile: "My profile" / "Mein Profil",
    /// `{org}`.
    OrgIntro: "Who works on {org}'s referrals and where, the locations that receive inbound alerts, and your own co-sell solutions." / "Wer an den Empfehlungen von {org} arbeitet und wo, die Standorte, die Benachrichtigungen zu eingehenden Empfehlungen erhalten, und Ihre eigenen Co-Selling-Lösungen.",
    OrgReadOnly: "You can read this page; your organisation's MPN partner admin changes it." / "Sie können diese Seite lesen; ändern kann sie der MPN-Partneradministrator Ihrer Organisation.",
    OrgNotAllowed: "The organisation's set-up is open to MPN partner admins and referral admins." / "Die Einrichtung der Organisation ist für MPN-Partneradministratoren und Empfehlungsadministratoren zugänglich.",
    SectionUsers: "Users" / "Benutzer",
    SectionLocations: "Locations" / "Standorte",
    SectionSolutions: "Solutions" / "Lösungen",
    SectionChanges: "Changes" / "Änderungen",
    AddUser: "Add user" / "Benutzer hinzufügen",
    EditUser: "Edit user" / "Benutzer bearbeiten",
    /// `{name}`.
    EditNamed: "Edit {name}" / "{name} bearbeiten",
    DeactivateUser: "Deactivate user" / "Benutzer deaktivieren",
    /// `{name}`.
    DeactivateNamed: "Deactivate {name}" / "{name} deaktivieren",
    Reactivate: "Reactivate" / "Reaktivieren",
    /// `{name}`.
    ReactivateNamed: "Reactivate {name}" / "{name} reaktivieren",
    /// `{name}`.
    DeactivateIntro: "{name} can no longer sign in and gets no notifications or emails. Their deals and history stay as they are." / "{name} kann sich nicht mehr anmelden und erhält keine Benachrichtigungen oder E-Mails mehr. Deals und Verlauf bleiben erhalten.",
    LabelDisplayName: "Display name" / "Anzeigename",
    LabelRole: "Role" / "Rolle",
    LabelLocationScope: "Location scope" / "Standortbereich",
    WholeOrganisation: "Whole organisation" / "Gesamte Organisation",
    LabelEmailLanguage: "Language of emails" / "Sprache der E-Mails",
    ColumnState: "State" / "Zustand",
    StateActive: "Active" / "Aktiv",
    StateDeactivated: "Deactivated" / "Deaktiviert",
    RolePartnerAndReferralAdmin: "MPN partner admin + Referral admin" / "MPN-Partneradministrator + Empfehlungsadministrator",
    ReassignHeading: "Deals to reassign" / "Neu zuzuweisende Deals",
    ReassignIntro: "Every team member of these open deals is deactivated: give each a new team on its deal page." / "Alle Teammitglieder dieser offenen Deals sind deaktiviert: Geben Sie jedem auf seiner Dealseite ein neues Team.",
    AddLocation: "Add location" / "Standort hinzufügen",
    EditLocation: "Edit location" / "Standort bearbeiten",
    RemoveLocation: "Remove location" / "Standort entfernen",
    /// `{name}`.
    RemoveLocationIntro: "{name} is removed from your organisation's locations." / "{name} wird aus den Standorten Ihrer Organisation entfernt.",
    LabelCity: "City" / "Stadt",
    LabelCountryCode: "Country code" / "Ländercode",
    LabelAlertEmail: "Email for inbound alerts" / "E-Mail für Benachrichtigungen zu eingehenden Empfehlungen",
    AddSolution: "Add solution" / "Lösung hinzufügen",
    EditSolution: "Edit solution" / "Lösung bearbeiten",
    LabelSolutionName: "Solution name" / "Name der Lösung",
    LabelSolutionStatus: "Co-sell status" / "Co-Selling-Status",
    ColumnIncentive: "Incentive program" / "Incentive-Programm",
    SolutionCoSellReady: "Co-sell ready" / "Co-Selling-bereit",
    SolutionAzureIpEligible: "Azure IP co-sell eligible" / "Azure IP Co-Sell-berechtigt",
    SolutionBizAppsEligible: "Business Applications co-sell eligible" / "Business Applications Co-Sell-berechtigt",
    NoChanges: "No changes yet." / "Noch keine Änderungen.",
    /// `{name}`.
    DoneUserSaved: "{name} was saved." / "{name} wurde gespeichert.",
    /// `{name}`.
    DoneUserDeactivated: "{name} was deactivated." / "{name} wurde deaktiviert.",
    /// `{name}`.
    DoneUserReactivated: "{name} was reactivated." / "{name} wurde reaktiviert.",
    /// `{name}`.
    DoneLocationSaved: "The location {name} was saved." / "Der Standort {name} wurde gespeichert.",
    /// `{name}`.
    DoneLocationRemoved: "The location {name} was removed." / "Der Standort {name} wurde entfernt.",
    /// `{name}`.
    DoneSolutionSaved: "The solution {name} was saved." / "Die Lösung {name} wurde gespeichert.",
    DoneProfileSaved: "Your profile was saved." / "Ihr Profil wurde gespeichert.",
    ProfileIntro: "How Co-sell reaches you. The interface's language is in Settings." / "Wie Co-sell Sie erreicht. Die Sprache der Oberfläche finden Sie in den Einstellungen.",
    LabelEmailNotifications: "Email me about my deals" / "Mir E-Mails zu meinen Deals senden",
    EmailNotificationsHint: "Notifications in Co-sell stay on." / "Benachrichtigungen in Co-sell bleiben eingeschaltet.",
    MyTeamDeals: "Deals I am on the team of" / "Deals, in deren Team ich bin",
    NoTeamDeals: "You are not on the team of any deal you can see." / "Sie sind im Team keines Deals, den Sie sehen können.",
    NotPartnerAdmin: "only an MPN partner admin changes the organisation's set-up" / "nur ein MPN-Partneradministrator ändert die Einrichtung der Organisation",
    LastPartnerAdmin: "the organisation needs at least one active MPN partner admin" / "die Organisation braucht mindestens einen aktiven MPN-Partneradministrator",
    CannotDeactivateSelf: "you cannot deactivate yourself" / "Sie können sich nicht selbst deaktivieren",
    UnknownUser: "this user does not exist" / "dieser Benutzer existiert nicht",
    UnknownLocationRefusal: "this location does not exist" / "dieser Standort existiert nicht",
    LastLocation: "the organisation keeps at least one location" / "die Organisation behält mindestens einen Standort",
    LocationInUse: "deals are at this location; a location used by deals cannot be removed" / "an diesem Standort gibt es Deals; ein von Deals verwendeter Standort kann nicht entfernt werden",
    LocationInScope: "users' location scopes include it; change their scopes first" / "Standortbereiche von Benutzern enthalten ihn; ändern Sie zuerst deren Bereiche",
    UnknownSolutionRefusal: "this solution does not exist" / "diese Lösung existiert nicht",
    ConflictSetup: "the organisation's set-up was changed in another tab or window; the page now shows the latest version" / "die Einrichtung der Organisation wurde in einem anderen Tab oder Fenster geändert; die Seite zeigt jetzt die neueste Version",
    ErrEmailTaken: "Another user has this email address." / "Ein anderer Benutzer hat diese E-Mail-Adresse.",
    ErrAtLeastOneLocation: "Choose the whole organisation or at least one location." / "Wählen Sie die gesamte Organisation oder mindestens einen Standort.",
    ErrInvalidCountry: "Enter a two-letter country code such as DE or US." / "Geben Sie einen zweistelligen Ländercode wie DE oder US ein.",
    ErrLocationExists: "Your organisation has this location already." / "Ihre Organisation hat diesen Standort bereits.",
    ErrSolutionExists: "Your organisation has a solution of this name already." / "Ihre Organisation hat bereits eine Lösung mit diesem Namen.",
    ErrTooLong: "This is too long: at most 2,000 characters." / "Das ist zu lang: höchstens 2.000 Zeichen.",
    DidAddUser: "User added" / "Benutzer hinzugefügt",
    DidEditUser: "User changed" / "Benutzer geändert",
    DidDeactivateUser: "User deactivated" / "Benutzer deaktiviert",
    DidReactivateUser: "User reactivated" / "Benutzer reaktiviert",
    DidAddLocation: "Location added" / "Standort hinzugefügt",
    DidEditLocation: "Location changed" / "Standort geändert",
    DidRemoveLocation: "Location removed" / "Standort entfernt",
    DidAddSolution: "Solution added" / "Lösung hinzugefügt",
    DidEditSolution: "Solution changed" / "Lösung geändert",
    DidEditProfile: "Profile changed" / "Profil geändert",
    // Keyboard shortcuts (issue #10) and announcements.
    ShortcutsTitle: "Keyboard shortcuts" / "Tastenkürzel",
    ShortcutsIntro: "Shortcuts work when focus is not in a text field." / "Tastenkürzel wirken, wenn der Fokus nicht in einem Textfeld steht.",
    ShowShortcuts: "Show keyboard shortcuts" / "Tastenkürzel anzeigen",
    KeyboardHeading: "Keyboard" / "Tastatur",
    ColumnKey: "Key" / "Taste",
    ColumnWhatItDoes: "What it does" / "Funktion",
    Close: "Close" / "Schließen",
    KeyHelp: "Show these shortcuts" / "Diese Tastenkürzel anzeigen",
    KeySearch: "Search the deals of the list" / "Die Deals der Liste durchsuchen",
    KeyTabs: "On a list's tab: the previous or next list, the first, the last" / "Auf einem Register der Listen: vorherige oder nächste Liste, erste, letzte",
    KeyMove: "Inbound, on a deal: the next or previous deal" / "Eingehend, auf einem Deal: nächster oder vorheriger Deal",
    KeySelect: "Inbound: select or unselect the deal" / "Eingehend: den Deal auswählen oder abwählen",
    KeyAccept: "Inbound: accept the deal, or every selected deal" / "Eingehend: den Deal oder alle ausgewählten Deals akzeptieren",
    KeyDecline: "Inbound: decline the deal, or every selected deal, with one reason" / "Eingehend: den Deal oder alle ausgewählten Deals mit einem Grund ablehnen",
    KeyOpen: "Open the deal, or press the focused button" / "Den Deal öffnen oder die fokussierte Schaltfläche drücken",
    KeyEscape: "Close a dialog or the notifications; nothing is saved" / "Einen Dialog oder die Benachrichtigungen schließen; nichts wird gespeichert",
    /// `{inbound}`, `{outbound}`, `{favorites}`.
    CountsAnnounced: "Now Inbound {inbound}, Outbound {outbound}, Favorites {favorites}" / "Jetzt Eingehend {inbound}, Ausgehend {outbound}, Favoriten {favorites}",
    // Settings: the language switch.
    Language: "Language" / "Sprache",
    LanguageHint: "Co-sell follows your browser's language until you choose one here." / "Co-sell folgt der Sprache Ihres Browsers, bis Sie hier eine auswählen.",
}

/// German words that are the same in English (product names, loan words of the article).
#[cfg(test)]
const SAME_IN_GERMAN: &[Text] = &[
    Text::SectionWebhooks,
    Text::NavOrganisation,
    Text::NavDeals,
    Text::DealsHeading,
    Text::FilterStatus,
    Text::ColumnStatus,
    Text::ProgramBizAppsPremium,
    Text::ProgramBizAppsStandard,
    Text::GroupMicrosoft,
    Text::TypeP2p,
    Text::LabelName,
    Text::StepTeam,
    Text::Duns,
    Text::Details,
    Text::ColumnDeal,
    Text::ColumnPartner,
    Text::Optional,
    Text::ColumnProblem,
    Text::ProblemColon,
];

/// The singular of each text that counts something with `{n}`, by language: used when `{n}`
/// is 1 ("1 problem found", "1 Problem gefunden"), so a number never meets a plural noun
/// it does not take. English and German both have one form for 1 and another for the rest.
/// The German column, like the catalog's, reaches the browser in `i18n/de.json` (after the
/// catalog's texts, in this order).
macro_rules! singulars {
    ($(($key:ident, $en:literal, $de:literal),)+) => {
        const ONE: &[(Text, &str)] = &[$((Text::$key, $en)),+];

        #[cfg(not(target_arch = "wasm32"))]
        const ONE_GERMAN: &[&str] = &[$($de),+];
    };
}

singulars! {
    (SyncOffline, "Offline — 1 change will be sent when you are back online", "Offline – 1 Änderung wird gesendet, sobald Sie wieder online sind"),
    (SyncUnreachableWaiting, "Can't reach the server (retrying) — 1 change waits to be sent", "Server nicht erreichbar (neuer Versuch läuft) – 1 Änderung wartet auf das Senden"),
    (PendingBeforeSwitch, "1 change is not sent yet: stay signed in until it is", "1 Änderung ist noch nicht gesendet: Bleiben Sie angemeldet, bis sie gesendet ist"),
    (NDeals, "1 deal", "1 Deal"),
    (NUnread, "1 unread notification", "1 ungelesene Benachrichtigung"),
    (DeclineSelectedIntro, "The selected deal closes for your organisation; its sender is told the reason.", "Der ausgewählte Deal wird für Ihre Organisation geschlossen; der Absender erfährt den Grund."),
    (NStored, "1 referral is stored in this browser.", "In diesem Browser ist 1 Empfehlung gespeichert."),
    (DoneAcceptAll, "1 deal was accepted; its sender is told.", "1 Deal wurde akzeptiert; der Absender wird benachrichtigt."),
    (DoneDeclineAll, "1 deal was declined and closed; its sender is told.", "1 Deal wurde abgelehnt und geschlossen; der Absender wird benachrichtigt."),
    (DoneMany, "1 deal: {done}", "1 Deal: {done}"),
    (DemoLoaded, "Loaded 1 demo deal.", "1 Demo-Deal geladen."),
    (NFieldsNeedAttention, "1 field needs attention.", "1 Feld erfordert Ihre Aufmerksamkeit."),
    (WeightedOf, "{weighted} weighted of {value}, 1 deal", "{weighted} gewichtet von {value}, 1 Deal"),
    (BarDeals, "{name}: {weighted} weighted of {value}, 1 deal", "{name}: {weighted} gewichtet von {value}, 1 Deal"),
    (Unconverted, "1 deal is left out: its currency has no exchange rate in the reference data.", "1 Deal ist nicht enthalten: Für seine Währung gibt es keinen Wechselkurs in den Referenzdaten."),
    (Writing, "Writing 1 deal…", "1 Deal wird geschrieben…"),
    (ImportProblems, "1 problem found. Nothing was imported; correct the file and choose it again.", "1 Problem gefunden. Nichts wurde importiert; korrigieren Sie die Datei und wählen Sie sie erneut."),
    (TooManyRows, "The file holds 1 deal; at most {max} can be imported at once.", "Die Datei enthält 1 Deal; höchstens {max} können auf einmal importiert werden."),
    (CellCount, "This row has 1 cell; the header has {header}.", "Diese Zeile hat 1 Zelle; die Kopfzeile hat {header}."),
    (ImportNothingToChange, "The deal in the file is as it is in Co-sell: there is nothing to import.", "Der Deal der Datei ist so wie in Co-sell: Es gibt nichts zu importieren."),
    (Unreadable, "1 stored record could not be read and was skipped. The rest of your data is shown.", "1 gespeicherter Datensatz konnte nicht gelesen werden und wurde übersprungen. Der Rest Ihrer Daten wird angezeigt."),
}

impl Text {
    /// The text with its `{name}` placeholders filled in; where `{n}` is 1 and the text
    /// counts something, its singular.
    pub fn fill(self, locale: Locale, values: &[(&str, &str)]) -> String {
        let one = values
            .iter()
            .any(|(name, value)| *name == "n" && *value == "1");
        let singular = ONE
            .iter()
            .position(|(t, _)| one && *t == self)
            .map(|i| match locale {
                Locale::En => ONE[i].1,
                Locale::De => german::text(Text::ALL.len() + i).unwrap_or(ONE[i].1),
            });
        let mut text = singular.unwrap_or_else(|| self.get(locale)).to_string();
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }
}

/// German for the browser app, which does not carry it in its wasm: a German reader's app
/// fetches `i18n/de.json` (public/i18n/, generated from this catalog; a test keeps the two
/// equal) before its first screen, so English readers never download it. Until the file is
/// loaded, or when it cannot be, German texts fall back to English.
pub mod german {
    use super::Text;

    #[cfg(target_arch = "wasm32")]
    static LOADED: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();

    /// The German of the `i`-th text, when it is there.
    pub(super) fn text(i: usize) -> Option<&'static str> {
        #[cfg(not(target_arch = "wasm32"))]
        return super::GERMAN
            .get(i)
            .or_else(|| super::ONE_GERMAN.get(i - super::GERMAN.len()))
            .copied();
        #[cfg(target_arch = "wasm32")]
        return LOADED.get().and_then(|texts| texts.get(i).copied());
    }

    /// Whether German is there (always, outside the browser).
    pub fn is_loaded() -> bool {
        text(0).is_some()
    }

    /// Reads `de.json`: one string per text, in the catalog's order, then the singulars.
    pub fn parse(json: &str) -> Result<Vec<String>, String> {
        let texts: Vec<String> = crate::domain::support::json_reader::from_json(json)
            .map_err(|e| format!("it is not a list of texts ({e})"))?;
        let wanted = Text::ALL.len() + super::ONE.len();
        if texts.len() != wanted {
            return Err(format!(
                "it has {} texts where this version of Co-sell has {wanted}",
                texts.len(),
            ));
        }
        Ok(texts)
    }

    /// Takes the file's texts into use in the browser; elsewhere the catalog's own German is
    /// used and the file is only checked.
    pub fn install(json: &str) -> Result<(), String> {
        let texts = parse(json)?;
        #[cfg(target_arch = "wasm32")]
        {
            let texts = texts
                .into_iter()
                .map(|t| &*Box::leak(t.into_boxed_str()))
                .collect();
            let _ = LOADED.set(texts);
        }
        #[cfg(not(target_arch = "wasm32"))]
        drop(texts);
        Ok(())
    }

    /// `de.json` as the build ships it.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn file() -> String {
        let all: Vec<&str> = super::GERMAN
            .iter()
            .chain(super::ONE_GERMAN)
            .copied()
            .collect();
        let mut json = serde_json::to_string_pretty(&all).unwrap_or_default();
        json.push('\n');
        json
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_german_file_is_the_catalogs_german() {
        // COSELL_WRITE_TEXTS=1 cargo test … writes it after the catalog changed.
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/i18n/de.json");
        if std::env::var_os("COSELL_WRITE_TEXTS").is_some() {
            std::fs::write(&path, german::file()).expect("public/i18n/de.json is writable");
        }
        let shipped = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            shipped == german::file(),
            "public/i18n/de.json differs from the catalog: run COSELL_WRITE_TEXTS=1 cargo test --no-default-features --lib i18n"
        );
        let texts = german::parse(&shipped).expect("the shipped file reads");
        assert_eq!(texts[Text::NavForecast as usize], "Prognose");
        assert!(german::install(&shipped).is_ok() && german::is_loaded());
    }

    #[test]
    fn a_german_file_of_another_version_or_no_list_is_refused_in_words() {
        let short = serde_json::to_string(&["Hauptnavigation"]).unwrap_or_default();
        let refused = german::parse(&short).unwrap_err();
        assert!(refused.starts_with("it has 1 texts where this version of Co-sell has "));
        assert!(german::parse("{\"NavMain\": \"Haupt\"}")
            .unwrap_err()
            .starts_with("it is not a list of texts"));
        assert!(german::install("").is_err());
    }

    #[test]
    fn a_count_of_one_takes_the_singular_in_both_languages_and_other_counts_the_plural() {
        let one = [("n", "1")];
        let two = [("n", "2")];
        assert_eq!(
            Text::ImportProblems.fill(Locale::En, &one),
            "1 problem found. Nothing was imported; correct the file and choose it again."
        );
        assert!(Text::ImportProblems
            .fill(Locale::De, &one)
            .starts_with("1 Problem gefunden."));
        assert!(Text::ImportProblems
            .fill(Locale::En, &two)
            .starts_with("2 problems found."));
        assert!(Text::ImportProblems
            .fill(Locale::De, &two)
            .starts_with("2 Probleme gefunden."));
        assert_eq!(
            Text::CellCount.fill(Locale::En, &[("n", "1"), ("header", "12")]),
            "This row has 1 cell; the header has 12."
        );
        // "1" of another placeholder is not a count of this noun.
        assert_eq!(
            Text::TooManyRows.fill(Locale::En, &[("n", "7000"), ("max", "1")]),
            "The file holds 7000 deals; at most 1 can be imported at once."
        );
    }

    #[test]
    fn every_text_that_counts_a_plural_noun_has_its_singular() {
        // "{n} deals", "{n} stored records", "Writing {n} deals…": a number followed by
        // a word ending in "s" (through adjectives such as "unread", "selected").
        for &t in Text::ALL {
            let en = t.get(Locale::En);
            let Some(after) = en.split("{n} ").nth(1) else {
                continue;
            };
            let counted = after
                .split(|c: char| !c.is_alphabetic() && c != '-')
                .take(2)
                .any(|w| w.len() > 2 && w.ends_with('s') && w != "has" && w != "was");
            // Ambiguous means two or more.
            let never_one = t == Text::CustomerAmbiguous;
            if counted && !never_one {
                assert!(
                    ONE.iter().any(|(one, _)| *one == t),
                    "{t:?} counts with \"{en}\" but has no singular"
                );
            }
        }
        for (&(t, en), de) in ONE.iter().zip(ONE_GERMAN) {
            assert!(
                en.contains('1') || !t.get(Locale::En).starts_with("{n}"),
                "{t:?}"
            );
            assert_ne!(en, t.get(Locale::En), "{t:?}");
            assert_ne!(*de, t.get(Locale::De), "{t:?}");
        }
    }

    #[test]
    fn every_text_has_both_languages_and_german_is_not_a_copy_of_english() {
        for &t in Text::ALL {
            let (en, de) = (t.get(Locale::En), t.get(Locale::De));
            assert!(
                !en.trim().is_empty() && !de.trim().is_empty(),
                "{t:?} is empty in a language"
            );
            assert_eq!(
                en != de,
                !SAME_IN_GERMAN.contains(&t),
                "{t:?}: German {de:?} vs English {en:?} (list deliberate equals in SAME_IN_GERMAN)"
            );
        }
    }

    #[test]
    fn the_table_and_the_keys_line_up() {
        assert_eq!(Text::NavMain.get(Locale::En), "Main");
        assert_eq!(Text::TabInbound.get(Locale::De), "Eingehend");
        assert_eq!(
            Text::ALL.last().map(|t| t.get(Locale::En)),
            Some("Co-sell follows your browser's language until you choose one here.")
        );
        assert_eq!(
            Text::ALL
                .iter()
                .enumerate()
                .filter(|(i, t)| **t as usize != *i)
                .count(),
            0
        );
    }

    #[test]
    fn deal_types_statuses_and_time_left_speak_german() {
        use crate::domain::present::format::time_left_label_in;
        use crate::domain::records::referral::{deal_type_label_in, SharingType};
        assert_eq!(
            deal_type_label_in(Locale::De, SharingType::PartnerLed, true, false),
            "Partnergeführt + P2P"
        );
        assert_eq!(
            deal_type_label_in(Locale::De, SharingType::CoSell, false, true),
            "Lösungsbewertung"
        );
        assert_eq!(
            deal_type_label_in(Locale::En, SharingType::CoSell, false, false),
            "Co-sell"
        );
        assert_eq!(
            time_left_label_in(Locale::De, chrono::Duration::minutes(2 * 1440 + 4 * 60 + 5)),
            "2 Tage 4 Std."
        );
        assert_eq!(
            time_left_label_in(Locale::De, chrono::Duration::minutes(75)),
            "1 Std. 15 Min."
        );
        assert_eq!(
            time_left_label_in(Locale::En, chrono::Duration::minutes(1440 + 60)),
            "1 day 1 h"
        );
        assert_eq!(
            time_left_label_in(Locale::De, chrono::Duration::zero()),
            "Jetzt fällig"
        );
    }

    #[test]
    fn actions_name_their_button_and_result_in_each_language_with_the_stage_filled_in() {
        use crate::domain::deal::rules::Action;
        use crate::domain::records::stage::SalesStage;
        assert_eq!(
            Action::MarkStage(SalesStage::Qualified).label(),
            "Mark Qualified"
        );
        assert_eq!(
            Action::MarkStage(SalesStage::Qualified).label_in(Locale::De),
            "Als Qualifiziert markieren"
        );
        assert_eq!(
            Action::MarkStage(SalesStage::Developed).done_in(Locale::De),
            "Der Deal ist als Entwickelt markiert."
        );
        assert_eq!(Action::Register.label_in(Locale::De), "Jetzt registrieren");
        assert_eq!(Action::Resubmit.done(), Action::Register.done());
        assert_eq!(
            Action::Accept.done_all_in(Locale::De, 3),
            "3 Deals wurden akzeptiert; ihre Absender werden benachrichtigt."
        );
        assert_eq!(
            Action::Edit.done_all_in(Locale::En, 2),
            "2 deals: The deal's details were saved."
        );
    }

    #[test]
    fn import_problems_are_reported_in_the_readers_language() {
        use crate::domain::transfer::import::size_problem;
        use crate::domain::transfer::report::{Arg, Problem};
        let big = size_problem(60 * 1048576).unwrap();
        assert!(
            big.message(Locale::De)
                .starts_with("Die Datei ist 60.0 MB groß"),
            "{}",
            big.message(Locale::De)
        );
        assert!(big.message(Locale::En).starts_with("The file is 60.0 MB"));
        let unreadable = Problem::whole(
            Text::FileUnreadable,
            vec![("error", Arg::Plain("NotReadableError".into()))],
        );
        assert_eq!(
            unreadable.message(Locale::De),
            "Die Datei konnte nicht gelesen werden: NotReadableError"
        );
    }

    #[test]
    fn placeholders_are_filled_and_each_language_has_the_same_ones() {
        assert_eq!(
            Text::DealsMatch.fill(Locale::De, &[("n", "3"), ("all", "40")]),
            "3 von 40 Deals entsprechen der Suche"
        );
        assert_eq!(
            Text::SelectDeal.fill(Locale::En, &[("name", "Adatum")]),
            "Select Adatum"
        );
        let holes = |s: &str| {
            let mut v: Vec<String> = s
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(h, _)| h.to_string()))
                .collect();
            v.sort();
            v
        };
        for &t in Text::ALL {
            assert_eq!(
                holes(t.get(Locale::En)),
                holes(t.get(Locale::De)),
                "{t:?} has other placeholders in German"
            );
        }
    }
}
