//! Meta's side of template reviews, for tests and the simulator: a template's status and
//! quality changed on the account (a rejection, a pause for low quality), seen by the app in
//! its next sync, and the webhooks Meta posts about such changes.
use super::webhooks::envelope;
use super::FakeCloud;
use crate::domain::whatsapp::webhook::ChangeValue;
use serde_json::json;

impl FakeCloud {
    /// Sets a template's review status ("APPROVED", "REJECTED", "PAUSED"), and its quality
    /// ("GREEN", "YELLOW", "RED") and rejection reason when given, as a review on Meta's side
    /// would; nothing is posted (see `post_template_event`). Its id, or None when the fake has
    /// no such template.
    pub fn set_template_state(&self, name: &str, language: &str, status: &str, quality: Option<&str>, reason: Option<&str>) -> Option<String> {
        let mut s = self.lock();
        let t = s.templates.iter_mut().find(|t| t.json["name"] == name && t.json["language"] == language)?;
        t.json["status"] = json!(status);
        if let Some(q) = quality {
            t.json["quality_score"] = json!({"score": q});
        }
        t.json["rejected_reason"] = json!(reason.unwrap_or("NONE"));
        t.json["id"].as_str().map(str::to_string)
    }

    /// Posts a signed template webhook: `message_template_status_update` when `status` is
    /// given, else `message_template_quality_update`. `time` is the entry's time, which makes
    /// Meta's event unique: the same call made twice is a redelivery.
    pub async fn post_template_event(&self, template_id: &str, status: Option<&str>, quality: Option<&str>, time: i64) -> Result<(), String> {
        if self.config().webhook_url.is_none_or(|u| u.trim().is_empty()) {
            return Err("the fake has no webhook url".into());
        }
        let body = {
            let s = self.lock();
            let t = s.templates.iter().find(|t| t.json["id"] == template_id).map(|t| t.json.clone()).unwrap_or_default();
            let value = ChangeValue {
                event: status.map(str::to_string),
                new_quality_score: quality.map(str::to_string),
                message_template_id: Some(template_id.to_string()),
                message_template_name: t["name"].as_str().map(str::to_string),
                message_template_language: t["language"].as_str().map(str::to_string),
                reason: status.map(|_| t["rejected_reason"].as_str().unwrap_or("NONE").to_string()),
                ..ChangeValue::default()
            };
            let field = if status.is_some() { "message_template_status_update" } else { "message_template_quality_update" };
            envelope(&s.config.waba_id, Some(time), field, value)
        };
        self.post(body).await
    }
}
