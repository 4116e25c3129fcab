//! Live updates between boards. A move is published after its transaction commits; every
//! open board (server-sent events) hears it within a second. On PostgreSQL the event goes
//! through NOTIFY so boards served by other app instances hear it too; each instance's
//! LISTEN task feeds its local subscribers.
use crate::dto::production::BoardEvent;
use crate::state::AppState;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures::stream::Stream;
use sea_orm::{ConnectionTrait, Statement};
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::{broadcast, mpsc};

pub const CHANNEL: &str = "pressdesk_board";

#[derive(Clone)]
pub struct Bus {
    tx: broadcast::Sender<BoardEvent>,
    replan: mpsc::UnboundedSender<()>,
    replan_rx: std::sync::Arc<std::sync::Mutex<Option<mpsc::UnboundedReceiver<()>>>>,
}

impl Default for Bus {
    fn default() -> Self {
        let (tx, _) = broadcast::channel(1024);
        let (replan, rx) = mpsc::unbounded_channel();
        Bus { tx, replan, replan_rx: std::sync::Arc::new(std::sync::Mutex::new(Some(rx))) }
    }
}

impl Bus {
    pub fn subscribe(&self) -> broadcast::Receiver<BoardEvent> {
        self.tx.subscribe()
    }

    /// Tells every board about a change (after the change committed).
    pub async fn publish(&self, state: &AppState, ev: BoardEvent) {
        if state.db.is_postgres() {
            let payload = serde_json::to_string(&ev).unwrap_or_default();
            let stmt = Statement::from_sql_and_values(
                sea_orm::DbBackend::Postgres,
                "SELECT pg_notify($1, $2)",
                [CHANNEL.into(), payload.into()],
            );
            if let Err(e) = state.db.write.execute(stmt).await {
                tracing::warn!(error = %e, "pg_notify failed; publishing locally");
                let _ = self.tx.send(ev);
            }
        } else {
            let _ = self.tx.send(ev);
        }
        let _ = self.replan.send(());
    }

    /// Asks for a re-plan soon (coalesced).
    pub fn request_replan(&self) {
        let _ = self.replan.send(());
    }

    /// Background tasks: the PostgreSQL listener and the debounced re-planner.
    pub fn start(&self, state: AppState) {
        if let Some(url) = state.db.pg_url.clone() {
            let tx = self.tx.clone();
            tokio::spawn(async move { listen(url, tx).await });
        }
        let rx = self.replan_rx.lock().ok().and_then(|mut g| g.take());
        if let Some(mut rx) = rx {
            tokio::spawn(async move {
                while rx.recv().await.is_some() {
                    // Coalesce bursts of moves into one plan.
                    tokio::time::sleep(Duration::from_millis(400)).await;
                    while rx.try_recv().is_ok() {}
                    let tz = state.config.timezone();
                    if let Err(e) = crate::services::production::plan::replan(&state.db, tz).await {
                        tracing::warn!(error = %e, "re-plan failed");
                    }
                }
            });
            self.request_replan();
        }
    }
}

async fn listen(url: String, tx: broadcast::Sender<BoardEvent>) {
    loop {
        match sqlx::postgres::PgListener::connect(&url).await {
            Ok(mut l) => {
                if let Err(e) = l.listen(CHANNEL).await {
                    tracing::warn!(error = %e, "LISTEN failed");
                } else {
                    while let Ok(n) = l.recv().await {
                        if let Ok(ev) = serde_json::from_str::<BoardEvent>(n.payload()) {
                            let _ = tx.send(ev);
                        }
                    }
                }
            }
            Err(e) => tracing::warn!(error = %e, "cannot connect the board listener"),
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
}

/// GET /production/events: the board's live feed (staff only).
pub async fn board_events(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match crate::auth::context::staff_from_headers(&state.db, &headers).await {
        Ok(Some(_)) => {}
        _ => return (http::StatusCode::UNAUTHORIZED, "Please sign in").into_response(),
    }
    let rx = state.bus.subscribe();
    Sse::new(event_stream(rx)).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))).into_response()
}

fn event_stream(rx: broadcast::Receiver<BoardEvent>) -> impl Stream<Item = Result<Event, Infallible>> {
    futures::stream::unfold(rx, |mut rx| async move {
        loop {
            match rx.recv().await {
                Ok(ev) => {
                    let data = serde_json::to_string(&ev).unwrap_or_default();
                    return Some((Ok(Event::default().event("move").data(data)), rx));
                }
                // A slow board missed some events: tell it to reload everything.
                Err(broadcast::error::RecvError::Lagged(_)) => {
                    return Some((Ok(Event::default().event("reload").data("{}")), rx));
                }
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    })
}
