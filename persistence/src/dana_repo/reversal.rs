//! The ledger's half of a correction: the entry to reverse (and its pair, for a
//! transfer or a rice sale), the entries in the opposite direction that reference them,
//! and the zakat rule a reversal must keep. What the entry's workflow goes back to is
//! undone by the workflow itself; the `correction` module composes both in one
//! transaction.

use super::funds::fund_in;
use super::new_entry::NewEntry;
use super::queries::zakat_year;
use super::rows::entry_to_domain;
use super::writer::write_line;
use crate::StoreError;
use crate::entity::buku_kas;
use crate::error::refused;
use chrono::{Datelike, NaiveDate};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;
use wksbm_domain::dana::{self, DanaError, LedgerEntry, Method, ReversalTarget};

/// What a reversal takes back: the entry named and every leg of its pair.
pub(crate) struct Reversed {
    pub target: LedgerEntry,
    /// Sorted by fund id: the order their funds are locked in.
    pub legs: Vec<LedgerEntry>,
}

/// Reads the entry and its legs and checks they may be reversed (not a reversal, not
/// reversed already).
pub(crate) async fn legs<C: ConnectionTrait>(
    conn: &C,
    wksbm_id: Uuid,
    entry_id: Uuid,
) -> Result<Reversed, StoreError> {
    let target = buku_kas::Entity::find_by_id(entry_id.to_string())
        .filter(buku_kas::Column::WksbmId.eq(wksbm_id.to_string()))
        .one(conn)
        .await?
        .ok_or(StoreError::Stale)
        .and_then(entry_to_domain)?;
    let mut legs = vec![target.clone()];
    if let Some(pair) = target.pair_id {
        legs = buku_kas::Entity::find()
            .filter(buku_kas::Column::PairId.eq(pair.to_string()))
            .filter(buku_kas::Column::ReversesId.is_null())
            .order_by_asc(buku_kas::Column::FundId)
            .all(conn)
            .await?
            .into_iter()
            .map(entry_to_domain)
            .collect::<Result<_, _>>()?;
    }
    let reversed = buku_kas::Entity::find()
        .filter(
            buku_kas::Column::ReversesId
                .is_in(legs.iter().map(|l| l.id.to_string()).collect::<Vec<_>>()),
        )
        .count_rows(conn)
        .await?;
    dana::check_reversal(ReversalTarget {
        is_reversal: target.reverses_id.is_some(),
        reversed: reversed > 0,
    })
    .map_err(refused)?;
    // Legs are sorted by fund id: the lock order.
    legs.sort_by_key(|l| l.fund_id);
    Ok(Reversed { target, legs })
}

/// Writes the opposite of every leg (a pair again when there are two), each described
/// with the receipt it reverses, the reason and `note` (what the workflow undid).
#[allow(clippy::too_many_arguments)]
pub(crate) async fn write_opposites<C: ConnectionTrait>(
    conn: &C,
    padukuhan: &str,
    wksbm_id: Uuid,
    legs: &[LedgerEntry],
    date: NaiveDate,
    reason: &str,
    note: Option<&str>,
    actor: Uuid,
) -> Result<Vec<LedgerEntry>, StoreError> {
    let pair = (legs.len() > 1).then(Uuid::now_v7);
    let mut out = Vec::new();
    for leg in legs {
        dana::check_reversal_date(leg.date, date).map_err(refused)?;
        let fund = fund_in(conn, wksbm_id, leg.fund_id, "entry_id").await?;
        let mut l = NewEntry::new(
            &fund,
            date,
            leg.direction.opposite(),
            leg.amount,
            match note {
                Some(h) => format!("Pembalikan {}: {reason}; {h}", leg.receipt_no),
                None => format!("Pembalikan {}: {reason}", leg.receipt_no),
            },
            actor,
        );
        l.method = leg.method;
        l.category = leg.category;
        l.usaha_id = leg.usaha_id;
        l.donor_id = leg.donor_id;
        l.reverses_id = Some(leg.id);
        l.pair_id = pair;
        l.jimpitan_id = leg.jimpitan_id;
        l.proposal_id = leg.proposal_id;
        l.price_per_kg = leg.price_per_kg;
        // A payment's reversal names its round and person: what they received is netted.
        l.penyaluran_id = leg.penyaluran_id;
        l.ppks_id = leg.ppks_id;
        out.push(write_line(conn, padukuhan, l).await?);
    }
    Ok(out)
}

/// Zakat income taken back must still cover the amil share of its year (checked after
/// the reversal is written, with the zakat fund locked).
pub(crate) async fn check_zakat_kept<C: ConnectionTrait>(
    conn: &C,
    leg: &LedgerEntry,
) -> Result<(), StoreError> {
    if leg.method == Some(Method::ZakatMaal) {
        let year = zakat_year(conn, leg.fund_id, leg.date.year()).await?;
        if year.to_amil.saturating_mul(dana::AMIL_SHARE_DENOMINATOR) > year.received {
            return Err(refused(DanaError::AmilShareExceeded));
        }
    }
    Ok(())
}

trait CountRows {
    async fn count_rows<C: ConnectionTrait>(self, conn: &C) -> Result<u64, StoreError>;
}

impl CountRows for sea_orm::Select<buku_kas::Entity> {
    async fn count_rows<C: ConnectionTrait>(self, conn: &C) -> Result<u64, StoreError> {
        use sea_orm::PaginatorTrait;
        Ok(self.count(conn).await?)
    }
}
