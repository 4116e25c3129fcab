//! Row buffers written as multi-row INSERTs (sea-query), with the ids chosen by the seeder.
use sea_orm::sea_query::{Alias, Query, SimpleExpr, Value};
use super::write::Stmt;
use sea_orm::DbBackend;

/// Bound parameters per statement: under SQLite's 32766 and PostgreSQL's 65535.
const MAX_PARAMS: usize = 32_000;
/// Rows per statement: large enough to amortise the round trip, small enough for the cache.
const MAX_ROWS: usize = 200;

pub const CUSTOMERS: &[&str] = &[
    "id", "name", "company", "phone", "email", "billing_address", "shipping_address", "state_code", "gstin", "tags",
    "notes", "whatsapp_opt_in", "created_at", "updated_at", "version",
];
pub const ORDERS: &[&str] = &[
    "id", "number", "customer_id", "channel", "status", "priority", "due_date", "notes", "subtotal", "discount_total",
    "tax_total", "total", "created_at", "updated_at", "version",
];
// Leaf tables get their ids from the database: nothing points at them.
pub const ORDER_LINES: &[&str] = &[
    "order_id", "position", "product_id", "description", "options_json", "quantity", "unit_price", "discount",
    "tax_rate_bp", "hsn_sac", "line_subtotal", "line_tax", "line_total",
];
pub const HISTORY: &[&str] = &["order_id", "from_status", "to_status", "changed_by_name", "comment", "changed_at"];
pub const INVOICES: &[&str] = &[
    "id", "number", "fy", "seq", "order_id", "customer_id", "issue_date", "due_date", "tax_profile", "place_of_supply",
    "intra_state", "seller_json", "buyer_json", "subtotal", "discount_total", "taxable_total", "cgst", "sgst", "igst", "vat",
    "total", "amount_paid", "amount_words", "status", "created_at",
];
pub const INVOICE_LINES: &[&str] = &[
    "invoice_id", "position", "description", "hsn_sac", "uqc", "quantity", "unit_price", "discount", "taxable",
    "tax_rate_bp", "cgst", "sgst", "igst", "vat", "total",
];
pub const PAYMENTS: &[&str] = &["invoice_id", "amount", "method", "reference", "paid_on", "created_at"];

/// Buffered rows of one table, flat, in column order.
pub struct Rows {
    table: &'static str,
    cols: &'static [&'static str],
    vals: Vec<Value>,
    /// SQL of a full-size statement: built once, so sqlx reuses its prepared statement.
    full: Option<String>,
}

impl Rows {
    pub fn new(table: &'static str, cols: &'static [&'static str]) -> Rows {
        Rows { table, cols, vals: Vec::new(), full: None }
    }

    pub fn push<const N: usize>(&mut self, row: [Value; N]) {
        debug_assert_eq!(N, self.cols.len(), "{}", self.table);
        self.vals.extend(row);
    }

    pub fn len(&self) -> usize {
        self.vals.len() / self.cols.len()
    }

    /// INSERT of `rows` rows with placeholders, built by sea-query for the backend.
    fn sql(&self, backend: DbBackend, rows: usize) -> Result<String, String> {
        let mut q = Query::insert();
        q.into_table(Alias::new(self.table)).columns(self.cols.iter().map(|c| Alias::new(*c)));
        for _ in 0..rows {
            q.values(self.cols.iter().map(|_| SimpleExpr::Value(Value::Int(None)))).map_err(|e| format!("{}: {e}", self.table))?;
        }
        Ok(backend.build(&q).sql)
    }

    /// Moves the buffered rows into INSERT statements; the values move, they are not copied.
    pub fn flush(&mut self, backend: DbBackend, out: &mut Vec<Stmt>) -> Result<(), String> {
        let n = self.cols.len();
        let per_stmt = (MAX_PARAMS / n).min(MAX_ROWS);
        let mut left = self.len();
        // The next batch is about as big: keep the capacity instead of growing again.
        let cap = self.vals.len();
        let mut vals = std::mem::replace(&mut self.vals, Vec::with_capacity(cap)).into_iter();
        while left > 0 {
            let k = left.min(per_stmt);
            let sql = if k == per_stmt {
                if self.full.is_none() {
                    self.full = Some(self.sql(backend, k)?);
                }
                self.full.clone().unwrap_or_default()
            } else {
                self.sql(backend, k)?
            };
            out.push(Stmt::new(backend, sql, vals.by_ref().take(k * n))?);
            left -= k;
        }
        Ok(())
    }
}

/// Shorthand for a bound value.
pub fn v<T: Into<Value>>(x: T) -> Value {
    x.into()
}
