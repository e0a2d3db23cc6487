//! The Referrals API for CRMs and other integrations, shaped like Partner Center's
//! `/v1.0/engagements/referrals`: list with OData `$filter`, `$orderby`, `$top` and
//! `@odata.nextLink`; get with its `ETag`; `PATCH` as JSON Patch, which **requires**
//! `If-Match` (428 without, 412 when stale) and honours `MS-RequestId` (a retry gets the first
//! answer). What the patch means and what the rules allow is the domain's
//! (`transfer::referrals_api`, `commands`); nothing outside the caller's visibility is listed,
//! and an invisible referral answers 404 exactly like an unknown one.
//!
//! Callers: a signed-in session (writes need its CSRF token), or `Authorization: Bearer` with
//! an API token an MPN partner admin made (`/v1.0/tokens`), which acts as a named
//! integration user of its organisation (`org::admin::integration_user`), reading only or
//! reading and writing.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get};
use axum::{Json, Router};
use cosell::domain::org::admin::{integration_user, may_administer};
use cosell::domain::records::directory::User;
use cosell::domain::support::locale::Locale;
use cosell::domain::transfer::referrals_api::{parse_query, PatchOp};

use crate::auth;
use crate::db::TokenRow;
use crate::engine::ApiOutcome;
use crate::http::{
    check_csrf, language, problem_of_db, problem_of_make, problem_of_sync, session_of, Body_,
    Shared,
};
use crate::problem::Problem;

const BASE: &str = "/v1.0/engagements/referrals";

pub fn routes() -> Router<Shared> {
    Router::new()
        .route(BASE, get(list).post(create))
        .route(&format!("{BASE}/{{id}}"), get(one).patch(patch))
        .route("/v1.0/openapi.json", get(openapi))
        .route("/v1.0/tokens", get(tokens).post(create_token))
        .route("/v1.0/tokens/{id}", delete(revoke_token))
}

/// Who calls, and whether they may write.
struct Caller {
    user: User,
    writes: bool,
}

fn bad_token() -> Problem {
    Problem::new(
        StatusCode::UNAUTHORIZED,
        "invalidToken",
        "This API token is unknown or was revoked.",
    )
}

/// The caller of an API request: a bearer token, else the session (whose writes need the
/// CSRF token).
async fn caller(app: &Shared, headers: &HeaderMap, writing: bool) -> Result<Caller, Problem> {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if let Some(token) = bearer {
        app.token_limit
            .check(&auth::hash(token.trim()))
            .map_err(|wait| {
                Problem::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    "rateLimited",
                    format!(
                        "Too many requests with this token; try again in {} seconds.",
                        wait.as_secs().max(1)
                    ),
                )
            })?;
        let token = token.trim();
        if let Some(oidc) = app
            .oidc
            .as_ref()
            .filter(|_| token.matches('.').count() == 2)
        {
            // A JWT from the organisation's identity provider: the person it names.
            let identity = oidc.verify_bearer(token).await.map_err(|e| {
                tracing::warn!(error = %e, "a Bearer JWT was refused");
                Problem::new(
                    StatusCode::UNAUTHORIZED,
                    "invalidToken",
                    format!("This token is not accepted: {e}"),
                )
            })?;
            let user = app
                .engine
                .user_by_identity(&identity)
                .await
                .ok_or_else(|| {
                    Problem::new(
                        StatusCode::FORBIDDEN,
                        "noAccess",
                        "The token's identity is not an active user of Co-sell's directory.",
                    )
                })?;
            return Ok(Caller { user, writes: true });
        }
        let row = app
            .engine
            .db()
            .token_by_hash(&auth::hash(token))
            .await
            .map_err(|_| bad_token())?
            .filter(|t| t.revoked_at.is_none())
            .ok_or_else(bad_token)?;
        return Ok(Caller {
            user: integration_user(&row.id, &row.name, &row.organization_id),
            writes: row.scope == "readWrite",
        });
    }
    let session = session_of(app, headers).await?;
    if writing {
        check_csrf(headers, &session)?;
    }
    let user = app
        .engine
        .active_user(&session.user_id)
        .await
        .ok_or_else(|| Problem::new(StatusCode::UNAUTHORIZED, "signedOut", "Sign in again."))?;
    Ok(Caller { user, writes: true })
}

/// A session of an organisation's MPN partner admin (who manages its tokens and webhooks).
pub(crate) async fn partner_admin(
    app: &Shared,
    headers: &HeaderMap,
    writing: bool,
) -> Result<User, Problem> {
    let c = caller(app, headers, writing).await?;
    if c.user.id.starts_with("token:") || !may_administer(&c.user) {
        return Err(Problem::new(
            StatusCode::FORBIDDEN,
            "notPartnerAdmin",
            "Only the organisation's MPN partner admin manages its integrations (API tokens and webhooks).",
        ));
    }
    Ok(c.user)
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct NewToken {
    name: String,
    scope: String,
}

async fn create_token(
    State(app): State<Shared>,
    headers: HeaderMap,
    body: Result<Body_<NewToken>, Problem>,
) -> Response {
    let run = async {
        let admin = partner_admin(&app, &headers, true).await?;
        let Body_(new) = body?;
        let name = new.name.trim().to_string();
        if name.is_empty() || name.chars().count() > 80 {
            return Err(Problem::new(
                StatusCode::BAD_REQUEST,
                "invalidName",
                "Name the token (1 to 80 characters).",
            ));
        }
        if new.scope != "read" && new.scope != "readWrite" {
            return Err(Problem::new(
                StatusCode::BAD_REQUEST,
                "invalidScope",
                "The scope is read or readWrite.",
            ));
        }
        let token = format!("cst_{}", auth::random_hex(24).map_err(problem_of_make)?);
        let row = TokenRow {
            id: uuid::Uuid::new_v4().to_string(),
            organization_id: admin.organization_id.clone(),
            name,
            scope: new.scope,
            created_by: admin.id.clone(),
            created_at: chrono::Utc::now().to_rfc3339(),
            revoked_at: None,
        };
        app.engine
            .db()
            .create_token(&row, &auth::hash(&token))
            .await
            .map_err(problem_of_db)?;
        // Only the record's id and who made it: the secret itself is never logged.
        tracing::info!(id = %row.id, by = %admin.id, "API credential made");
        let mut body = serde_json::to_value(&row).unwrap_or_default();
        body["token"] = token.into();
        Ok((StatusCode::CREATED, Json(body)).into_response())
    };
    run.await.unwrap_or_else(IntoResponse::into_response)
}

async fn tokens(State(app): State<Shared>, headers: HeaderMap) -> Response {
    let run = async {
        let admin = partner_admin(&app, &headers, false).await?;
        let rows = app
            .engine
            .db()
            .tokens_of(&admin.organization_id)
            .await
            .map_err(problem_of_db)?;
        Ok::<_, Problem>(Json(serde_json::json!({ "value": rows })).into_response())
    };
    run.await.unwrap_or_else(IntoResponse::into_response)
}

async fn revoke_token(
    State(app): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let run = async {
        let admin = partner_admin(&app, &headers, true).await?;
        let revoked = app
            .engine
            .db()
            .revoke_token(
                &admin.organization_id,
                &id,
                &chrono::Utc::now().to_rfc3339(),
            )
            .await
            .map_err(problem_of_db)?;
        if !revoked {
            return Err(Problem::new(
                StatusCode::NOT_FOUND,
                "notFound",
                "There is no such token to revoke.",
            ));
        }
        tracing::info!(id = %id, by = %admin.id, "API credential revoked");
        Ok(StatusCode::NO_CONTENT.into_response())
    };
    run.await.unwrap_or_else(IntoResponse::into_response)
}

/// The API's OpenAPI description (`server/api/openapi.json`; a test keeps it true).
pub const OPENAPI: &str = include_str!("../api/openapi.json");

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

fn not_found() -> Problem {
    Problem::new(
        StatusCode::NOT_FOUND,
        "notFound",
        "There is no referral with this id that you may see.",
    )
}

/// Percent-encodes a query value (everything but RFC 3986's unreserved characters).
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn with_etag(mut response: Response, e_tag: &str) -> Response {
    if let Ok(v) = HeaderValue::from_str(&format!("\"{e_tag}\"")) {
        response.headers_mut().insert(header::ETAG, v);
    }
    response
}

async fn list(
    State(app): State<Shared>,
    headers: HeaderMap,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let run = async {
        let caller = caller(&app, &headers, false).await?;
        let param = |k: &str| params.get(k).map(String::as_str);
        let query = parse_query(
            param("$filter"),
            param("$orderby"),
            param("$top"),
            param("$skiptoken"),
        )
        .map_err(|why| Problem::new(StatusCode::BAD_REQUEST, "invalidQuery", why))?;
        let (page, next) = app
            .engine
            .list_referrals(&caller.user, &query)
            .await
            .map_err(problem_of_sync)?;
        let mut body = serde_json::json!({ "value": page });
        if let Some(skip) = next {
            let mut link = format!("{BASE}?");
            for key in ["$filter", "$orderby", "$top"] {
                if let Some(v) = param(key) {
                    link.push_str(&format!("{}={}&", encode(key), encode(v)));
                }
            }
            link.push_str(&format!("%24skiptoken={skip}"));
            body["@odata.nextLink"] = link.into();
        }
        Ok::<_, Problem>(Json(body).into_response())
    };
    run.await.unwrap_or_else(IntoResponse::into_response)
}

async fn one(State(app): State<Shared>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let run = async {
        let caller = caller(&app, &headers, false).await?;
        let referral = app
            .engine
            .referral_for(&caller.user, &id)
            .await
            .map_err(problem_of_sync)?
            .ok_or_else(not_found)?;
        Ok::<_, Problem>(with_etag(Json(&referral).into_response(), &referral.e_tag))
    };
    run.await.unwrap_or_else(IntoResponse::into_response)
}

/// `POST`: a new referral, in the resource's shape. There is no version to base it on, so no
/// `If-Match`; `MS-RequestId` makes a retry safe.
async fn create(
    State(app): State<Shared>,
    headers: HeaderMap,
    body: Result<Body_<serde_json::Value>, Problem>,
) -> Response {
    let run = async {
        let caller = caller(&app, &headers, true).await?;
        if !caller.writes {
            return Err(read_only());
        }
        let Body_(body) = body?;
        let request_id = request_id(&headers);
        let locale = language(&headers).unwrap_or(Locale::En);
        let outcome = app
            .engine
            .create_referral(&caller.user, &body, request_id.as_deref(), locale)
            .await
            .map_err(problem_of_sync)?;
        Ok::<_, Problem>(answer(outcome, locale))
    };
    run.await.unwrap_or_else(IntoResponse::into_response)
}

/// The request's `MS-RequestId`: a retry with the same one gets the first answer.
fn request_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get("ms-requestid")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

fn read_only() -> Problem {
    Problem::new(
        StatusCode::FORBIDDEN,
        "readOnlyToken",
        "This API token may read only.",
    )
}

async fn patch(
    State(app): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Result<Body_<Vec<PatchOp>>, Problem>,
) -> Response {
    let run = async {
        let caller = caller(&app, &headers, true).await?;
        if !caller.writes {
            return Err(read_only());
        }
        let if_match = headers
            .get(header::IF_MATCH)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.trim().trim_start_matches("W/").trim_matches('"').to_string())
            .ok_or_else(|| {
                Problem::new(
                    StatusCode::PRECONDITION_REQUIRED,
                    "ifMatchRequired",
                    "Send the referral's eTag in If-Match: writes are based on the version you read.",
                )
            })?;
        let Body_(ops) = body?;
        let request_id = request_id(&headers);
        let locale = language(&headers).unwrap_or(Locale::En);
        let outcome = app
            .engine
            .patch_referral(
                &caller.user,
                &id,
                &if_match,
                &ops,
                request_id.as_deref(),
                locale,
            )
            .await
            .map_err(problem_of_sync)?;
        Ok::<_, Problem>(answer(outcome, locale))
    };
    run.await.unwrap_or_else(IntoResponse::into_response)
}

/// The answer to a Referrals API write.
fn answer(outcome: ApiOutcome, locale: Locale) -> Response {
    match outcome {
        ApiOutcome::Created(r) => {
            with_etag((StatusCode::CREATED, Json(&r)).into_response(), &r.e_tag)
        }
        ApiOutcome::Changed(r) => with_etag(Json(&r).into_response(), &r.e_tag),
        ApiOutcome::Repeated { status, body } => (
            StatusCode::from_u16(status).unwrap_or(StatusCode::OK),
            [(header::CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response(),
        ApiOutcome::NotFound => not_found().into_response(),
        ApiOutcome::Stale(current) => with_etag(
            Problem::new(
                StatusCode::PRECONDITION_FAILED,
                "stale",
                "The referral changed since that eTag; read it again and base the change on it.",
            )
            .into_response(),
            &current,
        ),
        ApiOutcome::BadRequest(code, why) => {
            Problem::new(StatusCode::BAD_REQUEST, code, why).into_response()
        }
        ApiOutcome::Refused(why) if why.kind == "invalid" => {
            let fields: Vec<String> = why
                .fields
                .iter()
                .map(|f| format!("{}: {}", f.field, f.key.text().get(locale)))
                .collect();
            Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid",
                format!("{} ({})", why.message, fields.join("; ")),
            )
            .into_response()
        }
        ApiOutcome::Refused(why) if why.kind == "unknownReferral" => not_found().into_response(),
        ApiOutcome::Refused(why) => {
            Problem::new(StatusCode::CONFLICT, "refused", why.message).into_response()
        }
    }
}
