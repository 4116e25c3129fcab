pub mod credit;
pub mod detail;
pub mod list;
