//! Sessions: an HttpOnly, SameSite=Strict cookie holding a random token, stored only as its
//! SHA-256, with a CSRF token the app sends back in `X-Cosell-Csrf` on every change. For now
//! the only way in is the demo sign-in; an identity provider (issue #24) will create the
//! same session after its own checks.

use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};

use crate::db::Db;

pub const COOKIE: &str = "cosell_session";
pub const CSRF_HEADER: &str = "x-cosell-csrf";

/// A signed-in session.
#[derive(Debug, Clone)]
pub struct Session {
    pub user_id: String,
    pub csrf: String,
    token_hash: String,
}

/// Why a session or a token could not be made.
#[derive(Debug, thiserror::Error)]
pub enum MakeError {
    #[error("the operating system's random generator failed: {0}")]
    Random(getrandom::Error),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// `bytes` random bytes from the operating system, as hex; without its generator no
/// session or token can be made safely, so that is an error, never a weaker fallback.
pub(crate) fn random_hex(bytes: usize) -> Result<String, MakeError> {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).map_err(MakeError::Random)?;
    Ok(buf.iter().map(|b| format!("{b:02x}")).collect())
}

pub(crate) fn hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The session token from a `Cookie` header.
pub fn token_of(cookie_header: &str) -> Option<&str> {
    cookie_header
        .split(';')
        .filter_map(|c| c.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value)
}

/// Starts a session for `user_id`; returns it with the token for the cookie.
pub async fn start(db: &Db, user_id: &str, hours: i64) -> Result<(Session, String), MakeError> {
    let token = random_hex(32)?;
    let csrf = random_hex(16)?;
    let expires = Utc::now() + Duration::hours(hours);
    let token_hash = hash(&token);
    db.create_session(&token_hash, user_id, &csrf, &expires.to_rfc3339())
        .await?;
    Ok((
        Session {
            user_id: user_id.into(),
            csrf,
            token_hash,
        },
        token,
    ))
}

/// The session of `token`, unless unknown or expired.
pub async fn find(db: &Db, token: &str) -> Result<Option<Session>, sqlx::Error> {
    let token_hash = hash(token);
    let Some(row) = db.session(&token_hash).await? else {
        return Ok(None);
    };
    let expired = DateTime::parse_from_rfc3339(&row.expires_at)
        .map(|t| t < Utc::now())
        .unwrap_or(true);
    if expired {
        db.delete_session(&token_hash).await?;
        return Ok(None);
    }
    Ok(Some(Session {
        user_id: row.user_id,
        csrf: row.csrf,
        token_hash,
    }))
}

pub async fn end(db: &Db, session: &Session) -> Result<(), sqlx::Error> {
    db.delete_session(&session.token_hash).await
}

/// The `Set-Cookie` value for `token` (empty and expired to sign out); `Secure` when the
/// server is reached over HTTPS (its public URL says so).
pub fn cookie(token: &str, hours: i64, secure: bool) -> String {
    let max_age = if token.is_empty() { 0 } else { hours * 3600 };
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}")
}
