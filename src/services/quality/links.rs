//! Signed, expiring approval links (the ones WhatsApp will send): the proof id and an
//! expiry, signed with HMAC-SHA256 under a key kept in the database.
use crate::db::e::app_secrets;
use crate::db::Db;
use crate::error::AppResult;
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use hmac::{Hmac, Mac};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use sha2::Sha256;

const KEY: &str = "proof_links";
pub const DEFAULT_DAYS: i64 = 14;

pub async fn secret(db: &Db) -> AppResult<Vec<u8>> {
    if let Some(s) = app_secrets::Entity::find_by_id(KEY.to_string()).one(&db.read).await? {
        return Ok(s.value.into_bytes());
    }
    let value = crate::auth::tokens::new_token();
    // Another instance may have created it meanwhile: whichever row exists wins.
    let _ = app_secrets::ActiveModel { name: Set(KEY.into()), value: Set(value) }.insert(&db.write).await;
    let s = app_secrets::Entity::find_by_id(KEY.to_string()).one(&db.write).await?;
    Ok(s.map(|s| s.value.into_bytes()).unwrap_or_default())
}

/// The same key, read (or created) inside the caller's transaction.
pub async fn secret_in<C: sea_orm::ConnectionTrait>(c: &C) -> AppResult<Vec<u8>> {
    use sea_orm::sea_query::OnConflict;
    if let Some(s) = app_secrets::Entity::find_by_id(KEY.to_string()).one(c).await? {
        return Ok(s.value.into_bytes());
    }
    let row = app_secrets::ActiveModel { name: Set(KEY.into()), value: Set(crate::auth::tokens::new_token()) };
    app_secrets::Entity::insert(row).on_conflict(OnConflict::column(app_secrets::Column::Name).do_nothing().to_owned()).exec_without_returning(c).await?;
    let s = app_secrets::Entity::find_by_id(KEY.to_string()).one(c).await?;
    Ok(s.map(|s| s.value.into_bytes()).unwrap_or_default())
}

/// What a link opens. Each kind signs its own text, so a proof link's signature never opens
/// an invoice with the same id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Proof(i32),
    Invoice(i32),
}

impl Subject {
    fn signed_text(self, exp: i64) -> String {
        match self {
            Subject::Proof(id) => format!("proof:{id}:{exp}"),
            Subject::Invoice(id) => format!("invoice:{id}:{exp}"),
        }
    }
}

fn mac(secret: &[u8], subject: Subject, exp: i64) -> Hmac<Sha256> {
    let mut m = <Hmac<Sha256> as Mac>::new_from_slice(secret).expect("HMAC takes any key length");
    m.update(subject.signed_text(exp).as_bytes());
    m
}

pub fn sign_for(secret: &[u8], subject: Subject, exp: i64) -> String {
    URL_SAFE_NO_PAD.encode(mac(secret, subject, exp).finalize().into_bytes())
}

pub fn sign(secret: &[u8], proof_id: i32, exp: i64) -> String {
    sign_for(secret, Subject::Proof(proof_id), exp)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkCheck {
    Valid,
    Expired,
    Forged,
}

/// Constant-time check of a link's signature, then of its expiry.
pub fn verify_for(secret: &[u8], subject: Subject, exp: i64, sig: &str, now: i64) -> LinkCheck {
    let Ok(bytes) = URL_SAFE_NO_PAD.decode(sig.trim()) else { return LinkCheck::Forged };
    if mac(secret, subject, exp).verify_slice(&bytes).is_err() {
        LinkCheck::Forged
    } else if now > exp {
        LinkCheck::Expired
    } else {
        LinkCheck::Valid
    }
}

pub fn verify(secret: &[u8], proof_id: i32, exp: i64, sig: &str, now: i64) -> LinkCheck {
    verify_for(secret, Subject::Proof(proof_id), exp, sig, now)
}

pub fn path(secret: &[u8], proof_id: i32, exp: i64) -> String {
    format!("/approve/{proof_id}?exp={exp}&sig={}", sign(secret, proof_id, exp))
}

/// The invoice PDF for someone without a session (WhatsApp fetches the document by link).
pub fn invoice_path(secret: &[u8], invoice_id: i32, exp: i64) -> String {
    format!("/invoices/{invoice_id}/pdf?exp={exp}&sig={}", sign_for(secret, Subject::Invoice(invoice_id), exp))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_links_verify_and_expire() {
        let key = b"test-key";
        let sig = sign(key, 7, 1000);
        assert_eq!(verify(key, 7, 1000, &sig, 999), LinkCheck::Valid);
        assert_eq!(verify(key, 7, 1000, &sig, 1001), LinkCheck::Expired);
        assert_eq!(verify(key, 8, 1000, &sig, 999), LinkCheck::Forged);
        assert_eq!(verify(key, 7, 2000, &sig, 999), LinkCheck::Forged);
        assert_eq!(verify(b"other", 7, 1000, &sig, 999), LinkCheck::Forged);
        assert_eq!(verify(key, 7, 1000, "not base64!", 999), LinkCheck::Forged);
        assert!(path(key, 7, 1000).starts_with("/approve/7?exp=1000&sig="));
    }

    #[test]
    fn a_proof_signature_does_not_open_the_invoice_with_the_same_id() {
        let key = b"test-key";
        let proof_sig = sign(key, 7, 1000);
        assert_eq!(verify_for(key, Subject::Invoice(7), 1000, &proof_sig, 999), LinkCheck::Forged);
        let inv = sign_for(key, Subject::Invoice(7), 1000);
        assert_eq!(verify_for(key, Subject::Invoice(7), 1000, &inv, 999), LinkCheck::Valid);
        assert_eq!(verify(key, 7, 1000, &inv, 999), LinkCheck::Forged);
        assert_eq!(invoice_path(key, 7, 1000), format!("/invoices/7/pdf?exp=1000&sig={inv}"));
    }
}
