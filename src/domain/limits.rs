//! What a print shop's order can hold. Every amount the app computes stays far inside i64
//! paise under these bounds (100 lines x 1 crore x 1 crore units x 2 with tax < 2^63), and the
//! same bounds are checked in the browser's live totals and on the server.
use super::money::Money;

/// ₹1 crore for one unit.
pub const MAX_UNIT_PRICE: Money = Money(1_000_000_000);
/// Ten million pieces on one line.
pub const MAX_QUANTITY: i64 = 10_000_000;
/// ₹100 crore for a whole order or invoice.
pub const MAX_ORDER_TOTAL: Money = Money(100_000_000_000);
/// Items on one order.
pub const MAX_LINES: usize = 100;
/// A tax rate above 100% is a typing mistake (GST slabs end at 28%, cess included).
pub const MAX_TAX_RATE_BP: i32 = 10_000;
