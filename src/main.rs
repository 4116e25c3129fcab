#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() {
    if let Err(e) = pressdesk::server::cli::run().await {
        eprintln!("pressdesk: {e}");
        std::process::exit(1);
    }
}

#[cfg(not(feature = "ssr"))]
pub fn main() {
    // The browser half starts in lib.rs (`hydrate`).
}
