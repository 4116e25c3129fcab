//! Quality pages: the overview (statistics, open checklists, proofs waiting), a checklist,
//! and the side-by-side compare of two proof versions.
pub mod chains;
pub mod checklist;
pub mod compare;
pub mod overview;
