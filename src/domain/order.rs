//! Order vocabulary and the order status state machine.
use serde::{Deserialize, Serialize};

/// Declares a string-backed enum: stored as text in the database, shown with a label.
macro_rules! text_enum {
    ($name:ident { $($var:ident = $s:literal : $label:literal),+ $(,)? }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
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
pub(crate) use text_enum;

text_enum!(OrderStatus {
    Draft = "draft": "Draft",
    Confirmed = "confirmed": "Confirmed",
    InProduction = "in_production": "In production",
    OnHold = "on_hold": "On hold",
    Ready = "ready": "Ready",
    Delivered = "delivered": "Delivered",
    Cancelled = "cancelled": "Cancelled",
});

text_enum!(Channel {
    WalkIn = "walk_in": "Walk-in",
    Phone = "phone": "Phone",
    WhatsApp = "whatsapp": "WhatsApp",
    Portal = "portal": "Portal",
    Email = "email": "Email",
});

text_enum!(Priority {
    Normal = "normal": "Normal",
    Rush = "rush": "Rush",
});

impl OrderStatus {
    /// Statuses an order may move to from this one.
    pub fn next(self) -> &'static [OrderStatus] {
        use OrderStatus::*;
        match self {
            Draft => &[Confirmed, Cancelled],
            Confirmed => &[InProduction, Ready, OnHold, Cancelled],
            InProduction => &[Ready, OnHold, Cancelled],
            OnHold => &[Confirmed, InProduction, Cancelled],
            Ready => &[Delivered, InProduction],
            Delivered => &[],
            Cancelled => &[],
        }
    }

    pub fn can_move_to(self, to: OrderStatus) -> bool {
        self.next().contains(&to)
    }

    /// Lines, prices and customer may still be edited.
    pub fn is_editable(self) -> bool {
        matches!(self, OrderStatus::Draft | OrderStatus::Confirmed | OrderStatus::OnHold)
    }

    /// Work is still to be done (counts for due/late lists).
    pub fn is_open(self) -> bool {
        !matches!(self, OrderStatus::Delivered | OrderStatus::Cancelled | OrderStatus::Draft)
    }

    pub fn can_invoice(self) -> bool {
        !matches!(self, OrderStatus::Draft | OrderStatus::Cancelled)
    }
}

/// Why a status change was refused, in words for the person who tried it.
pub fn check_transition(from: OrderStatus, to: OrderStatus) -> Result<(), String> {
    if from == to {
        return Err(format!("The order is already {}", to.label().to_lowercase()));
    }
    if from.can_move_to(to) {
        Ok(())
    } else {
        Err(format!(
            "An order that is {} cannot be set to {}",
            from.label().to_lowercase(),
            to.label().to_lowercase()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use OrderStatus::*;

    #[test]
    fn round_trips_text() {
        for s in OrderStatus::ALL {
            assert_eq!(OrderStatus::parse(s.as_str()), Some(*s));
        }
        assert_eq!(Channel::parse("whatsapp"), Some(Channel::WhatsApp));
        assert_eq!(Priority::parse("nope"), None);
    }

    #[test]
    fn legal_path_to_delivery() {
        let path = [Draft, Confirmed, InProduction, Ready, Delivered];
        for w in path.windows(2) {
            assert!(check_transition(w[0], w[1]).is_ok(), "{:?} -> {:?}", w[0], w[1]);
        }
    }

    #[test]
    fn terminal_states_stay() {
        for to in OrderStatus::ALL {
            assert!(check_transition(Delivered, *to).is_err());
            assert!(check_transition(Cancelled, *to).is_err());
        }
    }

    #[test]
    fn illegal_moves_explain_themselves() {
        assert_eq!(
            check_transition(Draft, Delivered).unwrap_err(),
            "An order that is draft cannot be set to delivered"
        );
        assert!(check_transition(Ready, Ready).unwrap_err().contains("already"));
        assert!(check_transition(Ready, Cancelled).is_err());
    }

    #[test]
    fn editability() {
        assert!(Draft.is_editable());
        assert!(!InProduction.is_editable());
        assert!(!Draft.can_invoice());
        assert!(Delivered.can_invoice());
    }
}
