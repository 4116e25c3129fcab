//! The staff dashboard: what is due today, what is late, what is waiting for payment.
use crate::db::{e::*, Db};
use crate::domain::invoice::PaymentStatus;
use crate::domain::money::Money;
use crate::domain::order::OrderStatus;
use crate::dto::invoices::InvoiceFilter;
use crate::dto::orders::Dashboard;
use crate::error::AppResult;
use chrono::{Datelike, Duration, NaiveDate, TimeZone};
use sea_orm::sea_query::{Alias, Expr, Func, SimpleExpr};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

fn open_statuses() -> Vec<&'static str> {
    OrderStatus::ALL.iter().filter(|s| s.is_open() && **s != OrderStatus::Ready).map(|s| s.as_str()).collect()
}

/// SUM of a BIGINT money column as BIGINT: PostgreSQL's SUM(bigint) is NUMERIC, which
/// does not decode as i64.
fn sum_bigint(e: SimpleExpr) -> SimpleExpr {
    Func::cast_as(Func::sum(e), Alias::new("BIGINT")).into()
}

pub async fn load(db: &Db, today: NaiveDate, tz: chrono_tz::Tz) -> AppResult<Dashboard> {
    let c = &db.read;
    let open = orders::Entity::find().filter(orders::Column::Status.is_in(open_statuses()));
    let due_today_q = open.clone().filter(orders::Column::DueDate.eq(today));
    let late_q = open.clone().filter(orders::Column::DueDate.lt(today));
    let due_today_rows = due_today_q.clone().order_by_asc(orders::Column::Id).limit(20).all(c).await?;
    let late_rows = late_q.clone().order_by_asc(orders::Column::DueDate).limit(20).all(c).await?;
    let mut ids: Vec<i32> = due_today_rows.iter().chain(&late_rows).map(|o| o.customer_id).collect();
    ids.dedup();
    let names = super::orders::customer_names(c, ids).await?;
    let to_rows = |rows: &[orders::Model]| {
        rows.iter()
            .map(|o| super::orders::row(o, names.get(&o.customer_id).map(String::as_str).unwrap_or(""), today, tz))
            .collect::<Vec<_>>()
    };
    let receivable: Option<i64> = invoices::Entity::find()
        .select_only()
        .column_as(sum_bigint(Expr::col(invoices::Column::Total).sub(Expr::col(invoices::Column::AmountPaid))), "due")
        .filter(invoices::Column::Status.is_not_in([PaymentStatus::Paid.as_str(), PaymentStatus::Credited.as_str()]))
        .into_tuple::<Option<i64>>()
        .one(c)
        .await?
        .flatten();
    let month_start = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
    let month_revenue: Option<i64> = invoices::Entity::find()
        .select_only()
        .column_as(sum_bigint(Expr::col(invoices::Column::Total).into()), "rev")
        .filter(invoices::Column::IssueDate.gte(month_start))
        .into_tuple::<Option<i64>>()
        .one(c)
        .await?
        .flatten();
    let awaiting = super::invoices::list(db, &InvoiceFilter { status: "due".into(), page: 1, per_page: 10, ..Default::default() }, today).await?;
    // Orders per local day over two weeks: one query, bucketed here.
    let from_day = today - Duration::days(13);
    let from_utc = tz
        .from_local_datetime(&from_day.and_hms_opt(0, 0, 0).unwrap_or_default())
        .earliest()
        .map(|d| d.with_timezone(&chrono::Utc))
        .unwrap_or_else(chrono::Utc::now);
    let created: Vec<chrono::DateTime<chrono::Utc>> = orders::Entity::find()
        .select_only()
        .column(orders::Column::CreatedAt)
        .filter(orders::Column::CreatedAt.gte(from_utc))
        .into_tuple()
        .all(c)
        .await?;
    let mut daily: Vec<(String, u64)> = (0..14).map(|i| ((from_day + Duration::days(i)).format("%d %b").to_string(), 0)).collect();
    for ts in created {
        let d = ts.with_timezone(&tz).date_naive();
        let idx = (d - from_day).num_days();
        if (0..14).contains(&idx) {
            daily[idx as usize].1 += 1;
        }
    }
    Ok(Dashboard {
        due_today_count: due_today_q.count(c).await?,
        late_count: late_q.count(c).await?,
        // Same statuses as the order list's "open" filter the stat links to (Ready included).
        open_orders: orders::Entity::find()
            .filter(orders::Column::Status.is_in(OrderStatus::ALL.iter().filter(|s| s.is_open()).map(|s| s.as_str()).collect::<Vec<_>>()))
            .count(c)
            .await?,
        due_today: to_rows(&due_today_rows),
        late: to_rows(&late_rows),
        awaiting_payment: awaiting.items,
        receivable: Money(receivable.unwrap_or(0)),
        month_revenue: Money(month_revenue.unwrap_or(0)),
        daily_orders: daily,
    })
}
