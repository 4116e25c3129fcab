//! Demo staff accounts, one per role.
use super::{DemoLogin, DEMO_PASSWORD};
use crate::db::{e::users, Db};
use crate::domain::roles::Role;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

pub const STAFF: &[(&str, &str, Role)] = &[
    ("owner@pressdesk.test", "Asha Sharma", Role::Owner),
    ("manager@pressdesk.test", "Rohit Kulkarni", Role::Manager),
    ("designer@pressdesk.test", "Meera Joshi", Role::Designer),
    ("operator@pressdesk.test", "Sanjay Pawar", Role::Operator),
    ("frontdesk@pressdesk.test", "Priya Deshmukh", Role::FrontDesk),
];

pub async fn ensure(db: &Db) -> Result<Vec<DemoLogin>, sea_orm::DbErr> {
    // One hash for all: argon2 is deliberately slow.
    let hash = crate::auth::password::hash(DEMO_PASSWORD).map_err(sea_orm::DbErr::Custom)?;
    let mut out = Vec::new();
    for (email, name, role) in STAFF {
        let exists = users::Entity::find().filter(users::Column::Email.eq(*email)).one(&db.write).await?.is_some();
        if !exists {
            users::ActiveModel {
                email: Set(email.to_string()),
                name: Set(name.to_string()),
                role: Set(role.as_str().into()),
                password_hash: Set(hash.clone()),
                active: Set(true),
                created_at: Set(crate::clock::now()),
                ..Default::default()
            }
            .insert(&db.write)
            .await?;
        }
        out.push(DemoLogin { email: email.to_string(), role: role.label().to_string() });
    }
    Ok(out)
}
