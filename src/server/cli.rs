//! Command line: `pressdesk [serve|migrate|seed|create-user]`.
use super::startup::{self, BoxError};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "pressdesk", about = "PressDesk: order management and production control for print shops")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate, seed the demo shop if the database is empty, and serve (the default).
    Serve {
        /// Do not seed demo data into an empty database.
        #[arg(long)]
        no_seed: bool,
        /// Orders in the demo history seeded into an empty database.
        #[arg(long, default_value_t = 5000)]
        demo_orders: usize,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Fill the database with a realistic demo shop (deterministic for a given --seed).
    Seed {
        #[arg(long, default_value_t = 300)]
        customers: usize,
        #[arg(long, default_value_t = 5000)]
        orders: usize,
        #[arg(long, default_value_t = 24)]
        months: u32,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Also create the demo staff accounts (`--users false` to skip).
        #[arg(long, action = clap::ArgAction::Set, default_value_t = true)]
        users: bool,
    },
    /// Measure the performance figures (`make bench` prints them).
    Bench {
        /// scheduler, board, move or all
        #[arg(default_value = "all")]
        which: String,
    },
    /// Create a staff account (the first owner of a real shop).
    CreateUser {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// owner, manager, designer, operator or front_desk
        #[arg(long, default_value = "owner")]
        role: String,
        /// Password; read from PRESSDESK_PASSWORD when not given.
        #[arg(long, env = "PRESSDESK_PASSWORD", hide_env_values = true)]
        password: String,
    },
}

pub async fn run() -> Result<(), BoxError> {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,sea_orm=warn".into()),
        )
        .init();
    let config = startup::load_config()?;
    let state = startup::build_state(config).await?;
    match cli.command.unwrap_or(Command::Serve { no_seed: false, demo_orders: 5000 }) {
        Command::Serve { no_seed, demo_orders } => {
            if !no_seed {
                startup::seed_if_empty(&state, demo_orders).await?;
            }
            startup::serve(state).await?;
        }
        Command::Migrate => println!("Database is up to date."),
        Command::Seed { customers, orders, months, seed, users } => {
            let opts = crate::seed::SeedOptions { customers, orders, months, seed };
            let report = crate::seed::run(&state.db, &state.config.shop, &opts, true).await?;
            println!("{report}");
            if users {
                let logins = crate::seed::demo_users(&state.db).await?;
                startup::print_logins(&logins);
            }
        }
        Command::Bench { which } => super::bench::run(&state, &which).await?,
        Command::CreateUser { email, name, role, password } => {
            let id = crate::services::auth::create_user(&state.db, &crate::services::Actor::System, &email, &name, &role, &password)
                .await
                .map_err(|e| match e {
                    crate::error::AppError::Validation(f) => {
                        f.0.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; ")
                    }
                    other => other.to_string(),
                })?;
            println!("Created staff account #{id} ({email}).");
        }
    }
    Ok(())
}
