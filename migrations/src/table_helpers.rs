//! Small column helpers shared by the migrations, so every table spells ids, money and
//! timestamps the same way on both databases.
use sea_orm_migration::prelude::*;

pub fn id<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name).integer().not_null().auto_increment().primary_key().take()
}

pub fn fk<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name).integer().not_null().take()
}

pub fn fk_null<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name).integer().null().take()
}

/// Money in minor units (paise, cents): exact, never floating point.
pub fn money<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name).big_integer().not_null().default(0).take()
}

pub fn int<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name).integer().not_null().default(0).take()
}

pub fn text<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name).string().not_null().default("").take()
}

pub fn text_null<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name).string().null().take()
}

pub fn long_text<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name).text().not_null().default("").take()
}

pub fn flag<T: IntoIden>(name: T, default: bool) -> ColumnDef {
    ColumnDef::new(name).boolean().not_null().default(default).take()
}

pub fn ts<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name).timestamp_with_time_zone().not_null().take()
}

pub fn ts_null<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name).timestamp_with_time_zone().null().take()
}

pub fn date<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name).date().not_null().take()
}

pub fn date_null<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name).date().null().take()
}

pub fn index(table: impl IntoIden + Clone + 'static, name: &str, cols: &[&str]) -> IndexCreateStatement {
    let mut idx = Index::create();
    idx.name(name).table(table).if_not_exists();
    for c in cols {
        idx.col(Alias::new(*c));
    }
    idx.take()
}

pub fn unique_index(table: impl IntoIden + Clone + 'static, name: &str, cols: &[&str]) -> IndexCreateStatement {
    let mut idx = index(table, name, cols);
    idx.unique();
    idx
}

/// A table or column name.
pub fn t(name: &str) -> Alias {
    Alias::new(name)
}

/// `from.col` references `to.id`; with `cascade`, rows go with their parent.
pub fn foreign(from: &str, col: &str, to: &str, cascade: bool) -> ForeignKeyCreateStatement {
    let mut fk = ForeignKey::create();
    fk.name(format!("fk_{from}_{col}")).from(t(from), t(col)).to(t(to), t("id"));
    if cascade {
        fk.on_delete(ForeignKeyAction::Cascade);
    }
    fk.take()
}
