//! The app's pages and their addresses, in one place. The header's navigation, the deal tabs,
//! the breadcrumbs and the links between pages ask [`Page`] for a path, and which header entry
//! is current; the router's `path!` literals in `app::App` follow the same table.

use crate::app::browser;
use crate::domain::lists::listing::Tab;

/// A page of the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    /// Inbound (`/`), Outbound or Favorites.
    Deals(Tab),
    NewDeal,
    Deal(String),
    Forecast,
    Import,
    Outbox,
    Registrations,
    Organisation,
    Profile,
    Settings,
}

impl Page {
    /// The page's route inside the app (without the deployment's sub-path).
    pub fn path(&self) -> String {
        match self {
            Page::Deals(Tab::Inbound) => "/".into(),
            Page::Deals(Tab::Outbound) => "/outbound".into(),
            Page::Deals(Tab::Favorites) => "/favorites".into(),
            Page::NewDeal => "/deals/new".into(),
            Page::Deal(id) => format!("/deals/{id}"),
            Page::Forecast => "/forecast".into(),
            Page::Import => "/import".into(),
            Page::Outbox => "/outbox".into(),
            Page::Registrations => "/registrations".into(),
            Page::Organisation => "/organisation".into(),
            Page::Profile => "/profile".into(),
            Page::Settings => "/settings".into(),
        }
    }

    /// The page's address under the deployment's sub-path, for a link.
    pub fn href(&self) -> String {
        browser::href(&self.path())
    }

    /// The page a route shows; `None` for an address the app does not know.
    pub fn of_route(route: &str) -> Option<Page> {
        let page = match route {
            "/" => Page::Deals(Tab::Inbound),
            "/outbound" => Page::Deals(Tab::Outbound),
            "/favorites" => Page::Deals(Tab::Favorites),
            "/deals/new" => Page::NewDeal,
            "/forecast" => Page::Forecast,
            "/import" => Page::Import,
            "/outbox" => Page::Outbox,
            "/registrations" => Page::Registrations,
            "/organisation" => Page::Organisation,
            "/profile" => Page::Profile,
            "/settings" => Page::Settings,
            other => {
                let id = other.strip_prefix("/deals/")?;
                if id.is_empty() || id.contains('/') {
                    return None;
                }
                Page::Deal(id.to_string())
            }
        };
        Some(page)
    }

    /// The deal tab this page is (Inbound, Outbound, Favorites), if it is one of the list's.
    pub fn tab(&self) -> Option<Tab> {
        match self {
            Page::Deals(tab) => Some(*tab),
            _ => None,
        }
    }

    /// The header entry this page belongs to: the deal tabs, a deal and the new-deal wizard
    /// are all under **Deals** (the Inbound tab's entry).
    pub fn nav_entry(&self) -> Page {
        match self {
            Page::Deals(_) | Page::NewDeal | Page::Deal(_) => Page::Deals(Tab::Inbound),
            other => other.clone(),
        }
    }
}
