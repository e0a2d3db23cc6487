//! The Referrals API for CRMs and other integrations, shaped like Partner Center's
//! `/v1.0/engagements/referrals`: list with OData `$filter`, `$orderby`, `$top` and
//! `@odata.nextLink`; get with its `ETag`; `PATCH` as JSON Patch, which **requires**
//! `If-Match` (428 without, 412 when stale) and honours `MS-RequestId` (a retry gets the first
//! answer). What the patch means and what the rules allow is the domain's
//! (`transfer::referrals_api`, `commands`); nothing outside the caller's visibility is listed,
//! and an invisible referral answers 404 exactly like an unknown one.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use cosell::domain::support::locale::Locale;
use cosell::domain::transfer::referrals_api::{parse_query, PatchOp};

use crate::engine::ApiOutcome;
use crate::http::{check_csrf, language, problem_of_sync, session_of, Body_, Shared};
use crate::problem::Problem;

const BASE: &str = "/v1.0/engagements/referrals";

pub fn routes() -> Router<Shared> {
    Router::new()
        .route(BASE, get(list))
        .route(&format!("{BASE}/{{id}}"), get(one).patch(patch))
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
        let session = session_of(&app, &headers).await?;
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
            .list_referrals(&session.user_id, &query)
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
        let session = session_of(&app, &headers).await?;
        let referral = app
            .engine
            .referral_for(&session.user_id, &id)
            .await
            .map_err(problem_of_sync)?
            .ok_or_else(not_found)?;
        Ok::<_, Problem>(with_etag(Json(&referral).into_response(), &referral.e_tag))
    };
    run.await.unwrap_or_else(IntoResponse::into_response)
}

async fn patch(
    State(app): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Result<Body_<Vec<PatchOp>>, Problem>,
) -> Response {
    let run = async {
        let session = session_of(&app, &headers).await?;
        check_csrf(&headers, &session)?;
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
        let request_id = headers
            .get("ms-requestid")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let locale = language(&headers).unwrap_or(Locale::En);
        let outcome = app
            .engine
            .patch_referral(
                &session.user_id,
                &id,
                &if_match,
                &ops,
                request_id.as_deref(),
                locale,
            )
            .await
            .map_err(problem_of_sync)?;
        Ok::<_, Problem>(match outcome {
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
            ApiOutcome::BadPatch(why) => {
                Problem::new(StatusCode::BAD_REQUEST, "invalidPatch", why).into_response()
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
        })
    };
    run.await.unwrap_or_else(IntoResponse::into_response)
}
