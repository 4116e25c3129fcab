//! Order components: tables, status changes, history and the order editor.
pub mod editor;
mod history;
mod lines;
mod status_form;
mod table;

pub use history::StatusHistory;
pub use lines::{LinesTable, TotalsPanel};
pub use status_form::StatusForm;
pub use table::OrderTable;
