//! WhatsApp contacts: one per WhatsApp user, found by phone (wa_id) or by the business-scoped
//! user id (BSUID) Meta sends for users with a username and perhaps no phone number, and tied
//! to the customer with that phone.
use crate::db::e::{customers, wa_contacts};
use crate::domain::whatsapp::message::Recipient;
use crate::error::AppResult;
use sea_orm::sea_query::{Condition, OnConflict};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// The contact key: by phone when known, else by BSUID. The same as the outbox lane of the
/// contact's messages (`domain::whatsapp::outbox::lane`), which campaigns and the worker rely on.
pub fn key(wa_id: &str, user_id: &str) -> String {
    let to = if !wa_id.is_empty() { Recipient::Phone(wa_id.into()) } else { Recipient::UserId(user_id.into()) };
    crate::domain::whatsapp::outbox::lane(&to)
}

/// Where a reply to the contact goes.
pub fn address(c: &wa_contacts::Model) -> Recipient {
    if !c.wa_id.is_empty() {
        Recipient::Phone(c.wa_id.clone())
    } else {
        Recipient::UserId(c.user_id.clone())
    }
}

async fn customer_for_phone<C: ConnectionTrait>(c: &C, wa_id: &str) -> AppResult<Option<i32>> {
    if wa_id.is_empty() {
        return Ok(None);
    }
    let found = customers::Entity::find().filter(customers::Column::Phone.eq(format!("+{wa_id}"))).one(c).await?;
    Ok(found.map(|x| x.id))
}

/// The contact of this user, created on first contact; ids learnt later are filled in.
pub async fn find_or_create<C: ConnectionTrait>(c: &C, wa_id: &str, user_id: &str, name: &str) -> AppResult<wa_contacts::Model> {
    let mut any = Condition::any();
    if !wa_id.is_empty() {
        any = any.add(wa_contacts::Column::WaId.eq(wa_id));
    }
    if !user_id.is_empty() {
        any = any.add(wa_contacts::Column::UserId.eq(user_id));
    }
    let now = crate::clock::now();
    if let Some(found) = wa_contacts::Entity::find().filter(any.clone()).one(c).await? {
        let fill_wa = found.wa_id.is_empty() && !wa_id.is_empty();
        let fill_user = found.user_id.is_empty() && !user_id.is_empty();
        let fill_name = !name.is_empty() && found.name != name;
        let fill_customer = found.customer_id.is_none() && fill_wa;
        if !(fill_wa || fill_user || fill_name) {
            return Ok(found);
        }
        let customer = if fill_customer { customer_for_phone(c, wa_id).await? } else { found.customer_id };
        let mut a: wa_contacts::ActiveModel = found.into();
        if fill_wa {
            a.wa_id = Set(wa_id.into());
        }
        if fill_user {
            a.user_id = Set(user_id.into());
        }
        if fill_name {
            a.name = Set(name.into());
        }
        a.customer_id = Set(customer);
        a.updated_at = Set(now);
        return Ok(a.update(c).await?);
    }
    let row = wa_contacts::ActiveModel {
        key: Set(key(wa_id, user_id)),
        wa_id: Set(wa_id.into()),
        user_id: Set(user_id.into()),
        name: Set(name.into()),
        customer_id: Set(customer_for_phone(c, wa_id).await?),
        last_inbound_at: Set(None),
        last_message_at: Set(None),
        last_text: Set(String::new()),
        unread: Set(0),
        assigned_to: Set(None),
        bot_muted: Set(false),
        marketing_stopped: Set(false),
        updated_at: Set(now),
        ..Default::default()
    };
    // Two instances meeting the same new user: one insert wins, both read it.
    wa_contacts::Entity::insert(row).on_conflict(OnConflict::column(wa_contacts::Column::Key).do_nothing().to_owned()).exec_without_returning(c).await?;
    let found = wa_contacts::Entity::find().filter(wa_contacts::Column::Key.eq(key(wa_id, user_id))).one(c).await?;
    found.ok_or_else(|| crate::error::AppError::Internal("contact vanished".into()))
}

/// The contact of a customer's phone (E.164), if they ever wrote or were written to.
pub async fn for_phone<C: ConnectionTrait>(c: &C, phone: &str) -> AppResult<Option<wa_contacts::Model>> {
    let digits: String = phone.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() {
        return Ok(None);
    }
    Ok(wa_contacts::Entity::find().filter(wa_contacts::Column::WaId.eq(digits)).one(c).await?)
}
