//! Daily sums of the ledger, kept by a trigger on every insert into `buku_kas` (which is
//! append-only: nothing updates or deletes an entry). The period report adds up at most
//! one row per day and kind of movement instead of every entry: 100,000 entries took
//! 45-130 ms to group on the benchmark machine, the daily rows a few milliseconds. A
//! trigger, not application code, so that every way an entry is written (each posting
//! path, a bulk load, a repair by hand) keeps the sums; the report test reconciles them
//! with the entries. `method` and `category` are '' where the entry has none (a key
//! column cannot be NULL); `reversal` is 1 for a reversal entry.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

const KEY: &str = "wksbm_id, fund_id, date, direction, method, category, reversal";

const POSTGRES_TRIGGER: &str = "CREATE OR REPLACE FUNCTION wksbm_buku_kas_daily() RETURNS trigger \
    LANGUAGE plpgsql AS $$ BEGIN \
      INSERT INTO buku_kas_daily (wksbm_id, fund_id, date, direction, method, category, reversal, \
        total, entries) \
      VALUES (NEW.wksbm_id, NEW.fund_id, NEW.date, NEW.direction, COALESCE(NEW.method, ''), \
        COALESCE(NEW.category, ''), CASE WHEN NEW.reverses_id IS NULL THEN 0 ELSE 1 END, \
        NEW.amount, 1) \
      ON CONFLICT (wksbm_id, fund_id, date, direction, method, category, reversal) \
      DO UPDATE SET total = buku_kas_daily.total + EXCLUDED.total, \
        entries = buku_kas_daily.entries + 1; \
      RETURN NULL; \
    END $$";

// SQLite: the row made if missing, then added to (no upsert inside a trigger needed).
const SQLITE_TRIGGER: &str = "CREATE TRIGGER tr_buku_kas_daily AFTER INSERT ON buku_kas BEGIN \
      INSERT OR IGNORE INTO buku_kas_daily (wksbm_id, fund_id, date, direction, method, \
        category, reversal, total, entries) \
      VALUES (NEW.wksbm_id, NEW.fund_id, NEW.date, NEW.direction, COALESCE(NEW.method, ''), \
        COALESCE(NEW.category, ''), CASE WHEN NEW.reverses_id IS NULL THEN 0 ELSE 1 END, 0, 0); \
      UPDATE buku_kas_daily SET total = total + NEW.amount, entries = entries + 1 \
      WHERE wksbm_id = NEW.wksbm_id AND fund_id = NEW.fund_id AND date = NEW.date \
        AND direction = NEW.direction AND method = COALESCE(NEW.method, '') \
        AND category = COALESCE(NEW.category, '') \
        AND reversal = CASE WHEN NEW.reverses_id IS NULL THEN 0 ELSE 1 END; \
    END";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(
            "CREATE TABLE buku_kas_daily (wksbm_id VARCHAR(36) NOT NULL, \
             fund_id VARCHAR(36) NOT NULL, date DATE NOT NULL, direction VARCHAR(10) NOT NULL, \
             method VARCHAR(30) NOT NULL, category VARCHAR(30) NOT NULL, \
             reversal SMALLINT NOT NULL, total BIGINT NOT NULL, entries BIGINT NOT NULL, \
             PRIMARY KEY (wksbm_id, fund_id, date, direction, method, category, reversal))",
        )
        .await?;
        // What was written before this migration.
        db.execute_unprepared(&format!(
            "INSERT INTO buku_kas_daily ({KEY}, total, entries) \
             SELECT wksbm_id, fund_id, date, direction, COALESCE(method, ''), \
               COALESCE(category, ''), CASE WHEN reverses_id IS NULL THEN 0 ELSE 1 END, \
               SUM(amount), COUNT(*) \
             FROM buku_kas GROUP BY wksbm_id, fund_id, date, direction, COALESCE(method, ''), \
               COALESCE(category, ''), CASE WHEN reverses_id IS NULL THEN 0 ELSE 1 END"
        ))
        .await?;
        if manager.get_database_backend() == DbBackend::Postgres {
            db.execute_unprepared(POSTGRES_TRIGGER).await?;
            db.execute_unprepared(
                "CREATE TRIGGER tr_buku_kas_daily AFTER INSERT ON buku_kas \
                 FOR EACH ROW EXECUTE FUNCTION wksbm_buku_kas_daily()",
            )
            .await?;
        } else {
            db.execute_unprepared(SQLITE_TRIGGER).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        if manager.get_database_backend() == DbBackend::Postgres {
            db.execute_unprepared("DROP TRIGGER IF EXISTS tr_buku_kas_daily ON buku_kas")
                .await?;
            db.execute_unprepared("DROP FUNCTION IF EXISTS wksbm_buku_kas_daily()")
                .await?;
        } else {
            db.execute_unprepared("DROP TRIGGER IF EXISTS tr_buku_kas_daily")
                .await?;
        }
        db.execute_unprepared("DROP TABLE buku_kas_daily").await?;
        Ok(())
    }
}
