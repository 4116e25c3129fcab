//! Ratings: 1 to 5 stars and a comment per delivered order, changeable for 7 days. A low
//! rating opens a follow-up on the staff dashboard.
use crate::db::e::{follow_ups, ratings};
use crate::db::Db;
use crate::domain::order::OrderStatus;
use crate::domain::portal::{may_rate, LOW_RATING};
use crate::error::{AppError, AppResult};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, TransactionTrait};

pub async fn rate(db: &Db, customer_id: i32, order_id: i32, stars: i32, comment: &str) -> AppResult<()> {
    if !(1..=5).contains(&stars) {
        return Err(AppError::field("stars", "Choose 1 to 5 stars"));
    }
    if comment.chars().count() > 1000 {
        return Err(AppError::field("comment", "At most 1000 characters"));
    }
    let order = super::orders::own(db, customer_id, order_id).await?;
    let status = OrderStatus::parse(&order.status).unwrap_or(OrderStatus::Confirmed);
    let txn = db.write.begin().await?;
    let existing = ratings::Entity::find().filter(ratings::Column::OrderId.eq(order_id)).one(&txn).await?;
    may_rate(status, existing.as_ref().map(|r| r.created_at), crate::clock::now()).map_err(|m| AppError::Rejected(m.into()))?;
    let now = crate::clock::now();
    match existing {
        Some(r) => {
            let mut am: ratings::ActiveModel = r.into();
            am.stars = Set(stars);
            am.comment = Set(comment.trim().into());
            am.updated_at = Set(now);
            am.update(&txn).await?;
        }
        None => {
            ratings::ActiveModel {
                order_id: Set(order_id),
                customer_id: Set(customer_id),
                stars: Set(stars),
                comment: Set(comment.trim().into()),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    let open = follow_ups::Entity::find()
        .filter(follow_ups::Column::OrderId.eq(order_id))
        .filter(follow_ups::Column::Kind.eq("low_rating"))
        .filter(follow_ups::Column::Status.eq("open"))
        .one(&txn)
        .await?;
    if stars <= LOW_RATING && open.is_none() {
        follow_ups::ActiveModel {
            kind: Set("low_rating".into()),
            order_id: Set(order_id),
            customer_id: Set(customer_id),
            note: Set(format!("{stars} star(s): {}", comment.trim())),
            status: Set("open".into()),
            created_at: Set(now),
            closed_at: Set(None),
            closed_by: Set(String::new()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    } else if stars > LOW_RATING {
        // The customer changed their mind upwards: the call-back is no longer needed.
        follow_ups::Entity::update_many()
            .col_expr(follow_ups::Column::Status, Expr::value("done"))
            .col_expr(follow_ups::Column::ClosedAt, Expr::value(Some(now)))
            .col_expr(follow_ups::Column::ClosedBy, Expr::value("rating raised by the customer"))
            .filter(follow_ups::Column::OrderId.eq(order_id))
            .filter(follow_ups::Column::Status.eq("open"))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(())
}
