//! Pages anyone with the right link may open (no sign-in): the customer's proof approval.
pub mod approve;
