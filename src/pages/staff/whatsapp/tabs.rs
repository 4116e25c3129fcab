//! The WhatsApp sub-navigation shown on top of every WhatsApp page, so staff move between the
//! inbox, the phone, the queue, campaigns, templates and rules without going back to the sidebar.
use leptos::prelude::*;

/// (address, label) of each WhatsApp page, in the order staff use them.
const TABS: &[(&str, &str)] = &[
    ("/whatsapp/inbox", "Inbox"),
    ("/whatsapp/phone", "Phone"),
    ("/whatsapp/outbox", "Outbox"),
    ("/whatsapp/campaigns", "Campaigns"),
    ("/whatsapp/templates", "Templates"),
    ("/whatsapp/rules", "Rules"),
];

/// `current` is the address of the page showing it (a campaign's own page passes the list's).
#[component]
pub fn WhatsAppTabs(current: &'static str) -> impl IntoView {
    view! {
        <nav class="tabs wa-tabs" aria-label="WhatsApp">
            {TABS.iter().map(|&(path, label)| view! {
                <a class="tab" href=path aria-current=(path == current).then_some("page")>{label}</a>
            }).collect_view()}
        </nav>
    }
}
