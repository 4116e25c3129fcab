//! Resources (machines and people): capacity as working days and shifts, downtime.
use super::time::local_short;
use crate::db::e::{resource_downtime, resources, stages};
use crate::db::Db;
use crate::domain::scheduler::{Calendar, Shift};
use crate::domain::validate::FieldErrors;
use crate::dto::production::{ResourceInput, ResourceRow};
use crate::error::{AppError, AppResult};
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};


fn hm(s: &str) -> Result<u16, String> {
    let (h, m) = s.trim().split_once(':').ok_or_else(|| format!("Write times as HH:MM, not {s}"))?;
    let (h, m): (u16, u16) = (h.parse().map_err(|_| format!("Bad hour in {s}"))?, m.parse().map_err(|_| format!("Bad minute in {s}"))?);
    if h > 24 || m > 59 || (h == 24 && m > 0) {
        return Err(format!("{s} is not a time of day"));
    }
    Ok(h * 60 + m)
}

/// "09:30-13:30, 14:00-19:00" into shifts: each must end after it starts, none may overlap.
pub fn parse_shifts(s: &str) -> Result<Vec<Shift>, String> {
    let mut shifts = Vec::new();
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (a, b) = part.split_once('-').ok_or_else(|| format!("Write shifts as 09:30-13:30, not {part}"))?;
        let (start, end) = (hm(a)?, hm(b)?);
        if end <= start {
            return Err(format!("The shift {part} ends before it starts"));
        }
        shifts.push(Shift { start, end });
    }
    if shifts.is_empty() {
        return Err("Give at least one shift, e.g. 09:30-18:30".into());
    }
    shifts.sort_by_key(|s| s.start);
    if shifts.windows(2).any(|w| w[1].start < w[0].end) {
        return Err("Shifts overlap".into());
    }
    Ok(shifts)
}

pub fn shifts_text(shifts: &[Shift]) -> String {
    shifts.iter().map(|s| format!("{:02}:{:02}-{:02}:{:02}", s.start / 60, s.start % 60, s.end / 60, s.end % 60)).collect::<Vec<_>>().join(", ")
}

pub async fn list(db: &Db, tz: Tz) -> AppResult<Vec<ResourceRow>> {
    let down = resource_downtime::Entity::find()
        .filter(resource_downtime::Column::EndsAt.gte(crate::clock::now()))
        .order_by_asc(resource_downtime::Column::StartsAt)
        .all(&db.read)
        .await?;
    Ok(resources::Entity::find()
        .order_by_asc(resources::Column::Name)
        .all(&db.read)
        .await?
        .into_iter()
        .map(|r| {
            let cal: Calendar = serde_json::from_str(&r.calendar_json).unwrap_or_else(|_| super::setup::shop_calendar());
            ResourceRow {
                id: r.id,
                downtime: down
                    .iter()
                    .filter(|d| d.resource_id == r.id)
                    .map(|d| (local_short(d.starts_at, tz), local_short(d.ends_at, tz), d.reason.clone()))
                    .collect(),
                input: ResourceInput {
                    name: r.name,
                    kind: r.kind,
                    is_person: r.is_person,
                    stage_codes: r.stage_codes.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect(),
                    days: cal.days,
                    shifts: shifts_text(&cal.shifts),
                    active: r.active,
                },
            }
        })
        .collect())
}

pub async fn save(db: &Db, actor: &crate::services::Actor, id: Option<i32>, input: &ResourceInput) -> AppResult<i32> {
    let mut e = FieldErrors::new();
    e.required("name", &input.name, 80);
    if crate::domain::floor::ResourceKind::parse(&input.kind).is_none() {
        e.add("kind", "Choose a resource type");
    }
    let shifts = parse_shifts(&input.shifts).unwrap_or_else(|m| {
        e.add("shifts", m);
        vec![]
    });
    if !input.days.iter().any(|d| *d) {
        e.add("days", "Choose at least one working day");
    }
    let known: Vec<String> = stages::Entity::find().all(&db.read).await?.into_iter().map(|s| s.code).collect();
    if input.stage_codes.is_empty() {
        e.add("stage_codes", "Choose the stages this resource can do");
    } else if let Some(bad) = input.stage_codes.iter().find(|c| !known.contains(c)) {
        e.add("stage_codes", format!("Unknown stage {bad}"));
    }
    e.into_result()?;
    let txn = db.write.begin().await?;
    let mut cal = Calendar { days: input.days, shifts, downtime: vec![], overtime: vec![] };
    let mut am = match id {
        Some(id) => {
            let r = resources::Entity::find_by_id(id).one(&txn).await?.ok_or(AppError::not_found("Resource"))?;
            // Overtime already granted stays when the weekly pattern changes.
            if let Ok(old) = serde_json::from_str::<Calendar>(&r.calendar_json) {
                cal.overtime = old.overtime;
            }
            r.into()
        }
        None => resources::ActiveModel { created_at: Set(crate::clock::now()), user_id: Set(None), ..Default::default() },
    };
    am.name = Set(input.name.trim().to_string());
    am.kind = Set(input.kind.clone());
    am.is_person = Set(input.is_person);
    am.stage_codes = Set(input.stage_codes.join(","));
    am.calendar_json = Set(serde_json::to_string(&cal).unwrap_or_default());
    am.active = Set(input.active);
    let saved = if id.is_some() { am.update(&txn).await? } else { am.insert(&txn).await? };
    crate::services::events::commit(db, txn, actor, vec![crate::domain::events::DomainEvent::FloorChanged { what: crate::domain::events::FloorChange::Resource }]).await?;
    Ok(saved.id)
}

fn parse_local(s: &str, tz: Tz) -> Option<DateTime<Utc>> {
    let ndt = NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%dT%H:%M").ok()?;
    tz.from_local_datetime(&ndt).earliest().map(|d| d.with_timezone(&Utc))
}

pub async fn add_downtime(db: &Db, actor: &crate::services::Actor, tz: Tz, resource_id: i32, starts: &str, ends: &str, reason: &str) -> AppResult<()> {
    let mut e = FieldErrors::new();
    let s = parse_local(starts, tz);
    let en = parse_local(ends, tz);
    if s.is_none() {
        e.add("starts", "Give a start date and time");
    }
    if en.is_none() {
        e.add("ends", "Give an end date and time");
    }
    if let (Some(a), Some(b)) = (s, en) {
        if b <= a {
            e.add("ends", "Downtime must end after it starts");
        }
        if (b - a).num_days() > 90 {
            e.add("ends", "At most 90 days at a time");
        }
    }
    e.required("reason", reason, 200);
    e.into_result()?;
    let txn = db.write.begin().await?;
    resources::Entity::find_by_id(resource_id).one(&txn).await?.ok_or(AppError::not_found("Resource"))?;
    resource_downtime::ActiveModel {
        resource_id: Set(resource_id),
        starts_at: Set(s.unwrap_or_default()),
        ends_at: Set(en.unwrap_or_default()),
        reason: Set(reason.trim().to_string()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    crate::services::events::commit(db, txn, actor, vec![crate::domain::events::DomainEvent::FloorChanged { what: crate::domain::events::FloorChange::Downtime }]).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifts_parse_and_refuse_nonsense() {
        let s = parse_shifts("14:00-19:00, 09:30-13:30").unwrap();
        assert_eq!(s[0], Shift { start: 570, end: 810 });
        assert_eq!(shifts_text(&s), "09:30-13:30, 14:00-19:00");
        assert!(parse_shifts("19:00-09:00").unwrap_err().contains("ends before"));
        assert!(parse_shifts("09:00-13:00, 12:00-18:00").unwrap_err().contains("overlap"));
        assert!(parse_shifts("").is_err());
        assert!(parse_shifts("9-5").is_err());
        assert!(parse_shifts("25:00-26:00").is_err());
    }
}
