//! A ledger entry to write (everything but the balance and the receipt number) and what
//! the statement that writes it also does.

use chrono::NaiveDate;
use uuid::Uuid;
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::dana::{Category, Direction, Fund, Method};

/// One ledger entry to write: everything but the balance and the receipt number.
#[derive(Debug, Clone)]
pub(crate) struct NewEntry {
    /// The entry's id, known before it is written (a payment links to it first).
    pub id: Uuid,
    pub fund_id: Uuid,
    pub wksbm_id: Uuid,
    pub date: NaiveDate,
    pub direction: Direction,
    pub amount: i64,
    pub method: Option<Method>,
    pub category: Option<Category>,
    pub usaha_id: Option<Uuid>,
    pub donor_id: Option<Uuid>,
    pub description: String,
    pub reverses_id: Option<Uuid>,
    pub pair_id: Option<Uuid>,
    pub penyaluran_id: Option<Uuid>,
    pub ppks_id: Option<Uuid>,
    pub jimpitan_id: Option<Uuid>,
    pub proposal_id: Option<Uuid>,
    pub price_per_kg: Option<i64>,
    pub created_by: Uuid,
}

impl NewEntry {
    pub(crate) fn new(
        fund: &Fund,
        date: NaiveDate,
        direction: Direction,
        amount: i64,
        description: String,
        created_by: Uuid,
    ) -> NewEntry {
        NewEntry {
            id: Uuid::now_v7(),
            fund_id: fund.id,
            wksbm_id: fund.wksbm_id,
            date,
            direction,
            amount,
            method: None,
            category: None,
            usaha_id: None,
            donor_id: None,
            description,
            reverses_id: None,
            pair_id: None,
            penyaluran_id: None,
            ppks_id: None,
            jimpitan_id: None,
            proposal_id: None,
            price_per_kg: None,
            created_by,
        }
    }
}

/// What the statement that writes an entry also does (on PostgreSQL in that statement, so
/// that the locks every posting of a WKSBM waits for are held one round trip each).
#[derive(Default)]
pub(crate) struct Along<'a> {
    /// A distribution round paid from: one fewer waiting, refused unless `disetujui`;
    /// its row is locked before the receipt counter.
    pub round: Option<Uuid>,
    /// The audit record of the write: the head is locked last.
    pub audit: Option<&'a AuditEntry>,
}
