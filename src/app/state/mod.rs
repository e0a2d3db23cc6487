//! The one application state, provided once at the top of the app, and the named side
//! effects that change it.

mod actions;

use std::rc::Rc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

pub use actions::{
    commit, decide_now, expire_due_referrals, form_now, load_demo, mark_notifications_read,
    perform, perform_admin, perform_all, perform_seen, reset_all, start_action, switch_user,
    toggle_favorite,
};

use super::browser::{self, Area};
use crate::client::Writes;
use crate::domain::exchange::{Ctx, Exchange};
use crate::domain::lists::listing::Visible;
use crate::domain::records::directory::{ReferenceData, User};
use crate::domain::support::clock::ClockOffset;
use crate::domain::support::i18n::Text;
use crate::domain::support::locale::Locale;
use crate::store::indexeddb::IndexedDbStore;

const USER_KEY: &str = "cosell.userId";

/// A message for the user: saved, undone, refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub id: u64,
    pub text: String,
    pub is_error: bool,
}

impl Notice {
    pub fn error(text: impl Into<String>) -> Self {
        Self {
            id: 0,
            text: text.into(),
            is_error: true,
        }
    }

    pub fn info(text: impl Into<String>) -> Self {
        Self {
            id: 0,
            text: text.into(),
            is_error: false,
        }
    }
}

/// Everything the screens share. `Copy`: every field is a reactive handle.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The directory as it is now: the reference data with each organisation's stored
    /// set-up in place (users, locations, solutions; issue #9). Tracked: views follow a change.
    pub data: RwSignal<ReferenceData>,
    /// The reference data as shipped in `data/`.
    shipped: StoredValue<ReferenceData>,
    pub exchange: RwSignal<Exchange>,
    pub user_id: RwSignal<String>,
    /// The app's time: real or simulated (`?now=`), refreshed every 30 seconds.
    pub now: RwSignal<DateTime<Utc>>,
    pub offset: ClockOffset,
    pub notices: RwSignal<Vec<Notice>>,
    /// Another tab opened a newer schema; this one must reload.
    pub version_changed: RwSignal<bool>,
    /// The language of the interface: the user's choice, else the browser's first language
    /// that Co-sell speaks, else English (`domain::support::locale`).
    pub locale: RwSignal<Locale>,
    /// The deals the signed-in user sees, with their tabs and searched text: worked out once
    /// per change of the exchange or user, not again at each keystroke or tab switch.
    pub visible: Memo<Visible>,
    /// How many deals the signed-in user sees in each tab (Inbound, Outbound, Favorites).
    pub tab_counts: Memo<[usize; 3]>,
    /// The keyboard shortcuts' dialog is open (`?`, or Settings' button).
    pub shortcuts_open: RwSignal<bool>,
    /// Shared mode (served by a Co-sell server): the copy's sync state; `None` in local mode.
    pub shared: Option<super::sync::Shared>,
    /// The store, through the `Store` trait only, with the writes shown but not yet stored.
    writes: StoredValue<Rc<Writes<IndexedDbStore>>, LocalStorage>,
    next_notice: StoredValue<u64>,
    /// A reload from the store is running / another was asked for meanwhile.
    refreshing: StoredValue<(bool, bool)>,
}

impl AppState {
    pub fn new(
        data: ReferenceData,
        exchange: Exchange,
        store: IndexedDbStore,
        offset: ClockOffset,
        version_changed: RwSignal<bool>,
        locale: Locale,
        shared: Option<(String, super::sync::Shared)>,
    ) -> Self {
        let shipped = StoredValue::new(data);
        let data = shipped.with_value(|s| s.with_setups(exchange.setups()));
        // In shared mode the server's session says who is signed in.
        let remembered = match &shared {
            Some((id, _)) => id.clone(),
            None => browser::stored(Area::Local, USER_KEY).unwrap_or_default(),
        };
        let user_id = data.signed_in(&remembered).id.clone();
        let shared = shared.map(|(_, s)| s);
        let now = RwSignal::new(offset.now(browser::real_now()));
        let (data, exchange, user_id) = (
            RwSignal::new(data),
            RwSignal::new(exchange),
            RwSignal::new(user_id),
        );
        // Always "changed": comparing two of them would cost what working one out does.
        let visible = Memo::new_owning(move |previous| {
            let id = user_id.get();
            let v = data.with(|d| exchange.with(|e| Visible::of(e, d.signed_in(&id), previous)));
            (v, true)
        });
        let tab_counts = Memo::new(move |_| visible.with(Visible::counts));
        let state = Self {
            data,
            shipped,
            exchange,
            user_id,
            visible,
            tab_counts,
            shortcuts_open: RwSignal::new(false),
            now,
            offset,
            notices: RwSignal::new(Vec::new()),
            version_changed,
            locale: RwSignal::new(locale),
            shared,
            writes: StoredValue::new_local(Rc::new(Writes::new(store))),
            next_notice: StoredValue::new(1),
            refreshing: StoredValue::new((false, false)),
        };
        state
            .writes()
            .store()
            .on_change_elsewhere(move || state.refresh());
        expire_due_referrals(state);
        set_interval(
            move || {
                now.set(offset.now(browser::real_now()));
                expire_due_referrals(state);
            },
            Duration::from_secs(30),
        );
        if let Some(shared) = shared {
            state.set_exchange(shared.shown());
        }
        super::sync::start(state);
        state
    }

    /// The signed-in user (tracked: views re-render when the user switches).
    pub fn user(&self) -> User {
        let id = self.user_id.get();
        self.data.with(|d| d.signed_in(&id).clone())
    }

    pub fn user_untracked(&self) -> User {
        let id = self.user_id.get_untracked();
        self.data.with_untracked(|d| d.signed_in(&id).clone())
    }

    /// Replaces the exchange (reloaded from the store) and follows its set-ups.
    pub fn set_exchange(&self, exchange: Exchange) {
        self.exchange.set(exchange);
        self.follow_setups();
    }

    /// The organisations' set-ups in the exchange changed (here or in another tab): the
    /// directory follows, and a user who was deactivated meanwhile is signed out to the
    /// first active one.
    pub fn follow_setups(&self) {
        let data = self
            .shipped
            .with_value(|s| self.exchange.with_untracked(|x| s.with_setups(x.setups())));
        if self.data.with_untracked(|d| *d != data) {
            let id = self.user_id.get_untracked();
            let signed_in = data.signed_in(&id).id.clone();
            self.data.set(data);
            if signed_in != id {
                self.user_id.set(signed_in);
            }
        }
    }

    /// Switches the interface to `locale` and remembers it in this browser (German once its
    /// texts are loaded).
    pub fn choose_locale(&self, locale: Locale) {
        browser::remember_locale(locale);
        let locale_signal = self.locale;
        leptos::task::spawn_local(async move {
            if locale == Locale::De {
                crate::app::boot::load_german().await;
            }
            browser::set_document_lang(locale);
            locale_signal.set(locale);
        });
    }

    /// `text` in the interface's language (tracked: views follow a language switch).
    pub fn tr(&self, text: Text) -> &'static str {
        text.get(self.locale.get())
    }

    /// `text` as a view or attribute that follows a language switch. Every call returns the
    /// same closure type, so the renderer's code for it is in the wasm once, not once per
    /// `move || state.tr(..)` written in a view.
    pub fn text(self, text: Text) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || self.tr(text)
    }

    pub fn writes(&self) -> Rc<Writes<IndexedDbStore>> {
        self.writes.get_value()
    }

    /// Runs `f` with the decision context of the signed-in user now: the one place it is
    /// built, for every kind of decision (deal commands, admin commands, expiry).
    pub fn decide<T>(&self, f: impl FnOnce(Ctx) -> T) -> T {
        let user = self.user_untracked();
        let now = self.now.get_untracked();
        self.data.with_untracked(|directory| {
            self.exchange.with_untracked(|exchange| {
                f(Ctx {
                    exchange,
                    directory,
                    user: &user,
                    now,
                })
            })
        })
    }

    /// Reloads the exchange from the store: another tab changed it. Requests that arrive
    /// while one runs are served by one more reload after it.
    pub fn refresh(self) {
        if self.shared.is_some() {
            return super::sync::reload(self);
        }
        let (running, _) = self.refreshing.get_value();
        if running {
            return self.refreshing.set_value((true, true));
        }
        self.refreshing.set_value((true, false));
        leptos::task::spawn_local(async move {
            loop {
                if self.writes().reload(&self.exchange).await.is_ok() {
                    self.follow_setups();
                }
                let (_, again) = self.refreshing.get_value();
                if !again {
                    break;
                }
                self.refreshing.set_value((true, false));
            }
            self.refreshing.set_value((false, false));
        });
    }

    pub fn notify(&self, mut notice: Notice) {
        notice.id = self.next_notice.get_value();
        self.next_notice.set_value(notice.id + 1);
        self.notices.update(|n| {
            n.push(notice);
            // Keep the few latest; older messages have been read or announced.
            if n.len() > 3 {
                n.remove(0);
            }
        });
    }

    fn remember_user(&self, id: &str) {
        browser::store(Area::Local, USER_KEY, id);
    }

    fn forget_user(&self) {
        browser::forget(Area::Local, USER_KEY);
    }
}
