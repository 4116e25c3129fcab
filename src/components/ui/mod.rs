//! Shared UI pieces, written once.
mod chart;
mod chips;
mod feedback;
mod field;
mod page;
mod pager;
mod progress;
pub mod query;
mod stars;
pub mod upload;

pub use chart::{BarChart, Sparkline};
pub use chips::{Chip, PaymentChip, PriorityBadge, StatusChip};
pub use feedback::{action_error, set_page_status, ErrorBox, Loading, NotFound, PageError, SavedNotice};
pub use field::{field_error, Checkbox, Field, SelectField, TextArea, TextField};
pub use page::{Card, PageHeader, Stat};
pub use pager::Pager;
pub use progress::ProgressBar;
pub use stars::{one_decimal, stars_label, Stars};
