//! Before contacts become unique: find customers (and staff) who share an e-mail or a phone.
//! They are never merged or dropped silently; the migration stops with a report that says
//! which records clash and how to resolve them.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, Statement};

/// One contact value held by more than one record.
pub struct Clash {
    pub table: &'static str,
    pub column: &'static str,
    pub value: String,
    pub records: Vec<(i64, String)>,
}

/// Rows sharing `column` (compared lower-cased and trimmed) in `table`.
pub async fn clashes(c: &impl ConnectionTrait, table: &'static str, column: &'static str) -> Result<Vec<Clash>, DbErr> {
    let sql = format!(
        "SELECT id, name, LOWER(TRIM({column})) AS v FROM {table} \
         WHERE {column} IS NOT NULL AND TRIM({column}) <> '' AND LOWER(TRIM({column})) IN \
         (SELECT LOWER(TRIM({column})) FROM {table} WHERE {column} IS NOT NULL AND TRIM({column}) <> '' \
          GROUP BY LOWER(TRIM({column})) HAVING COUNT(*) > 1) ORDER BY v, id"
    );
    let rows = c.query_all(Statement::from_string(c.get_database_backend(), sql)).await?;
    let mut out: Vec<Clash> = Vec::new();
    for r in rows {
        let id: i64 = r.try_get::<i32>("", "id").map(i64::from).or_else(|_| r.try_get::<i64>("", "id"))?;
        let name: String = r.try_get("", "name")?;
        let v: String = r.try_get("", "v")?;
        match out.last_mut() {
            Some(last) if last.value == v => last.records.push((id, name)),
            _ => out.push(Clash { table, column, value: v, records: vec![(id, name)] }),
        }
    }
    Ok(out)
}

/// The message `pressdesk migrate` prints when contacts clash.
pub fn report(clashes: &[Clash]) -> String {
    let mut s = String::from("Some contacts are used by more than one record. Each e-mail and phone may belong to one record only.\n");
    for c in clashes {
        let who: Vec<String> = c.records.iter().map(|(id, n)| format!("#{id} {n}")).collect();
        s.push_str(&format!("  {} {} \"{}\": {}\n", c.table, c.column, c.value, who.join(", ")));
    }
    s.push_str(
        "To resolve: keep the record with the order history, open each other one (Customers > Edit, or the staff list) \
         and change or clear its e-mail / phone, or move its orders to the kept record. Then run `pressdesk migrate` again; \
         nothing was changed.",
    );
    s
}
