pub mod detail;
pub mod editor;
pub mod list;
