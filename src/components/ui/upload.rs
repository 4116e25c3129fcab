//! Sending a chosen file to one of the plain upload handlers (they have a size limit that
//! server functions lack) and reading back `{"hash": ...}` or the server's message.

/// Uploads the first file of `input` to `url` as multipart field `file`.
#[cfg(feature = "hydrate")]
pub async fn post_file(url: &str, input: &web_sys::HtmlInputElement) -> Result<String, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let fail = |_| "The upload failed; check the connection and try again".to_string();
    let file = input.files().and_then(|f| f.get(0)).ok_or("Choose a photo first")?;
    let form = web_sys::FormData::new().map_err(fail)?;
    form.append_with_blob_and_filename("file", &file, &file.name()).map_err(fail)?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&form);
    let window = web_sys::window().ok_or("No window")?;
    let res: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(url, &init)).await.map_err(fail)?.unchecked_into();
    let body = JsFuture::from(res.text().map_err(fail)?).await.map_err(fail)?.as_string().unwrap_or_default();
    let json: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
    if res.ok() {
        json["hash"].as_str().map(str::to_string).ok_or_else(|| "The server gave no answer".to_string())
    } else {
        let err: Option<crate::error::AppError> = serde_json::from_value(json).ok();
        Err(err.map(|e| e.field_message("file").unwrap_or_else(|| e.to_string())).unwrap_or_else(|| format!("Upload refused ({})", res.status())))
    }
}

#[cfg(not(feature = "hydrate"))]
pub async fn post_file(_url: &str, _input: &web_sys::HtmlInputElement) -> Result<String, String> {
    Err("Uploads run in the browser".into())
}
