//! Invoice payment status and payment rules.
use super::money::Money;
use super::order::text_enum;
use serde::{Deserialize, Serialize};

text_enum!(PaymentStatus {
    Unpaid = "unpaid": "Unpaid",
    Partial = "partial": "Partly paid",
    Paid = "paid": "Paid",
});

text_enum!(PaymentMethod {
    Cash = "cash": "Cash",
    Upi = "upi": "UPI",
    Card = "card": "Card",
    Bank = "bank": "Bank transfer",
    Cheque = "cheque": "Cheque",
});

pub fn payment_status(total: Money, paid: Money) -> PaymentStatus {
    if paid <= Money::ZERO && total > Money::ZERO {
        PaymentStatus::Unpaid
    } else if paid < total {
        PaymentStatus::Partial
    } else {
        PaymentStatus::Paid
    }
}

/// A payment must be positive and may not exceed what is still owed.
pub fn check_payment(total: Money, paid: Money, amount: Money) -> Result<(), String> {
    let balance = total - paid;
    if amount <= Money::ZERO {
        Err("Enter an amount greater than zero".into())
    } else if balance <= Money::ZERO {
        Err("This invoice is already paid in full".into())
    } else if amount > balance {
        Err(format!("Only {balance} is still due"))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses() {
        assert_eq!(payment_status(Money(1000), Money(0)), PaymentStatus::Unpaid);
        assert_eq!(payment_status(Money(1000), Money(400)), PaymentStatus::Partial);
        assert_eq!(payment_status(Money(1000), Money(1000)), PaymentStatus::Paid);
        assert_eq!(payment_status(Money(0), Money(0)), PaymentStatus::Paid);
    }

    #[test]
    fn partial_payments_up_to_balance() {
        assert!(check_payment(Money(1000), Money(400), Money(600)).is_ok());
        assert_eq!(check_payment(Money(1000), Money(400), Money(601)).unwrap_err(), "Only ₹6.00 is still due");
        assert!(check_payment(Money(1000), Money(0), Money(0)).is_err());
        assert!(check_payment(Money(1000), Money(1000), Money(1)).unwrap_err().contains("paid in full"));
    }
}
