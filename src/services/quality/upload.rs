//! Uploaded files (proofs, checklist photos): checked by their content, never by their
//! name; images decoded (a corrupt file is refused) and given a thumbnail; stored by hash.
use crate::db::e::files;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::storage::Storage;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};

pub const MAX_BYTES: usize = 25 * 1024 * 1024;
pub const THUMB_PX: u32 = 640;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub mime: &'static str,
    pub width: u32,
    pub height: u32,
}

/// The display name of an upload. Folders, `..` and control characters are refused rather
/// than cleaned, so what the uploader sees is what is stored.
pub fn check_name(name: &str) -> Result<String, String> {
    let n = name.trim();
    if n.is_empty() {
        return Err("The file has no name".into());
    }
    if n.contains('/') || n.contains('\\') || n.contains("..") || n.chars().any(|c| c.is_control()) {
        return Err("The file name may not contain folders, \"..\" or control characters".into());
    }
    if n.chars().count() > 150 {
        return Err("The file name is longer than 150 characters".into());
    }
    Ok(n.to_string())
}

/// Size, type by content (PDF, PNG or JPEG) and integrity.
pub fn check_file(bytes: &[u8], allow_pdf: bool) -> Result<Checked, String> {
    if bytes.is_empty() {
        return Err("The file is empty".into());
    }
    if bytes.len() > MAX_BYTES {
        return Err(format!("The file is {:.1} MB; the limit is 25 MB", bytes.len() as f64 / 1_048_576.0));
    }
    let kind = infer::get(bytes).map(|k| k.mime_type());
    match kind {
        Some("application/pdf") if allow_pdf => {
            let doc = printpdf::lopdf::Document::load_mem(bytes).map_err(|_| "The PDF is damaged or incomplete".to_string())?;
            if doc.get_pages().is_empty() {
                return Err("The PDF has no pages".into());
            }
            Ok(Checked { mime: "application/pdf", width: 0, height: 0 })
        }
        Some(m @ ("image/png" | "image/jpeg")) => {
            let format = if m == "image/png" { image::ImageFormat::Png } else { image::ImageFormat::Jpeg };
            let img = image::load_from_memory_with_format(bytes, format).map_err(|_| "The image is damaged or incomplete".to_string())?;
            Ok(Checked { mime: if m == "image/png" { "image/png" } else { "image/jpeg" }, width: img.width(), height: img.height() })
        }
        _ if allow_pdf => Err("Only PDF, PNG or JPEG files can be uploaded (this file's content is something else)".into()),
        _ => Err("Only PNG or JPEG photos can be uploaded".into()),
    }
}

fn image_thumbnail(bytes: &[u8]) -> Option<Vec<u8>> {
    let img = image::load_from_memory(bytes).ok()?;
    let thumb = img.thumbnail(THUMB_PX, THUMB_PX).to_rgb8();
    let mut out = std::io::Cursor::new(Vec::new());
    thumb.write_to(&mut out, image::ImageFormat::Jpeg).ok()?;
    Some(out.into_inner())
}

/// First page of a PDF as PNG, when poppler's pdftoppm is installed; otherwise the proof
/// is shown as a PDF link.
async fn pdf_thumbnail(bytes: &[u8]) -> Option<Vec<u8>> {
    let dir = std::env::temp_dir().join(format!("pd-thumb-{}-{}", std::process::id(), crate::auth::tokens::new_token()));
    std::fs::create_dir_all(&dir).ok()?;
    let input = dir.join("in.pdf");
    std::fs::write(&input, bytes).ok()?;
    let out = dir.join("page");
    let status = tokio::process::Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", "-scale-to", "640"])
        .arg(&input)
        .arg(&out)
        .status()
        .await
        .ok();
    let png = if status.is_some_and(|s| s.success()) { std::fs::read(dir.join("page.png")).ok() } else { None };
    let _ = std::fs::remove_dir_all(&dir);
    png
}

/// Checks and stores a file, its thumbnail and its index row. Returns (hash, mime, size,
/// thumbnail hash).
pub async fn store(db: &Db, storage: &dyn Storage, bytes: &[u8], allow_pdf: bool) -> AppResult<(String, &'static str, i64, Option<String>)> {
    let checked = check_file(bytes, allow_pdf).map_err(|m| AppError::field("file", &m))?;
    let thumb = if checked.mime == "application/pdf" { pdf_thumbnail(bytes).await } else { image_thumbnail(bytes) };
    let io = |e: std::io::Error| AppError::Internal(format!("storage: {e}"));
    let hash = storage.put(bytes).map_err(io)?;
    let thumb_hash = match thumb {
        Some(t) => Some(storage.put(&t).map_err(io)?),
        None => None,
    };
    if files::Entity::find_by_id(hash.clone()).one(&db.read).await?.is_none() {
        let row = files::ActiveModel {
            hash: Set(hash.clone()),
            mime: Set(checked.mime.into()),
            size: Set(bytes.len() as i64),
            width: Set(checked.width as i32),
            height: Set(checked.height as i32),
            thumb_hash: Set(thumb_hash.clone()),
            created_at: Set(crate::clock::now()),
        };
        // Two uploads of the same bytes at once: the second insert is harmless to lose.
        let _ = row.insert(&db.write).await;
    }
    Ok((hash, checked.mime, bytes.len() as i64, thumb_hash))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png() -> Vec<u8> {
        let img = image::RgbImage::from_pixel(8, 6, image::Rgb([200, 30, 30]));
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn names_with_path_tricks_are_refused() {
        assert!(check_name("proof v2.pdf").is_ok());
        assert!(check_name("../../etc/passwd").is_err());
        assert!(check_name("a/b.png").is_err());
        assert!(check_name("c:\\x.png").is_err());
        assert!(check_name("a\u{0}.png").is_err());
        assert!(check_name("  ").is_err());
    }

    #[test]
    fn content_decides_the_type() {
        let p = png();
        assert_eq!(check_file(&p, true).unwrap(), Checked { mime: "image/png", width: 8, height: 6 });
        // A text file called .png is still text.
        assert!(check_file(b"hello, this is not an image", true).unwrap_err().contains("Only PDF, PNG or JPEG"));
        // The PNG signature with garbage after it.
        let mut broken = p[..20].to_vec();
        broken.extend_from_slice(&[0u8; 40]);
        assert!(check_file(&broken, true).unwrap_err().contains("damaged"));
        assert!(check_file(&[], true).unwrap_err().contains("empty"));
        assert!(check_file(&vec![0u8; MAX_BYTES + 1], true).unwrap_err().contains("25 MB"));
        assert!(check_file(b"%PDF-1.4 garbage", true).unwrap_err().contains("PDF"));
        assert!(image_thumbnail(&p).is_some());
    }
}
