//! Order analytics maths: percentiles and histograms, cycle times, RFM segments, cohort
//! retention, attach rates, customer lifetime value (BG/NBD + Gamma-Gamma) and the checks on a
//! dashboard's date range. Pure functions over plain slices, so services can feed them rows
//! straight from SQL; no I/O, and nothing here depends on the rest of the crate, so the same
//! code runs on the server and in the browser.

/// A string-backed enum like `domain::order::text_enum!`, kept local so this tree stands alone:
/// `as_str` is what is stored or sent, `label` what a person reads, `parse` the inverse of
/// `as_str`.
macro_rules! labelled_enum {
    ($(#[$meta:meta])* $name:ident { $($var:ident = $s:literal : $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, PartialOrd, Ord)]
        pub enum $name { $($var),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$var),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$var => $s),+ }
            }

            pub fn label(self) -> &'static str {
                match self { $($name::$var => $label),+ }
            }

            pub fn parse(s: &str) -> Option<$name> {
                match s { $($s => Some($name::$var),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

pub mod basket;
pub mod bgnbd;
pub mod clv;
pub mod cohort;
pub mod cycle;
pub mod gamma_gamma;
pub mod optim;
pub mod range;
pub mod rfm;
pub mod special;
pub mod stats;

#[cfg(test)]
mod cdnow_tests;
