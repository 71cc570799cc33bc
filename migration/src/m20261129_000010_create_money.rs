//! Money (issue 6): funds with their balances, the append-only ledger, receipt counters,
//! idempotency keys, the zakat legal basis, business units, donor proposals, jimpitan
//! rounds, and distribution rounds with their recipients. Amounts are BIGINT (whole
//! rupiah or grams).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn a(s: &str) -> Alias {
    Alias::new(s)
}

fn id() -> ColumnDef {
    string_len(a("id"), 36).primary_key().to_owned()
}

fn uuid_col(name: &str) -> ColumnDef {
    string_len(a(name), 36)
}

fn uuid_null(name: &str) -> ColumnDef {
    string_len_null(a(name), 36)
}

fn created() -> ColumnDef {
    timestamp_with_time_zone(a("created_at"))
}

fn fk(table: &str, col: &str, to: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{col}"))
        .from(a(table), a(col))
        .to(a(to), a("id"))
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

fn index(name: &str, table: &str, cols: &[&str], unique: bool) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(a(table));
    for c in cols {
        i.col(a(c));
    }
    if unique {
        i.unique();
    }
    i.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(a("dana"))
                .col(id())
                .col(uuid_col("wksbm_id"))
                .col(string_len(a("kind"), 20))
                .col(string_len(a("name"), 200))
                .col(string_len_null(a("purpose"), 500))
                .col(uuid_null("donor_id"))
                .col(string_len(a("unit"), 10))
                .col(big_integer(a("balance")).default(0))
                .col(created())
                .col(timestamp_with_time_zone(a("updated_at")))
                .foreign_key(&mut fk("dana", "wksbm_id", "wksbm"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ux_dana_wksbm_name",
            "dana",
            &["wksbm_id", "name"],
            true,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(a("buku_kas"))
                .col(id())
                .col(uuid_col("wksbm_id"))
                .col(uuid_col("fund_id"))
                .col(date(a("date")))
                .col(string_len(a("direction"), 10))
                .col(big_integer(a("amount")))
                .col(big_integer(a("balance_after")))
                .col(string_len_null(a("method"), 30))
                .col(string_len_null(a("category"), 30))
                .col(uuid_null("usaha_id"))
                .col(uuid_null("donor_id"))
                .col(string_len(a("description"), 500))
                .col(integer(a("receipt_year")))
                .col(big_integer(a("receipt_seq")))
                .col(string_len(a("receipt_no"), 120))
                .col(uuid_null("reverses_id"))
                .col(uuid_null("pair_id"))
                .col(uuid_null("penyaluran_id"))
                .col(uuid_null("ppks_id"))
                .col(uuid_null("jimpitan_id"))
                .col(uuid_null("proposal_id"))
                .col(uuid_col("created_by"))
                .col(created())
                .foreign_key(&mut fk("buku_kas", "fund_id", "dana"))
                .foreign_key(&mut fk("buku_kas", "wksbm_id", "wksbm"))
                .to_owned(),
        )
        .await?;
        // A number once per WKSBM per year; one reversal per entry.
        m.create_index(index(
            "ux_buku_kas_receipt",
            "buku_kas",
            &["wksbm_id", "receipt_year", "receipt_seq"],
            true,
        ))
        .await?;
        m.create_index(index(
            "ux_buku_kas_reverses",
            "buku_kas",
            &["reverses_id"],
            true,
        ))
        .await?;
        m.create_index(index(
            "ix_buku_kas_wksbm_date",
            "buku_kas",
            &["wksbm_id", "date", "id"],
            false,
        ))
        .await?;
        m.create_index(index(
            "ix_buku_kas_fund_date",
            "buku_kas",
            &["fund_id", "date", "id"],
            false,
        ))
        .await?;
        m.create_index(index(
            "ix_buku_kas_donor",
            "buku_kas",
            &["donor_id", "date"],
            false,
        ))
        .await?;
        m.create_index(index(
            "ix_buku_kas_ppks",
            "buku_kas",
            &["ppks_id", "date"],
            false,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(a("receipt_counter"))
                .col(uuid_col("wksbm_id"))
                .col(integer(a("year")))
                .col(big_integer(a("last")).default(0))
                .primary_key(Index::create().col(a("wksbm_id")).col(a("year")))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(a("idempotency_key"))
                .col(uuid_col("user_id"))
                .col(string_len(a("key"), 255))
                .col(string_len(a("request_hash"), 64))
                .col(uuid_col("claim"))
                .col(string_len(a("state"), 10))
                .col(integer_null(a("status")))
                .col(text_null(a("body")))
                .col(string_len_null(a("location"), 500))
                .col(created())
                .primary_key(Index::create().col(a("user_id")).col(a("key")))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_idempotency_created",
            "idempotency_key",
            &["created_at"],
            false,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(a("zakat_basis"))
                .col(uuid_col("wksbm_id").primary_key())
                .col(string_len(a("kind"), 20))
                .col(string_len(a("number"), 100))
                .col(date(a("date")))
                .col(string_len(a("issuer"), 200))
                .col(uuid_col("recorded_by"))
                .col(created())
                .foreign_key(&mut fk("zakat_basis", "wksbm_id", "wksbm"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(a("usaha"))
                .col(id())
                .col(uuid_col("wksbm_id"))
                .col(string_len(a("name"), 200))
                .col(string_len(a("kind"), 100))
                .col(boolean(a("active")).default(true))
                .col(created())
                .foreign_key(&mut fk("usaha", "wksbm_id", "wksbm"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ux_usaha_wksbm_name",
            "usaha",
            &["wksbm_id", "name"],
            true,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(a("proposal"))
                .col(id())
                .col(uuid_col("wksbm_id"))
                .col(uuid_col("donor_id"))
                .col(string_len(a("title"), 200))
                .col(big_integer(a("requested")))
                .col(big_integer_null(a("pledged")))
                .col(string_len(a("status"), 12))
                .col(date(a("sent_date")))
                .col(date_null(a("pledged_date")))
                .col(uuid_null("entry_id"))
                .col(big_integer(a("version")).default(1))
                .col(created())
                .col(timestamp_with_time_zone(a("updated_at")))
                .foreign_key(&mut fk("proposal", "wksbm_id", "wksbm"))
                .foreign_key(&mut fk("proposal", "donor_id", "partner"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(a("jimpitan"))
                .col(id())
                .col(uuid_col("wksbm_id"))
                .col(date(a("date")))
                .col(string_len(a("rt"), 3))
                .col(text(a("collectors")))
                .col(text(a("lines")))
                .col(big_integer(a("total_grams")))
                .col(big_integer(a("total_rupiah")))
                .col(string_len(a("status"), 10))
                .col(text_null(a("witnesses")))
                .col(uuid_col("created_by"))
                .col(created())
                .col(timestamp_with_time_zone_null(a("closed_at")))
                .foreign_key(&mut fk("jimpitan", "wksbm_id", "wksbm"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_jimpitan_wksbm_date",
            "jimpitan",
            &["wksbm_id", "date"],
            false,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(a("penyaluran"))
                .col(id())
                .col(uuid_col("wksbm_id"))
                .col(string_len(a("name"), 200))
                .col(integer(a("tahap")))
                .col(string_len(a("category"), 40))
                .col(uuid_col("fund_id"))
                .col(date(a("planned_date")))
                .col(string_len(a("status"), 12))
                // Recipients not yet paid: the last payment closes the round.
                .col(big_integer(a("waiting")).default(0))
                .col(uuid_col("created_by"))
                .col(uuid_null("approved_by"))
                .col(uuid_null("rapat_id"))
                .col(integer_null(a("decision_number")))
                .col(string_len_null(a("cancel_reason"), 500))
                .col(big_integer(a("version")).default(1))
                .col(created())
                .col(timestamp_with_time_zone(a("updated_at")))
                .foreign_key(&mut fk("penyaluran", "wksbm_id", "wksbm"))
                .foreign_key(&mut fk("penyaluran", "fund_id", "dana"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(a("penyaluran_penerima"))
                .col(id())
                .col(uuid_col("penyaluran_id"))
                .col(uuid_col("ppks_id"))
                .col(big_integer(a("amount")))
                .col(string_len(a("reason"), 500))
                .col(text(a("types")))
                .col(string_len(a("status"), 12))
                .col(uuid_null("entry_id"))
                .col(date_null(a("handover_date")))
                .col(string_len_null(a("received_by"), 200))
                .col(string_len_null(a("relation"), 100))
                .col(string_len_null(a("photo_ref"), 500))
                .col(timestamp_with_time_zone_null(a("disbursed_at")))
                .foreign_key(&mut fk(
                    "penyaluran_penerima",
                    "penyaluran_id",
                    "penyaluran",
                ))
                .foreign_key(&mut fk("penyaluran_penerima", "ppks_id", "ppks"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ux_penerima_once_per_round",
            "penyaluran_penerima",
            &["penyaluran_id", "ppks_id"],
            true,
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "penyaluran_penerima",
            "penyaluran",
            "jimpitan",
            "proposal",
            "usaha",
            "zakat_basis",
            "idempotency_key",
            "receipt_counter",
            "buku_kas",
            "dana",
        ] {
            m.drop_table(Table::drop().table(a(t)).to_owned()).await?;
        }
        Ok(())
    }
}
