//! Sign-in with OpenID Connect (authorization code with PKCE), the way a partner's IT
//! department runs Co-sell: people sign in at the company's identity provider (Microsoft
//! Entra ID, or any compliant one), and the server keeps the session. The provider's tokens
//! stay on the server; the app only ever holds the session cookie.
//!
//! `/auth/oidc/start` remembers a sign-in under a random `state`, bound to the browser that
//! started it by a short-lived cookie, and sends the browser to the provider with a PKCE
//! challenge and a nonce. `/auth/oidc/callback` takes that sign-in once, redeems the code
//! with the verifier and the client secret, checks the ID token (signature by the provider's
//! published keys, issuer, audience, expiry, nonce), and maps the configured claim to an
//! active directory user (`ReferenceData::user_by_identity`). Anyone else is told they have
//! no access, and nothing is shown. The same checks accept the provider's access tokens as
//! `Authorization: Bearer` on the Referrals API.

use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use tokio::sync::RwLock;

use crate::auth;
use crate::config::Config;
use crate::db::{on_pool, stamp, Db};
use crate::http::{too_many, Shared};

/// The cookie binding a sign-in in progress to its browser. `SameSite=Lax`, as the
/// provider's redirect back is a cross-site navigation.
const LOGIN_COOKIE: &str = "cosell_oidc";
/// How long a sign-in may take at the provider.
const LOGIN_MINUTES: i64 = 10;
/// The provider's keys are fetched again for an unknown key id at most this often.
const KEYS_REFRESH: Duration = Duration::from_secs(60);

/// The provider's endpoints, from its discovery document.
#[derive(Debug, Clone, Deserialize)]
struct Metadata {
    issuer: String,
    authorization_endpoint: String,
    token_endpoint: String,
    jwks_uri: String,
}

struct Discovered {
    metadata: Metadata,
    keys: JwkSet,
    keys_at: Instant,
}

/// Why a sign-in or a Bearer token was not accepted.
#[derive(Debug, thiserror::Error)]
pub enum OidcError {
    /// The provider could not be asked (down, or answered something unexpected).
    #[error("the identity provider did not answer as expected: {0}")]
    Provider(String),
    /// The token or the sign-in is not valid.
    #[error("{0}")]
    Invalid(String),
}

/// An OpenID Connect relying party.
pub struct Oidc {
    issuer: String,
    client_id: String,
    client_secret: String,
    user_claim: String,
    scopes: String,
    api_audience: String,
    redirect_uri: String,
    http: reqwest::Client,
    discovered: RwLock<Option<Discovered>>,
}

impl Oidc {
    /// The relying party `config` asks for, if any.
    pub fn from_config(config: &Config) -> Option<Oidc> {
        let issuer = config.oidc_issuer.clone()?;
        let client_id = config.oidc_client_id.clone()?;
        let public = config.public_url();
        Some(Oidc {
            issuer: issuer.trim_end_matches('/').to_string(),
            api_audience: config
                .oidc_api_audience
                .clone()
                .unwrap_or_else(|| client_id.clone()),
            client_id,
            client_secret: config.oidc_client_secret.clone().unwrap_or_default(),
            user_claim: config.oidc_user_claim.clone(),
            scopes: config.oidc_scopes.clone(),
            redirect_uri: format!("{public}/auth/oidc/callback"),
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(10))
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap_or_default(),
            discovered: RwLock::new(None),
        })
    }

    async fn get_json<T: serde::de::DeserializeOwned>(&self, url: &str) -> Result<T, OidcError> {
        let response = self
            .http
            .get(url)
            .send()
            .await
            .map_err(|e| OidcError::Provider(format!("{url}: {e}")))?;
        if !response.status().is_success() {
            return Err(OidcError::Provider(format!(
                "{url} answered {}",
                response.status()
            )));
        }
        response
            .json()
            .await
            .map_err(|e| OidcError::Provider(format!("{url}: {e}")))
    }

    /// The provider's metadata, discovered once (and again after a failure).
    async fn metadata(&self) -> Result<Metadata, OidcError> {
        if let Some(d) = self.discovered.read().await.as_ref() {
            return Ok(d.metadata.clone());
        }
        let url = format!("{}/.well-known/openid-configuration", self.issuer);
        let metadata: Metadata = self.get_json(&url).await?;
        if metadata.issuer.trim_end_matches('/') != self.issuer {
            return Err(OidcError::Provider(format!(
                "the discovery document names the issuer {}, not {}",
                metadata.issuer, self.issuer
            )));
        }
        let keys: JwkSet = self.get_json(&metadata.jwks_uri).await?;
        *self.discovered.write().await = Some(Discovered {
            metadata: metadata.clone(),
            keys,
            keys_at: Instant::now(),
        });
        Ok(metadata)
    }

    /// The provider's key `kid`, fetching its keys again when it is unknown (keys rotate).
    async fn key(&self, kid: Option<&str>) -> Result<DecodingKey, OidcError> {
        let metadata = self.metadata().await?;
        let find = |set: &JwkSet| match kid {
            Some(kid) => set.find(kid).cloned(),
            None if set.keys.len() == 1 => set.keys.first().cloned(),
            None => None,
        };
        let (known, stale) = {
            let d = self.discovered.read().await;
            let d = d.as_ref();
            (
                d.and_then(|d| find(&d.keys)),
                d.is_none_or(|d| d.keys_at.elapsed() >= KEYS_REFRESH),
            )
        };
        let jwk = match known {
            Some(jwk) => jwk,
            None if stale => {
                let keys: JwkSet = self.get_json(&metadata.jwks_uri).await?;
                let jwk = find(&keys);
                *self.discovered.write().await = Some(Discovered {
                    metadata,
                    keys,
                    keys_at: Instant::now(),
                });
                jwk.ok_or_else(|| {
                    OidcError::Invalid(
                        "the token is signed with a key the provider does not publish".into(),
                    )
                })?
            }
            None => {
                return Err(OidcError::Invalid(
                    "the token is signed with a key the provider does not publish".into(),
                ))
            }
        };
        DecodingKey::from_jwk(&jwk)
            .map_err(|e| OidcError::Provider(format!("a published key cannot be read: {e}")))
    }

    /// Checks `token` (a JWT of this provider for `audience`, with `nonce` when given) and
    /// returns its claims.
    pub async fn verify(
        &self,
        token: &str,
        audience: &str,
        nonce: Option<&str>,
    ) -> Result<serde_json::Map<String, serde_json::Value>, OidcError> {
        let head = jsonwebtoken::decode_header(token)
            .map_err(|e| OidcError::Invalid(format!("the token is not a JWT: {e}")))?;
        // Only the provider's public-key signatures; never a shared secret or none.
        if !matches!(
            head.alg,
            Algorithm::RS256
                | Algorithm::RS384
                | Algorithm::RS512
                | Algorithm::PS256
                | Algorithm::PS384
                | Algorithm::PS512
                | Algorithm::ES256
                | Algorithm::ES384
                | Algorithm::EdDSA
        ) {
            return Err(OidcError::Invalid(format!(
                "tokens signed with {:?} are not accepted",
                head.alg
            )));
        }
        let key = self.key(head.kid.as_deref()).await?;
        let issuer = self.metadata().await?.issuer;
        let mut validation = Validation::new(head.alg);
        validation.set_audience(&[audience]);
        validation.set_issuer(&[issuer.as_str(), self.issuer.as_str()]);
        validation.set_required_spec_claims(&["exp", "iss", "aud"]);
        validation.leeway = 60;
        let data = jsonwebtoken::decode::<serde_json::Map<String, serde_json::Value>>(
            token,
            &key,
            &validation,
        )
        .map_err(|e| OidcError::Invalid(format!("the token is not valid: {e}")))?;
        if let Some(nonce) = nonce {
            if data.claims.get("nonce").and_then(|v| v.as_str()) != Some(nonce) {
                return Err(OidcError::Invalid(
                    "the token answers another sign-in (nonce)".into(),
                ));
            }
        }
        Ok(data.claims)
    }

    /// The value of the configured user claim.
    pub fn identity(&self, claims: &serde_json::Map<String, serde_json::Value>) -> Option<String> {
        claims
            .get(&self.user_claim)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    }

    /// Checks an access token sent to the Referrals API.
    pub async fn verify_bearer(&self, token: &str) -> Result<String, OidcError> {
        let claims = self.verify(token, &self.api_audience, None).await?;
        self.identity(&claims).ok_or_else(|| {
            OidcError::Invalid(format!("the token has no {} claim", self.user_claim))
        })
    }

    async fn authorize_url(
        &self,
        state: &str,
        nonce: &str,
        challenge: &str,
    ) -> Result<String, OidcError> {
        let metadata = self.metadata().await?;
        let mut url = reqwest::Url::parse(&metadata.authorization_endpoint)
            .map_err(|e| OidcError::Provider(format!("authorization endpoint: {e}")))?;
        url.query_pairs_mut()
            .append_pair("response_type", "code")
            .append_pair("client_id", &self.client_id)
            .append_pair("redirect_uri", &self.redirect_uri)
            .append_pair("scope", &self.scopes)
            .append_pair("state", state)
            .append_pair("nonce", nonce)
            .append_pair("code_challenge", challenge)
            .append_pair("code_challenge_method", "S256");
        Ok(url.into())
    }

    /// Redeems `code` at the provider; returns the ID token.
    async fn redeem(&self, code: &str, verifier: &str) -> Result<String, OidcError> {
        #[derive(Deserialize)]
        struct Tokens {
            id_token: Option<String>,
        }
        let metadata = self.metadata().await?;
        let response = self
            .http
            .post(&metadata.token_endpoint)
            .form(&[
                ("grant_type", "authorization_code"),
                ("code", code),
                ("redirect_uri", &self.redirect_uri),
                ("code_verifier", verifier),
                ("client_id", &self.client_id),
                ("client_secret", &self.client_secret),
            ])
            .send()
            .await
            .map_err(|e| OidcError::Provider(format!("token endpoint: {e}")))?;
        if !response.status().is_success() {
            return Err(OidcError::Invalid(format!(
                "the provider did not redeem the code ({})",
                response.status()
            )));
        }
        let tokens: Tokens = response
            .json()
            .await
            .map_err(|e| OidcError::Provider(format!("token endpoint: {e}")))?;
        tokens
            .id_token
            .ok_or_else(|| OidcError::Provider("the token endpoint sent no id_token".into()))
    }
}

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/auth/oidc/start", get(start))
        .route("/auth/oidc/callback", get(callback))
}

/// Sends the browser to the app with a reason the sign-in page shows.
fn back_to_app(reason: Option<&str>) -> Response {
    let to = match reason {
        Some(r) => format!("/?signIn={r}"),
        None => "/".into(),
    };
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(&to) {
        response.headers_mut().insert(header::LOCATION, v);
    }
    response
}

fn login_cookie(value: &str, secure: bool) -> String {
    let max_age = if value.is_empty() {
        0
    } else {
        LOGIN_MINUTES * 60
    };
    let secure = if secure { "; Secure" } else { "" };
    format!("{LOGIN_COOKIE}={value}; Path=/auth/oidc; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}")
}

fn cookie_value<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v)
}

async fn start(
    State(app): State<Shared>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
) -> Response {
    let Some(oidc) = app.oidc.as_ref() else {
        return back_to_app(Some("unavailable"));
    };
    if let Err(wait) = app.sign_in_limit.check(&peer.ip().to_string()) {
        return too_many(wait);
    }
    let made = (|| {
        Ok::<_, auth::MakeError>((
            auth::random_hex(32)?,
            auth::random_hex(16)?,
            URL_SAFE_NO_PAD.encode(auth::random_hex(32)?),
            auth::random_hex(32)?,
        ))
    })();
    let Ok((state, nonce, verifier, browser)) = made else {
        return back_to_app(Some("failed"));
    };
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    let url = match oidc.authorize_url(&state, &nonce, &challenge).await {
        Ok(url) => url,
        Err(e) => {
            tracing::error!(error = %e, "sign-in: the identity provider cannot be reached");
            return back_to_app(Some("unavailable"));
        }
    };
    if let Err(e) = remember(
        app.engine.db(),
        &auth::hash(&state),
        &auth::hash(&browser),
        &verifier,
        &nonce,
        app.engine.now(),
    )
    .await
    {
        tracing::error!(error = %e, "sign-in could not be remembered");
        return back_to_app(Some("unavailable"));
    }
    let mut response = StatusCode::FOUND.into_response();
    let h = response.headers_mut();
    if let (Ok(location), Ok(cookie)) = (
        HeaderValue::from_str(&url),
        HeaderValue::from_str(&login_cookie(&browser, app.secure_cookies)),
    ) {
        h.insert(header::LOCATION, location);
        h.insert(header::SET_COOKIE, cookie);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[derive(Deserialize)]
struct Callback {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

async fn callback(
    State(app): State<Shared>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    headers: HeaderMap,
    query: Result<Query<Callback>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Some(oidc) = app.oidc.as_ref() else {
        return back_to_app(Some("unavailable"));
    };
    if let Err(wait) = app.sign_in_limit.check(&peer.ip().to_string()) {
        return too_many(wait);
    }
    let Ok(Query(query)) = query else {
        return back_to_app(Some("failed"));
    };
    let mut response = match signed_in(&app, oidc, &headers, query).await {
        Ok(response) => response,
        Err((reason, why)) => {
            tracing::warn!(reason, why = %why, "sign-in refused");
            back_to_app(Some(reason))
        }
    };
    if let Ok(v) = HeaderValue::from_str(&login_cookie("", app.secure_cookies)) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The callback's work: the session for the identity the provider vouches for, or the
/// reason the sign-in page shows (`noAccess`, `failed`, `unavailable`) and why (logged).
async fn signed_in(
    app: &Shared,
    oidc: &Oidc,
    headers: &HeaderMap,
    query: Callback,
) -> Result<Response, (&'static str, String)> {
    if let Some(error) = query.error {
        return Err(("failed", format!("the provider answered {error}")));
    }
    let (Some(code), Some(state)) = (query.code, query.state) else {
        return Err(("failed", "no code or state".into()));
    };
    let browser = cookie_value(headers, LOGIN_COOKIE).ok_or((
        "failed",
        "this browser did not start the sign-in".to_string(),
    ))?;
    let login = take(app.engine.db(), &auth::hash(&state))
        .await
        .map_err(|e| ("unavailable", e.to_string()))?
        .ok_or(("failed", "unknown or used state".to_string()))?;
    if login.browser_hash != auth::hash(browser) {
        return Err((
            "failed",
            "the sign-in was started in another browser".into(),
        ));
    }
    let started = chrono::DateTime::parse_from_rfc3339(&login.created_at)
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|_| ("failed", "unreadable start time".to_string()))?;
    if app.engine.now() - started > chrono::Duration::minutes(LOGIN_MINUTES) {
        return Err(("failed", "the sign-in took too long".into()));
    }
    let failure = |e: OidcError| match e {
        OidcError::Provider(why) => ("unavailable", why),
        OidcError::Invalid(why) => ("failed", why),
    };
    let id_token = oidc.redeem(&code, &login.verifier).await.map_err(failure)?;
    let claims = oidc
        .verify(&id_token, &oidc.client_id, Some(&login.nonce))
        .await
        .map_err(failure)?;
    let identity = oidc.identity(&claims).ok_or((
        "noAccess",
        format!("the ID token has no {} claim", oidc.user_claim),
    ))?;
    let user = app.engine.user_by_identity(&identity).await.ok_or((
        "noAccess",
        "no active directory user has this identity".to_string(),
    ))?;
    let (_, token) = auth::start(app.engine.db(), &user.id, app.session_hours)
        .await
        .map_err(|e| ("unavailable", e.to_string()))?;
    tracing::info!(user = %user.id, "signed in (OpenID Connect)");
    let mut response = back_to_app(None);
    if let Ok(v) =
        HeaderValue::from_str(&auth::cookie(&token, app.session_hours, app.secure_cookies))
    {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(response)
}

/// A sign-in in progress, as stored.
struct Login {
    browser_hash: String,
    verifier: String,
    nonce: String,
    created_at: String,
}

async fn remember(
    db: &Db,
    state_hash: &str,
    browser_hash: &str,
    verifier: &str,
    nonce: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), sqlx::Error> {
    let created_at = stamp(now);
    // Sign-ins abandoned at the provider are cleared as new ones start.
    let cutoff = stamp(now - chrono::Duration::minutes(LOGIN_MINUTES * 6));
    on_pool!(db, |pool| {
        sqlx::query("DELETE FROM oidc_logins WHERE created_at < $1")
            .bind(&cutoff)
            .execute(pool)
            .await?;
        sqlx::query(
            "INSERT INTO oidc_logins (state_hash, browser_hash, verifier, nonce, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(state_hash)
        .bind(browser_hash)
        .bind(verifier)
        .bind(nonce)
        .bind(&created_at)
        .execute(pool)
        .await
        .map(|_| ())
    })
}

/// The sign-in of `state_hash`, removed so it is used once.
async fn take(db: &Db, state_hash: &str) -> Result<Option<Login>, sqlx::Error> {
    use sqlx::Row;
    on_pool!(db, |pool| {
        let row = sqlx::query(
            "DELETE FROM oidc_logins WHERE state_hash = $1 \
             RETURNING browser_hash, verifier, nonce, created_at",
        )
        .bind(state_hash)
        .fetch_optional(pool)
        .await?;
        row.map(|r| {
            Ok(Login {
                browser_hash: r.try_get(0)?,
                verifier: r.try_get(1)?,
                nonce: r.try_get(2)?,
                created_at: r.try_get(3)?,
            })
        })
        .transpose()
    })
}
