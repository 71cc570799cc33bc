//! Fundraising around the ledger (DOMAIN.md, Dana): the legal basis for collecting zakat,
//! business units (usaha) and what they earned, and proposals to donors (sent → pledged
//! → received). Jimpitan rounds have their own module (`jimpitan`).

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

/// The WKSBM's legal basis for collecting zakat maal (UU 23/2011): an UPZ of BAZNAS, or a
/// KUA or BAZNAS decree. Zakat income is refused until it exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZakatBasis {
    /// `upz_baznas`, `sk_kua` or `sk_baznas`.
    pub kind: String,
    pub number: String,
    pub date: NaiveDate,
    pub issuer: String,
    pub recorded_by: Uuid,
    pub recorded_at: DateTime<Utc>,
}

/// A business unit (usaha) with its income and expense over an asked period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Usaha {
    pub id: Uuid,
    pub wksbm_id: Uuid,
    pub name: String,
    pub kind: String,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    /// Over the asked period: income and expense in rupiah, reversals netted.
    pub income: i64,
    pub expense: i64,
}

impl Usaha {
    /// Income less expense over the period.
    pub fn net(&self) -> i64 {
        self.income.saturating_sub(self.expense)
    }
}

crate::str_enum! {
    /// Where a proposal stands: sent, pledged by the donor, received as income. A
    /// reversed receipt makes it pledged again.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum ProposalStatus {
        Dikirim = "dikirim",
        Dijanjikan = "dijanjikan",
        Diterima = "diterima",
    }
}

/// A proposal sent to a donor of the WKSBM.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub id: Uuid,
    pub wksbm_id: Uuid,
    pub donor_id: Uuid,
    pub title: String,
    /// Rupiah asked for.
    pub requested: i64,
    /// Rupiah pledged, once pledged.
    pub pledged: Option<i64>,
    pub status: ProposalStatus,
    pub sent_date: NaiveDate,
    pub pledged_date: Option<NaiveDate>,
    /// The income entry, once received.
    pub entry_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_units_net_is_income_less_expense() {
        let u = Usaha {
            id: Uuid::nil(),
            wksbm_id: Uuid::nil(),
            name: "Persewaan Tenda".into(),
            kind: "persewaan".into(),
            active: true,
            created_at: Utc::now(),
            income: 1_200_000,
            expense: 200_000,
        };
        assert_eq!(u.net(), 1_000_000);
        let loss = Usaha {
            income: 0,
            expense: 50_000,
            ..u
        };
        assert_eq!(loss.net(), -50_000);
    }
}
