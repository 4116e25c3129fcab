//! `pressdesk bench`: the speed figures of `make bench`, printed as `bench: NAME VALUE UNIT`.
//! Each figure runs on its own fresh SQLite database under a temporary directory, so the
//! shop's own database is never touched.
use super::startup::BoxError;
use crate::domain::floor::JobState;
use crate::domain::scheduler::{bench_input, schedule};
use crate::services::production::moves;
use crate::services::Actor;
use crate::state::AppState;
use std::time::Instant;

fn p50(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

pub async fn run(state: &AppState, which: &str) -> Result<(), BoxError> {
    if matches!(which, "scheduler" | "all") {
        scheduler();
    }
    if matches!(which, "whatsapp" | "all") {
        super::bench_whatsapp::run(state).await?;
    }
    if matches!(which, "board" | "move" | "all") {
        let dir = std::env::temp_dir().join(format!("pressdesk-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        let url = format!("sqlite://{}/bench.db", dir.display());
        let db = crate::db::connect(&url).await?;
        crate::db::migrate(&db).await?;
        let bench_state = AppState::new(state.leptos_options.clone(), db, state.config.clone());
        let result = boards(&bench_state, which).await;
        let _ = std::fs::remove_dir_all(&dir);
        result?;
    }
    Ok(())
}

/// 10,000 open stage tasks (2,000 jobs x 5) over 25 resources, with local improvement.
fn scheduler() {
    let input = bench_input(2000, 5, 25, 1);
    let tasks: usize = input.jobs.iter().map(|j| j.tasks.len()).sum();
    let _ = schedule(&input); // warm-up
    let runs: Vec<f64> = (0..7)
        .map(|_| {
            let t = Instant::now();
            let plan = schedule(&input);
            std::hint::black_box(plan);
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    eprintln!("scheduler: {tasks} tasks, 25 resources");
    println!("bench: scheduler_10k_ms {:.1} ms", p50(runs));
}

/// A shop with 2,000 open jobs: the board page rendered by the server, and card moves.
async fn boards(state: &AppState, which: &str) -> Result<(), BoxError> {
    let shop = state.config.shop.clone();
    let opts = crate::seed::SeedOptions { customers: 300, orders: 1500, months: 2, seed: 7 };
    crate::seed::run(&state.db, &shop, &opts, false).await?;
    crate::services::production::setup::ensure_defaults(&state.db).await.map_err(|e| e.to_string())?;
    // Top up with confirmed orders until 2,000 jobs are open.
    let open = |db: crate::db::Db| async move {
        use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
        crate::db::e::jobs::Entity::find().filter(crate::db::e::jobs::Column::State.eq(JobState::Active.as_str())).count(&db.read).await
    };
    let customer = {
        use sea_orm::EntityTrait;
        crate::db::e::customers::Entity::find().one(&state.db.read).await?.map(|c| c.id).unwrap_or(1)
    };
    let products = crate::services::products::list(&state.db, true).await.map_err(|e| e.to_string())?;
    let today = state.config.today();
    let mut n = 0usize;
    while open(state.db.clone()).await? < 2000 {
        let p = &products[n % products.len()];
        let input = crate::dto::orders::OrderInput {
            customer_id: customer,
            channel: crate::domain::order::Channel::Phone,
            priority: crate::domain::order::Priority::Normal,
            due_date: (today + chrono::Duration::days(3 + (n % 10) as i64)).format("%Y-%m-%d").to_string(),
            notes: String::new(),
            draft: false,
            lines: vec![crate::dto::orders::LineDraft {
                product_id: p.id,
                options: p.price_config().default_options(),
                quantity: p.input.min_qty.max(1) * 2,
                unit_price: None,
                discount: crate::domain::Money::ZERO,
                description: String::new(),
            }],
        };
        crate::services::orders::create(&state.db, &Actor::System, &shop, today, &input).await.map_err(|e| e.to_string())?;
        n += 1;
    }
    use crate::services::production::board;
    let t = Instant::now();
    let all = board::load(&state.db, today, None).await.map_err(|e| e.to_string())?;
    let all_ms = t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    let page = board::load(&state.db, today, Some(board::WINDOW)).await.map_err(|e| e.to_string())?;
    eprintln!(
        "board: {} cards on the board; the page's {} (first {} a column) load in {:.1} ms, all of them in {all_ms:.1} ms",
        all.cards.len(),
        page.cards.len(),
        board::WINDOW,
        t.elapsed().as_secs_f64() * 1000.0
    );
    if matches!(which, "board" | "all") {
        board_ssr(state).await?;
    }
    if matches!(which, "move" | "all") {
        card_moves(state).await?;
        event_to_board(state).await?;
    }
    Ok(())
}

/// From a committed move to its message in another board's feed (what the SSE stream
/// forwards), through the dispatcher as the server runs it.
async fn event_to_board(state: &AppState) -> Result<(), BoxError> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    state.events.start().await.map_err(|e| e.to_string())?;
    let mut feed = state.events.subscribe_feed();
    let list = crate::db::e::jobs::Entity::find().filter(crate::db::e::jobs::Column::State.eq(JobState::Active.as_str())).all(&state.db.read).await?;
    let mut times = Vec::new();
    for job in list.iter().take(100) {
        // There and back within its own column: always legal, never gated.
        let req = moves::MoveRequest { job_id: job.id, to_stage: job.stage_id, index: 0, version: job.version, override_reason: None };
        moves::move_job(&state.db, &Actor::System, &req).await.map_err(|e| e.to_string())?;
        let committed = Instant::now();
        let arrived = tokio::time::timeout(std::time::Duration::from_secs(5), async {
            loop {
                match feed.recv().await {
                    Ok(ev) if ev.jobs.contains(&job.id) => return Ok(()),
                    Ok(_) => continue,
                    Err(e) => return Err(e.to_string()),
                }
            }
        })
        .await;
        match arrived {
            Ok(Ok(())) => times.push(committed.elapsed().as_secs_f64() * 1000.0),
            other => return Err(format!("a move never reached the board feed: {other:?}").into()),
        }
    }
    println!("bench: event_to_board_p50_ms {:.2} ms", p50(times));
    Ok(())
}

/// Renders GET /production through the real router with a signed-in session.
async fn board_ssr(state: &AppState) -> Result<(), BoxError> {
    use tower::ServiceExt;
    let users = crate::seed::demo_users(&state.db).await?;
    let user = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        crate::db::e::users::Entity::find()
            .filter(crate::db::e::users::Column::Email.eq(users[0].email.clone()))
            .one(&state.db.read)
            .await?
            .ok_or("no demo user")?
    };
    let token = crate::auth::session::create(&state.db.write, crate::auth::session::Kind::Staff, user.id, "127.0.0.1", "bench", 1).await?;
    let app = super::router::router(state.clone());
    let mut times = Vec::new();
    let mut bytes = 0;
    for i in 0..40 {
        let req = http::Request::builder()
            .uri("/production")
            .header("host", "127.0.0.1:3000")
            .header("cookie", format!("pd_staff={token}"))
            .body(axum::body::Body::empty())?;
        let t = Instant::now();
        let res = app.clone().oneshot(req).await?;
        let status = res.status();
        let body = axum::body::to_bytes(res.into_body(), usize::MAX).await?;
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        if !status.is_success() {
            return Err(format!("board page answered {status}").into());
        }
        bytes = body.len();
        if i >= 5 {
            times.push(ms);
        }
    }
    eprintln!("board page: {} KB of HTML", bytes / 1024);
    println!("bench: board_ssr_2k_p50_ms {:.1} ms", p50(times));
    Ok(())
}

/// Moves cards forward and back again, as the board's server function does.
async fn card_moves(state: &AppState) -> Result<(), BoxError> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let list = crate::db::e::jobs::Entity::find()
        .filter(crate::db::e::jobs::Column::State.eq(JobState::Active.as_str()))
        .order_by_asc(crate::db::e::jobs::Column::Id)
        .all(&state.db.read)
        .await?;
    let actor = Actor::System;
    let mut times = Vec::new();
    for job in list.iter().take(200) {
        let steps = crate::db::e::job_stages::Entity::find()
            .filter(crate::db::e::job_stages::Column::JobId.eq(job.id))
            .order_by_asc(crate::db::e::job_stages::Column::Seq)
            .all(&state.db.read)
            .await?;
        let Some(cur) = steps.iter().position(|s| s.stage_id == job.stage_id) else { continue };
        // Not into the last stage (Delivered): a delivered job is closed and cannot come back.
        if cur + 2 >= steps.len() {
            continue;
        }
        let next = &steps[cur + 1];
        for (to, version) in [(next.stage_id, job.version), (job.stage_id, job.version + 1)] {
            let req = moves::MoveRequest { job_id: job.id, to_stage: to, index: 0, version, override_reason: None };
            let t = Instant::now();
            match moves::move_job(&state.db, &actor, &req).await {
                Ok(()) => times.push(t.elapsed().as_secs_f64() * 1000.0),
                // A quality gate (no approved proof yet) holds this job: measure the others.
                Err(crate::error::AppError::Gate(..)) => break,
                Err(e) => return Err(e.to_string().into()),
            }
        }
    }
    eprintln!("card moves: {} measured", times.len());
    println!("bench: card_move_p50_ms {:.2} ms", p50(times));
    Ok(())
}
