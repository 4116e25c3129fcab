//! GET /production/events: the board's live feed (server-sent events). Each message names
//! the cards to read again; its SSE id is the domain event's id, so a browser that
//! reconnects (Last-Event-ID) is sent what it missed from the events table.
use crate::dto::production::BoardEvent;
use crate::state::AppState;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures::stream::{self, Stream, StreamExt};
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::broadcast;

pub async fn board_events(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match crate::auth::context::staff_from_headers(&state.db, &headers).await {
        Ok(Some(_)) => {}
        _ => return (http::StatusCode::UNAUTHORIZED, "Please sign in").into_response(),
    }
    // Subscribe before reading the backlog, so nothing falls between the two.
    let rx = state.events.subscribe_feed();
    let last_seen = headers.get("last-event-id").and_then(|v| v.to_str().ok()).and_then(|v| v.trim().parse::<i64>().ok());
    let backlog = match last_seen {
        Some(after) => crate::services::events::feed::replay(&state.db.read, after).await.unwrap_or_else(|e| {
            tracing::warn!(error = %e, "board replay failed; asking for a reload");
            vec![BoardEvent { id: after, jobs: vec![], reload: true, by: String::new() }]
        }),
        None => Vec::new(),
    };
    let high = backlog.last().map(|b| b.id).or(last_seen).unwrap_or(0);
    let first = stream::iter(backlog.into_iter().map(|b| Ok(message(&b))));
    Sse::new(first.chain(live(rx, high))).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))).into_response()
}

fn message(b: &BoardEvent) -> Event {
    let data = serde_json::to_string(b).unwrap_or_default();
    Event::default().event(if b.reload { "reload" } else { "move" }).id(b.id.to_string()).data(data)
}

/// Live messages, skipping any the backlog already sent.
fn live(rx: broadcast::Receiver<BoardEvent>, after: i64) -> impl Stream<Item = Result<Event, Infallible>> {
    stream::unfold(rx, move |mut rx| async move {
        loop {
            match rx.recv().await {
                Ok(ev) if ev.id <= after => continue,
                Ok(ev) => return Some((Ok(message(&ev)), rx)),
                // A slow board missed some messages: it reads everything again.
                Err(broadcast::error::RecvError::Lagged(_)) => {
                    return Some((Ok(Event::default().event("reload").data("{}")), rx));
                }
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    })
}
