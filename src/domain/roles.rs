//! Staff roles and what each may do. The server checks these on every call; the UI only
//! uses them to hide what a role cannot use.
use super::order::text_enum;
use serde::{Deserialize, Serialize};

text_enum!(Role {
    Owner = "owner": "Owner",
    Manager = "manager": "Manager",
    Designer = "designer": "Designer",
    Operator = "operator": "Operator",
    FrontDesk = "front_desk": "Front desk",
});

/// Groups of roles allowed to do a kind of work.
pub mod can {
    use super::Role::{self, *};

    /// Take and edit orders, customers, invoices and payments.
    pub const SELL: &[Role] = &[Owner, Manager, FrontDesk];
    /// Change the catalogue and prices.
    pub const CATALOGUE: &[Role] = &[Owner, Manager];
    /// See orders and customers.
    pub const VIEW: &[Role] = &[Owner, Manager, Designer, Operator, FrontDesk];
    /// Change order status.
    pub const STATUS: &[Role] = &[Owner, Manager, FrontDesk, Operator];
    /// Move jobs on the production board.
    pub const PRODUCE: &[Role] = &[Owner, Manager, Designer, Operator];
    /// Plan production: resources, stages, schedule, what-if.
    pub const PLAN: &[Role] = &[Owner, Manager];
    /// Manage staff accounts.
    pub const ADMIN: &[Role] = &[Owner];
}

impl Role {
    pub fn allowed(self, roles: &[Role]) -> bool {
        roles.contains(&self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_desk_sells_but_does_not_price() {
        assert!(Role::FrontDesk.allowed(can::SELL));
        assert!(!Role::FrontDesk.allowed(can::CATALOGUE));
        assert!(!Role::Designer.allowed(can::SELL));
        assert!(Role::Owner.allowed(can::ADMIN));
        assert_eq!(Role::parse("front_desk"), Some(Role::FrontDesk));
    }
}
