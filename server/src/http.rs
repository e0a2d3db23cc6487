//! The HTTP face of the server: sign-in, sync (push, pull, the "changed" event stream),
//! operations (health, readiness, metrics) and the app's files, each response with the
//! security headers of the static build.

use std::convert::Infallible;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use futures_util::stream::Stream;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::StreamExt;

use crate::auth::{self, Session};
use crate::engine::{Engine, SyncError};
use crate::problem::Problem;
use cosell::sync::{PullRequest, PushRequest};

/// The strict policy the app runs under (end2end/tools/csp.mjs, README).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'";

pub struct App {
    pub engine: Arc<Engine>,
    pub static_dir: PathBuf,
    pub demo_sign_in: bool,
    pub session_hours: i64,
    pub max_body_bytes: usize,
    pub sign_in_limit: crate::limits::RateLimit,
    pub token_limit: crate::limits::RateLimit,
    /// Sign-in through the organisation's identity provider, when configured.
    pub oidc: Option<crate::oidc::Oidc>,
    /// Whether an SMTP relay delivers the email outbox.
    pub smtp: bool,
    /// Whether cookies are marked `Secure` (the public URL is https).
    pub secure_cookies: bool,
}

/// 429 with `Retry-After`: over a rate limit.
pub(crate) fn too_many(wait: Duration) -> Response {
    let mut response = Problem::new(
        StatusCode::TOO_MANY_REQUESTS,
        "rateLimited",
        format!(
            "Too many requests; try again in {} seconds.",
            wait.as_secs().max(1)
        ),
    )
    .into_response();
    if let Ok(v) = HeaderValue::from_str(&wait.as_secs().max(1).to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, v);
    }
    response
}

pub(crate) type Shared = Arc<App>;

pub fn router(app: App) -> Router {
    let app = Arc::new(app);
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(ready))
        .route("/metrics", get(metrics))
        .route("/server.json", get(server_info))
        .route("/auth/demo", post(demo_sign_in))
        .route("/auth/me", get(me))
        .route("/auth/logout", post(sign_out))
        .route("/sync/push", post(push))
        .route("/sync/pull", post(pull))
        .route("/sync/events", get(events))
        .merge(crate::api::routes())
        .merge(crate::oidc::routes())
        .merge(crate::webhooks::routes())
        .merge(crate::email::routes())
        .fallback(static_file)
        .layer(middleware::from_fn(security_headers))
        .layer(middleware::from_fn(request_id))
        .with_state(app)
}

/// A JSON body within the size limit, or a problem saying what is wrong with it.
pub struct Body_<T>(pub T);

impl<T: DeserializeOwned> FromRequest<Shared> for Body_<T> {
    type Rejection = Problem;

    async fn from_request(req: Request, app: &Shared) -> Result<Self, Problem> {
        let limit = app.max_body_bytes;
        let bytes = axum::body::to_bytes(req.into_body(), limit)
            .await
            .map_err(|_| {
                Problem::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "bodyTooLarge",
                    format!("The request body is larger than {limit} bytes."),
                )
            })?;
        serde_json::from_slice(&bytes).map(Body_).map_err(|e| {
            Problem::new(
                StatusCode::BAD_REQUEST,
                "malformedJson",
                format!("The request body is not the expected JSON: {e}"),
            )
        })
    }
}

async fn request_id(mut req: Request, next: Next) -> Response {
    let id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| v.len() <= 64 && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .map(str::to_string)
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    let span =
        tracing::info_span!("request", id = %id, method = %req.method(), path = %req.uri().path());
    req.extensions_mut().insert(RequestId(id.clone()));
    let started = std::time::Instant::now();
    let mut response = tracing::Instrument::instrument(next.run(req), span.clone()).await;
    span.in_scope(|| {
        tracing::info!(
            status = response.status().as_u16(),
            ms = started.elapsed().as_millis() as u64,
            "served"
        )
    });
    if let Ok(v) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-request-id", v);
    }
    response
}

#[derive(Clone)]
struct RequestId(#[allow(dead_code)] String);

async fn security_headers(req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    response
}

async fn ready(State(app): State<Shared>) -> Response {
    if app.engine.db().ping().await {
        "ready".into_response()
    } else {
        Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "databaseDown",
            "The database does not answer.",
        )
        .into_response()
    }
}

async fn metrics(State(app): State<Shared>) -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        app.engine.metrics.render(),
    )
        .into_response()
}

/// What the app reads at start to know that a server serves it (the static build has no
/// such file), and how one signs in.
async fn server_info(State(app): State<Shared>, headers: HeaderMap) -> Response {
    let signed_in = session_of(&app, &headers).await.is_ok();
    Json(serde_json::json!({
        "mode": "shared",
        "demoSignIn": app.demo_sign_in,
        "oidc": app.oidc.is_some(),
        "signedIn": signed_in,
        "database": app.engine.db().engine(),
    }))
    .into_response()
}

/// A session or token that could not be made: 503, nothing written.
pub(crate) fn problem_of_make(e: auth::MakeError) -> Problem {
    match e {
        auth::MakeError::Database(e) => problem_of_db(e),
        auth::MakeError::Random(e) => {
            tracing::error!(error = %e, "no randomness to make a session or API credential");
            Problem::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "noRandomness",
                "The server cannot make a secure session right now; nothing was changed. Try again shortly.",
            )
        }
    }
}

pub(crate) fn problem_of_db(e: sqlx::Error) -> Problem {
    tracing::error!(error = %e, "database error");
    Problem::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "databaseUnavailable",
        "The database is not available; nothing was changed. Try again shortly.",
    )
}

fn signed_out() -> Problem {
    Problem::new(
        StatusCode::UNAUTHORIZED,
        "signedOut",
        "You are not signed in, or your session has ended. Sign in again.",
    )
}

/// The session of the request's cookie.
pub(crate) async fn session_of(app: &App, headers: &HeaderMap) -> Result<Session, Problem> {
    let token = headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(auth::token_of)
        .ok_or_else(signed_out)?;
    let session = auth::find(&app.engine.db().clone(), token)
        .await
        .map_err(problem_of_db)?
        .ok_or_else(signed_out)?;
    if app.engine.active_user(&session.user_id).await.is_none() {
        // Deactivated since: the session ends now.
        let _ = auth::end(app.engine.db(), &session).await;
        return Err(signed_out());
    }
    Ok(session)
}

/// Requests that change something must come from the app: the same origin, and the
/// session's CSRF token in `X-Cosell-Csrf`.
fn check_origin(headers: &HeaderMap) -> Result<(), Problem> {
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    match (origin, host) {
        (Some(origin), Some(host)) => {
            let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
            if origin_host == host {
                Ok(())
            } else {
                Err(Problem::new(
                    StatusCode::FORBIDDEN,
                    "crossOrigin",
                    "Changes are only accepted from Co-sell's own pages.",
                ))
            }
        }
        _ => Ok(()),
    }
}

pub(crate) fn check_csrf(headers: &HeaderMap, session: &Session) -> Result<(), Problem> {
    check_origin(headers)?;
    let sent = headers.get(auth::CSRF_HEADER).and_then(|v| v.to_str().ok());
    if sent == Some(session.csrf.as_str()) {
        Ok(())
    } else {
        Err(Problem::new(
            StatusCode::FORBIDDEN,
            "csrf",
            "The request lacks this session's X-Cosell-Csrf token.",
        ))
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DemoSignIn {
    user_id: String,
}

async fn demo_sign_in(
    State(app): State<Shared>,
    axum::extract::ConnectInfo(peer): axum::extract::ConnectInfo<std::net::SocketAddr>,
    headers: HeaderMap,
    body: Result<Body_<DemoSignIn>, Problem>,
) -> Response {
    if let Err(wait) = app.sign_in_limit.check(&peer.ip().to_string()) {
        return too_many(wait);
    }
    let run = async {
        if !app.demo_sign_in {
            return Err(Problem::new(
                StatusCode::NOT_FOUND,
                "noDemoSignIn",
                "This server signs people in through the organisation's identity provider.",
            ));
        }
        check_origin(&headers)?;
        if !headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"))
        {
            return Err(Problem::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "jsonOnly",
                "Send the sign-in as application/json.",
            ));
        }
        let Body_(DemoSignIn { user_id }) = body?;
        let Some(user) = app.engine.active_user(&user_id).await else {
            return Err(Problem::new(
                StatusCode::FORBIDDEN,
                "unknownUser",
                "There is no active user with this id in the directory.",
            ));
        };
        let (session, token) = auth::start(app.engine.db(), &user.id, app.session_hours)
            .await
            .map_err(problem_of_make)?;
        tracing::info!(user = %user.id, "signed in (demo)");
        let mut response =
            Json(serde_json::json!({ "user": user, "csrf": session.csrf })).into_response();
        if let Ok(v) =
            HeaderValue::from_str(&auth::cookie(&token, app.session_hours, app.secure_cookies))
        {
            response.headers_mut().insert(header::SET_COOKIE, v);
        }
        Ok(response)
    };
    run.await.unwrap_or_else(IntoResponse::into_response)
}

async fn me(State(app): State<Shared>, headers: HeaderMap) -> Response {
    match session_of(&app, &headers).await {
        Ok(session) => {
            let user = app.engine.active_user(&session.user_id).await;
            Json(serde_json::json!({ "user": user, "csrf": session.csrf })).into_response()
        }
        Err(p) => p.into_response(),
    }
}

async fn sign_out(State(app): State<Shared>, headers: HeaderMap) -> Response {
    let run = async {
        let session = session_of(&app, &headers).await?;
        check_csrf(&headers, &session)?;
        auth::end(app.engine.db(), &session)
            .await
            .map_err(problem_of_db)?;
        let mut response = StatusCode::NO_CONTENT.into_response();
        if let Ok(v) = HeaderValue::from_str(&auth::cookie("", 0, app.secure_cookies)) {
            response.headers_mut().insert(header::SET_COOKIE, v);
        }
        Ok::<_, Problem>(response)
    };
    run.await.unwrap_or_else(IntoResponse::into_response)
}

/// The language the app asks its answers in (its interface's, in `Accept-Language`).
pub(crate) fn language(headers: &HeaderMap) -> Option<cosell::domain::support::locale::Locale> {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split([',', ';', '-']).next())
        .and_then(|tag| cosell::domain::support::locale::Locale::from_tag(tag.trim()))
}

pub(crate) fn problem_of_sync(e: SyncError) -> Problem {
    match e {
        SyncError::NotYourClient => Problem::new(
            StatusCode::FORBIDDEN,
            "notYourClient",
            "This client id belongs to another user; start a fresh copy with a new client id.",
        ),
        SyncError::Gap { expected } => Problem {
            expected: Some(expected),
            ..Problem::new(
                StatusCode::CONFLICT,
                "mutationGap",
                format!(
                    "Mutations must follow on one another; the next one expected is {expected}."
                ),
            )
        },
        SyncError::TooMany => Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "tooManyMutations",
            format!(
                "Push at most {} mutations at once.",
                cosell::sync::MAX_MUTATIONS
            ),
        ),
        SyncError::SignedOut => signed_out(),
        SyncError::Unavailable(e) => {
            tracing::error!(error = %e, "push not written");
            Problem::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "databaseUnavailable",
                "The database is not available; nothing was changed. Try again shortly.",
            )
        }
    }
}

async fn push(
    State(app): State<Shared>,
    headers: HeaderMap,
    body: Result<Body_<PushRequest>, Problem>,
) -> Response {
    let run = async {
        let session = session_of(&app, &headers).await?;
        check_csrf(&headers, &session)?;
        let Body_(request) = body?;
        if request.client_id.is_empty() || request.client_id.len() > 64 {
            return Err(Problem::new(
                StatusCode::BAD_REQUEST,
                "badClientId",
                "clientId must be 1 to 64 characters.",
            ));
        }
        let answer = app
            .engine
            .push(&session.user_id, request, language(&headers))
            .await
            .map_err(problem_of_sync)?;
        Ok(Json(answer).into_response())
    };
    run.await.unwrap_or_else(IntoResponse::into_response)
}

async fn pull(
    State(app): State<Shared>,
    headers: HeaderMap,
    body: Result<Body_<PullRequest>, Problem>,
) -> Response {
    let run = async {
        let session = session_of(&app, &headers).await?;
        check_csrf(&headers, &session)?;
        let Body_(request) = body?;
        let answer = app
            .engine
            .pull(&session.user_id, request)
            .await
            .map_err(problem_of_sync)?;
        Ok::<_, Problem>(Json(answer).into_response())
    };
    run.await.unwrap_or_else(IntoResponse::into_response)
}

/// Keeps the open-streams gauge right when a stream ends.
struct StreamGuard(Arc<Engine>);

impl Drop for StreamGuard {
    fn drop(&mut self) {
        self.0.metrics.stream(-1);
    }
}

/// The "changed" signal: an event each time something the user's organisation may see was
/// written. It carries only the new version, never data: the app pulls.
async fn events(State(app): State<Shared>, headers: HeaderMap) -> Response {
    let session = match session_of(&app, &headers).await {
        Ok(s) => s,
        Err(p) => return p.into_response(),
    };
    let Some(user) = app.engine.active_user(&session.user_id).await else {
        return signed_out().into_response();
    };
    app.engine.metrics.stream(1);
    let guard = StreamGuard(app.engine.clone());
    let engine = app.engine.clone();
    let user_id = user.id.clone();
    let org = user.organization_id.clone();
    let stream = BroadcastStream::new(app.engine.subscribe())
        .filter_map(move |touched| {
            let _keep = &guard;
            match touched {
                Ok(t) if t.all || t.organizations.contains(&org) => Some(t.version),
                Ok(_) => None,
                // Missed some: tell the app to pull anyway.
                Err(_) => Some(0),
            }
        })
        .then(move |version| {
            let engine = engine.clone();
            let user_id = user_id.clone();
            async move {
                // A deactivated user's stream ends with its next event.
                engine.active_user(&user_id).await.map(|_| version)
            }
        })
        .take_while(Option::is_some)
        .map(|version| {
            Ok::<_, Infallible>(
                Event::default()
                    .event("changed")
                    .data(version.unwrap_or_default().to_string()),
            )
        });
    let stream: std::pin::Pin<Box<dyn Stream<Item = Result<Event, Infallible>> + Send>> =
        Box::pin(stream);
    Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response()
}

const TYPES: [(&str, &str); 9] = [
    ("html", "text/html; charset=utf-8"),
    ("js", "text/javascript; charset=utf-8"),
    ("mjs", "text/javascript; charset=utf-8"),
    ("wasm", "application/wasm"),
    ("css", "text/css; charset=utf-8"),
    ("json", "application/json; charset=utf-8"),
    ("svg", "image/svg+xml"),
    ("png", "image/png"),
    ("webmanifest", "application/manifest+json"),
];

/// Trunk's content-hashed names (`name-<16 hex>.ext`, `_bg` for the wasm) never change.
fn is_hashed(path: &Path) -> bool {
    let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() == 16 && hash.chars().all(|c| c.is_ascii_hexdigit()))
}

/// The app's files: a file as it is (or the build's precompressed copy of it, `.br` or `.gz`,
/// when the request takes that encoding), `index.html` for any path without an extension
/// (the app's routes), 404 for a missing file.
async fn static_file(
    State(app): State<Shared>,
    method: Method,
    uri: Uri,
    request_headers: HeaderMap,
) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return Problem::new(StatusCode::NOT_FOUND, "notFound", "There is nothing here.")
            .into_response();
    }
    let requested = uri.path().trim_start_matches('/');
    let mut relative = PathBuf::new();
    for part in Path::new(requested).components() {
        match part {
            Component::Normal(p) => relative.push(p),
            _ => {
                return Problem::new(StatusCode::NOT_FOUND, "notFound", "There is nothing here.")
                    .into_response()
            }
        }
    }
    let mut path = app.static_dir.join(&relative);
    if requested.is_empty() || requested.ends_with('/') {
        path = path.join("index.html");
    }
    let bytes = match tokio::fs::read(&path).await {
        Ok(b) => b,
        Err(_) if relative.extension().is_none() => {
            path = app.static_dir.join("index.html");
            match tokio::fs::read(&path).await {
                Ok(b) => b,
                Err(_) => {
                    return Problem::new(
                        StatusCode::NOT_FOUND,
                        "noApp",
                        "The app's build is not there; run make dist.",
                    )
                    .into_response()
                }
            }
        }
        Err(_) => {
            return Problem::new(StatusCode::NOT_FOUND, "notFound", "There is nothing here.")
                .into_response()
        }
    };
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    let content_type = TYPES
        .iter()
        .find(|(e, _)| *e == ext)
        .map_or("application/octet-stream", |(_, t)| t);
    let cache = if is_hashed(&path) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let accepted = request_headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let mut body = bytes;
    let mut encoding = None;
    for (coding, suffix) in [("br", "br"), ("gzip", "gz")] {
        if !takes_encoding(accepted, coding) {
            continue;
        }
        let mut copy = path.clone().into_os_string();
        copy.push(".");
        copy.push(suffix);
        if let Ok(b) = tokio::fs::read(&copy).await {
            body = b;
            encoding = Some(coding);
            break;
        }
    }
    let mut response = Response::new(Body::from(Bytes::from(body)));
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if let Some(coding) = encoding {
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
    }
    response
}

/// Whether an Accept-Encoding header takes `coding`: named, and not with `q=0`.
fn takes_encoding(header: &str, coding: &str) -> bool {
    header.split(',').any(|part| {
        let mut pieces = part.split(';').map(str::trim);
        let token = pieces.next().unwrap_or_default();
        let refused = pieces.any(|p| {
            p.strip_prefix("q=")
                .is_some_and(|q| q.parse::<f32>().map_or(true, |q| q <= 0.0))
        });
        token.eq_ignore_ascii_case(coding) && !refused
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_encoding_is_taken_when_named_without_q_zero() {
        assert!(takes_encoding("gzip, deflate, br, zstd", "br"));
        assert!(takes_encoding("br;q=0.5, gzip", "br"));
        assert!(!takes_encoding("br;q=0, gzip", "br"));
        assert!(takes_encoding("br;q=0, gzip", "gzip"));
        assert!(!takes_encoding("", "br"));
        assert!(!takes_encoding("brotli", "br"));
        assert!(!takes_encoding("br;q=nonsense", "br"));
    }

    #[test]
    fn only_trunks_hashed_names_are_cached_for_ever() {
        assert!(is_hashed(Path::new("cosell-0123456789abcdef_bg.wasm")));
        assert!(is_hashed(Path::new("main-0123456789abcdef.css")));
        assert!(!is_hashed(Path::new("index.html")));
        assert!(!is_hashed(Path::new("sw.js")));
        assert!(!is_hashed(Path::new("data/users.json")));
    }
}
