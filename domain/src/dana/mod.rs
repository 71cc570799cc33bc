//! Money and rice (books 2, 3 and 7): funds, ledger entries, transfers and reversals.
//! Amounts are whole rupiah or grams in `i64`, never floating point; every rule that
//! refuses a movement is a `DanaError` with its own code.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

mod error;
pub use error::DanaError;

/// Anything above this is a typing error, not a village's money (10^13 rupiah).
pub const MAX_AMOUNT: i64 = 10_000_000_000_000;

/// Amil share at most 1/8 (12.5%) of the zakat received in the year (Peraturan BAZNAS
/// 2/2016).
pub const AMIL_SHARE_DENOMINATOR: i64 = 8;

crate::str_enum! {
    /// What a fund counts in.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    pub enum Unit {
        Rupiah = "rupiah",
        Gram = "gram",
    }
}

crate::str_enum! {
    /// The funds of a WKSBM. `terikat` funds are opened on demand, one per donor purpose.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    pub enum FundKind {
        Umum = "umum",
        Zakat = "zakat",
        Amil = "amil",
        InfakSedekah = "infak_sedekah",
        Beras = "beras",
        Terikat = "terikat",
    }
}

impl FundKind {
    /// The funds every legalised WKSBM has.
    pub const STANDARD: [FundKind; 5] = [
        FundKind::Umum,
        FundKind::Zakat,
        FundKind::Amil,
        FundKind::InfakSedekah,
        FundKind::Beras,
    ];

    pub fn unit(self) -> Unit {
        if self == FundKind::Beras {
            Unit::Gram
        } else {
            Unit::Rupiah
        }
    }

    /// Restricted by the giver (ISAK 35 "dengan pembatasan"): zakat is for the asnaf,
    /// a `terikat` fund for its donor's purpose.
    pub fn restricted(self) -> bool {
        matches!(self, FundKind::Zakat | FundKind::Terikat)
    }
}

crate::str_enum! {
    /// Effect on the fund's balance.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    pub enum Direction {
        Masuk = "masuk",
        Keluar = "keluar",
    }
}

impl Direction {
    pub fn opposite(self) -> Direction {
        match self {
            Direction::Masuk => Direction::Keluar,
            Direction::Keluar => Direction::Masuk,
        }
    }
    /// `amount` with the sign of its effect on the balance.
    pub fn signed(self, amount: i64) -> i64 {
        match self {
            Direction::Masuk => amount,
            Direction::Keluar => -amount,
        }
    }
}

crate::str_enum! {
    /// How income came in (the six fundraising methods of the seed, `lainnya`, and two
    /// the system posts itself: the incoming leg of a transfer and a rice sale).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    pub enum Method {
        Usaha = "usaha",
        ProposalDonatur = "proposal_donatur",
        KerjaSama = "kerja_sama",
        ZakatMaal = "zakat_maal",
        BarangBekas = "barang_bekas",
        Jimpitan = "jimpitan",
        Lainnya = "lainnya",
        Transfer = "transfer",
        PenjualanBeras = "penjualan_beras",
    }
}

impl Method {
    /// Posted only by their own workflow (transfer, rice sale, jimpitan round, donor
    /// proposal), never as a plain entry.
    pub fn reserved(self) -> bool {
        matches!(
            self,
            Method::Transfer | Method::PenjualanBeras | Method::Jimpitan | Method::ProposalDonatur
        )
    }
}

crate::str_enum! {
    /// What an expense was for.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    pub enum Category {
        Operasional = "operasional",
        Kegiatan = "kegiatan",
        Penyaluran = "penyaluran",
        Transfer = "transfer",
        PenjualanBeras = "penjualan_beras",
    }
}

impl Category {
    /// Posted only by their own workflow (distribution, transfer, rice sale).
    pub fn reserved(self) -> bool {
        matches!(
            self,
            Category::Penyaluran | Category::Transfer | Category::PenjualanBeras
        )
    }
}

/// An amount checked against its fund: positive, not absurd, in the fund's unit.
pub fn check_amount(amount: i64, unit: Unit, fund: FundKind) -> Result<(), DanaError> {
    if amount < 1 {
        return Err(DanaError::AmountNotPositive);
    }
    if amount > MAX_AMOUNT {
        return Err(DanaError::AmountTooLarge);
    }
    if unit != fund.unit() {
        return Err(DanaError::UnitMismatch);
    }
    Ok(())
}

/// Entries are dated today or earlier; one day ahead is allowed for time zones.
pub fn check_date(date: NaiveDate, today: NaiveDate) -> Result<(), DanaError> {
    if date > today + chrono::Days::new(1) {
        return Err(DanaError::DateInFuture);
    }
    if date.year() < 2000 {
        return Err(DanaError::DateTooOld);
    }
    Ok(())
}

/// Which plain income methods a fund accepts.
pub fn check_income(fund: FundKind, method: Method) -> Result<(), DanaError> {
    if method.reserved() {
        return Err(DanaError::Reserved);
    }
    let ok = match fund {
        FundKind::Zakat => method == Method::ZakatMaal,
        // The amil share arrives only by transfer from zakat.
        FundKind::Amil => false,
        _ => method != Method::ZakatMaal,
    };
    if ok {
        Ok(())
    } else {
        Err(DanaError::MethodFundMismatch)
    }
}

/// Which plain expense categories a fund accepts (distribution has its own workflow);
/// zakat has no plain expenses at all.
pub fn check_expense(fund: FundKind, category: Category) -> Result<(), DanaError> {
    if category.reserved() {
        Err(DanaError::Reserved)
    } else if fund == FundKind::Zakat {
        Err(DanaError::ZakatExpense)
    } else {
        Ok(())
    }
}

/// The balance after moving `amount` in `direction`; never negative, never overflowing.
pub fn apply(balance: i64, direction: Direction, amount: i64) -> Result<i64, DanaError> {
    let next = balance
        .checked_add(direction.signed(amount))
        .ok_or(DanaError::AmountTooLarge)?;
    if next < 0 {
        Err(DanaError::InsufficientFunds)
    } else {
        Ok(next)
    }
}

/// Zakat received in a year and what has already gone to amil from it, for the 1/8 rule.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ZakatYear {
    pub received: i64,
    pub to_amil: i64,
}

/// May `amount` move from `from` to `to`?
pub fn check_transfer(
    from: FundKind,
    to: FundKind,
    same_fund: bool,
    amount: i64,
    zakat: ZakatYear,
) -> Result<(), DanaError> {
    if same_fund {
        return Err(DanaError::TransferSameFund);
    }
    if from.unit() != to.unit() {
        return Err(DanaError::TransferUnit);
    }
    if from == FundKind::Terikat {
        return Err(DanaError::RestrictedTransfer);
    }
    if from == FundKind::Zakat && to != FundKind::Amil {
        return Err(DanaError::ZakatOnlyToAmil);
    }
    if matches!(to, FundKind::Zakat | FundKind::Amil) && from != FundKind::Zakat {
        return Err(DanaError::InboundRestricted);
    }
    if from == FundKind::Zakat {
        let after = zakat
            .to_amil
            .checked_add(amount)
            .ok_or(DanaError::AmountTooLarge)?;
        if after.saturating_mul(AMIL_SHARE_DENOMINATOR) > zakat.received {
            return Err(DanaError::AmilShareExceeded);
        }
    }
    Ok(())
}

/// What is known about an entry someone wants to reverse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReversalTarget {
    pub is_reversal: bool,
    pub reversed: bool,
}

pub fn check_reversal(t: ReversalTarget) -> Result<(), DanaError> {
    if t.is_reversal {
        Err(DanaError::ReversalOfReversal)
    } else if t.reversed {
        Err(DanaError::AlreadyReversed)
    } else {
        Ok(())
    }
}

/// A reversal is dated on or after the entry it reverses.
pub fn check_reversal_date(entry: NaiveDate, reversal: NaiveDate) -> Result<(), DanaError> {
    if reversal < entry {
        Err(DanaError::ReversalBeforeEntry)
    } else {
        Ok(())
    }
}

/// The balance rule at every date (issue 21): an outflow dated before entries already in
/// the book must not take the running balance below zero at any of them. `balance_now` is
/// the fund's balance with the new entry counted; `later` the signed amounts of the
/// entries dated after it, in book order (date, then posting order). The new entry sorts
/// after every entry of its own day (it is posted last), so only these follow it.
pub fn check_later_entries(balance_now: i64, later: &[i64]) -> Result<(), DanaError> {
    let total: i64 = later.iter().sum();
    let mut running = balance_now - total;
    if running < 0 {
        return Err(DanaError::OverdrawsLaterDate);
    }
    for flow in later {
        running += flow;
        if running < 0 {
            return Err(DanaError::OverdrawsLaterDate);
        }
    }
    Ok(())
}

/// Rupiah for `grams` of rice at `price_per_kg`, rounded half up to the rupiah.
pub fn rice_sale_rupiah(grams: i64, price_per_kg: i64) -> Result<i64, DanaError> {
    let milli = grams
        .checked_mul(price_per_kg)
        .ok_or(DanaError::AmountTooLarge)?;
    let rupiah = milli.checked_add(500).ok_or(DanaError::AmountTooLarge)? / 1000;
    if rupiah < 1 {
        return Err(DanaError::AmountNotPositive);
    }
    if rupiah > MAX_AMOUNT {
        return Err(DanaError::AmountTooLarge);
    }
    Ok(rupiah)
}

const ROMAN_MONTHS: [&str; 12] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
];

/// The receipt number: `001/KW/WKSBM-<PADUKUHAN>/XI/2026` (KW for income, BKK for an
/// expense), numbered per WKSBM per year.
pub fn receipt_number(n: i64, direction: Direction, padukuhan: &str, date: NaiveDate) -> String {
    format!("{n:03}{}", receipt_suffix(direction, padukuhan, date))
}

/// Everything of a receipt number after the sequence number (`/KW/WKSBM-…/XI/2026`):
/// PostgreSQL joins it to the number it draws in the statement that writes the entry.
pub fn receipt_suffix(direction: Direction, padukuhan: &str, date: NaiveDate) -> String {
    let code = match direction {
        Direction::Masuk => "KW",
        Direction::Keluar => "BKK",
    };
    let label: String = padukuhan
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-")
        .to_uppercase();
    let month = ROMAN_MONTHS[date.month0() as usize];
    format!("/{code}/WKSBM-{label}/{month}/{}", date.year())
}

/// A fund of a WKSBM with its balance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fund {
    pub id: uuid::Uuid,
    pub wksbm_id: uuid::Uuid,
    pub kind: FundKind,
    pub name: String,
    pub purpose: Option<String>,
    pub donor_id: Option<uuid::Uuid>,
    pub balance: i64,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// One line of the cash book. Never edited; a mistake is corrected by a reversal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerEntry {
    pub id: uuid::Uuid,
    pub wksbm_id: uuid::Uuid,
    pub fund_id: uuid::Uuid,
    pub date: NaiveDate,
    pub direction: Direction,
    pub amount: i64,
    /// The fund's balance right after this entry was posted.
    pub balance_after: i64,
    pub method: Option<Method>,
    pub category: Option<Category>,
    pub usaha_id: Option<uuid::Uuid>,
    pub donor_id: Option<uuid::Uuid>,
    pub description: String,
    pub receipt_no: String,
    pub reverses_id: Option<uuid::Uuid>,
    pub pair_id: Option<uuid::Uuid>,
    pub penyaluran_id: Option<uuid::Uuid>,
    pub ppks_id: Option<uuid::Uuid>,
    pub jimpitan_id: Option<uuid::Uuid>,
    pub proposal_id: Option<uuid::Uuid>,
    /// A rice sale's price per kilogram in rupiah (on both of its entries).
    pub price_per_kg: Option<i64>,
    pub created_by: uuid::Uuid,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// A plain income or expense as asked for; the rules are checked against its fund.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posting {
    pub fund_id: uuid::Uuid,
    pub date: NaiveDate,
    pub direction: Direction,
    pub amount: i64,
    pub unit: Unit,
    pub method: Option<Method>,
    pub category: Option<Category>,
    pub usaha_id: Option<uuid::Uuid>,
    pub donor_id: Option<uuid::Uuid>,
    pub description: String,
}

/// Every rule a plain posting must meet, given its fund.
pub fn check_posting(p: &Posting, fund: FundKind, today: NaiveDate) -> Result<(), DanaError> {
    check_amount(p.amount, p.unit, fund)?;
    check_date(p.date, today)?;
    match p.direction {
        Direction::Masuk => {
            let method = p.method.ok_or(DanaError::KindMissing)?;
            check_income(fund, method)?;
            if method == Method::Usaha && p.usaha_id.is_none() {
                return Err(DanaError::UsahaMissing);
            }
        }
        Direction::Keluar => check_expense(fund, p.category.ok_or(DanaError::KindMissing)?)?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn amounts_are_positive_bounded_and_in_the_fund_unit() {
        assert_eq!(
            check_amount(0, Unit::Rupiah, FundKind::Umum),
            Err(DanaError::AmountNotPositive)
        );
        assert_eq!(
            check_amount(-5, Unit::Rupiah, FundKind::Umum),
            Err(DanaError::AmountNotPositive)
        );
        assert_eq!(
            check_amount(MAX_AMOUNT + 1, Unit::Rupiah, FundKind::Umum),
            Err(DanaError::AmountTooLarge)
        );
        assert!(check_amount(MAX_AMOUNT, Unit::Rupiah, FundKind::Umum).is_ok());
        assert_eq!(
            check_amount(10, Unit::Rupiah, FundKind::Beras),
            Err(DanaError::UnitMismatch)
        );
        assert_eq!(
            check_amount(10, Unit::Gram, FundKind::Zakat),
            Err(DanaError::UnitMismatch)
        );
        assert!(check_amount(10, Unit::Gram, FundKind::Beras).is_ok());
    }

    #[test]
    fn dates_at_most_a_day_ahead() {
        let today = d("2026-11-29");
        assert!(check_date(d("2026-11-30"), today).is_ok());
        assert_eq!(
            check_date(d("2026-12-01"), today),
            Err(DanaError::DateInFuture)
        );
        assert_eq!(
            check_date(d("1999-12-31"), today),
            Err(DanaError::DateTooOld)
        );
    }

    #[test]
    fn zakat_goes_in_as_zakat_only() {
        assert!(check_income(FundKind::Zakat, Method::ZakatMaal).is_ok());
        assert_eq!(
            check_income(FundKind::Zakat, Method::Lainnya),
            Err(DanaError::MethodFundMismatch)
        );
        assert_eq!(
            check_income(FundKind::Umum, Method::ZakatMaal),
            Err(DanaError::MethodFundMismatch)
        );
        assert_eq!(
            check_income(FundKind::Amil, Method::Lainnya),
            Err(DanaError::MethodFundMismatch)
        );
        assert_eq!(
            check_income(FundKind::Umum, Method::Transfer),
            Err(DanaError::Reserved)
        );
        assert_eq!(
            check_expense(FundKind::Umum, Category::Penyaluran),
            Err(DanaError::Reserved)
        );
        assert_eq!(
            check_expense(FundKind::Zakat, Category::Operasional),
            Err(DanaError::ZakatExpense)
        );
        assert!(check_expense(FundKind::Terikat, Category::Kegiatan).is_ok());
    }

    #[test]
    fn transfers_follow_the_fund_rules() {
        let z = ZakatYear {
            received: 800,
            to_amil: 0,
        };
        let t = |f, to, amount| check_transfer(f, to, false, amount, z);
        assert!(t(FundKind::Zakat, FundKind::Amil, 100).is_ok());
        assert_eq!(
            t(FundKind::Zakat, FundKind::Amil, 101),
            Err(DanaError::AmilShareExceeded)
        );
        assert_eq!(
            check_transfer(
                FundKind::Zakat,
                FundKind::Amil,
                false,
                1,
                ZakatYear {
                    received: 800,
                    to_amil: 100
                }
            ),
            Err(DanaError::AmilShareExceeded)
        );
        assert_eq!(
            t(FundKind::Zakat, FundKind::Umum, 1),
            Err(DanaError::ZakatOnlyToAmil)
        );
        assert_eq!(
            t(FundKind::Terikat, FundKind::Umum, 1),
            Err(DanaError::RestrictedTransfer)
        );
        assert_eq!(
            t(FundKind::Umum, FundKind::Zakat, 1),
            Err(DanaError::InboundRestricted)
        );
        assert_eq!(
            t(FundKind::Umum, FundKind::Beras, 1),
            Err(DanaError::TransferUnit)
        );
        assert!(t(FundKind::Umum, FundKind::Terikat, 1).is_ok());
        assert!(t(FundKind::InfakSedekah, FundKind::Umum, 1).is_ok());
        assert_eq!(
            check_transfer(FundKind::Umum, FundKind::Umum, true, 1, z),
            Err(DanaError::TransferSameFund)
        );
    }

    #[test]
    fn reversals_once_and_never_of_a_reversal() {
        let t = ReversalTarget {
            is_reversal: false,
            reversed: false,
        };
        assert!(check_reversal(t).is_ok());
        assert_eq!(
            check_reversal(ReversalTarget {
                is_reversal: true,
                ..t
            }),
            Err(DanaError::ReversalOfReversal)
        );
        assert_eq!(
            check_reversal(ReversalTarget {
                reversed: true,
                ..t
            }),
            Err(DanaError::AlreadyReversed)
        );
    }

    #[test]
    fn rice_sales_round_half_up() {
        assert_eq!(rice_sale_rupiah(1500, 12_000), Ok(18_000));
        assert_eq!(rice_sale_rupiah(1, 500), Ok(1));
        assert_eq!(rice_sale_rupiah(1, 499), Err(DanaError::AmountNotPositive));
        assert_eq!(
            rice_sale_rupiah(i64::MAX - 100, 1),
            Err(DanaError::AmountTooLarge)
        );
        assert_eq!(
            rice_sale_rupiah(i64::MAX, 2),
            Err(DanaError::AmountTooLarge)
        );
    }

    #[test]
    fn receipt_numbers() {
        assert_eq!(
            receipt_number(1, Direction::Masuk, "Ngentak  Kidul", d("2026-11-29")),
            "001/KW/WKSBM-NGENTAK-KIDUL/XI/2026"
        );
        assert_eq!(
            receipt_number(1234, Direction::Keluar, "Sono", d("2027-01-02")),
            "1234/BKK/WKSBM-SONO/I/2027"
        );
    }

    proptest! {
        /// Whatever sequence of movements is tried, accepted ones keep the balance at
        /// or above zero and equal to the sum of what was accepted.
        #[test]
        fn balance_never_negative_and_equals_the_sum(moves in proptest::collection::vec((any::<bool>(), 1i64..1_000_000), 0..200)) {
            let mut balance = 0i64;
            let mut accepted = Vec::new();
            for (incoming, amount) in moves {
                let dir = if incoming { Direction::Masuk } else { Direction::Keluar };
                match apply(balance, dir, amount) {
                    Ok(b) => { balance = b; accepted.push(dir.signed(amount)); }
                    Err(e) => prop_assert_eq!(e, DanaError::InsufficientFunds),
                }
                prop_assert!(balance >= 0);
            }
            prop_assert_eq!(balance, accepted.iter().sum::<i64>());
        }

        /// A reversal (the opposite direction, same amount) of an income that is still
        /// covered brings the balance back to where it was before the income.
        #[test]
        fn reversal_restores(start in 0i64..1_000_000, amount in 1i64..1_000_000) {
            let after = apply(start, Direction::Masuk, amount).unwrap();
            prop_assert_eq!(apply(after, Direction::Masuk.opposite(), amount), Ok(start));
        }

        /// However the amil share is taken in pieces, it never exceeds 1/8 of zakat.
        #[test]
        fn amil_share_capped(received in 0i64..10_000_000, pieces in proptest::collection::vec(1i64..500_000, 0..50)) {
            let mut to_amil = 0i64;
            for p in pieces {
                if check_transfer(FundKind::Zakat, FundKind::Amil, false, p, ZakatYear { received, to_amil }).is_ok() {
                    to_amil += p;
                }
                prop_assert!(to_amil * 8 <= received);
            }
        }
    }

    proptest! {
        /// Postings in any date order, each accepted only by `apply` and
        /// `check_later_entries`: the running balance in book order (date, then posting
        /// order) is never negative at any entry.
        #[test]
        fn the_balance_holds_at_every_date_whatever_order_entries_are_posted_in(
            postings in proptest::collection::vec((0u32..30, any::<bool>(), 1i64..500), 1..60),
        ) {
            let mut book: Vec<(u32, usize, i64)> = Vec::new();
            let mut balance = 0i64;
            for (seq, (day, income, amount)) in postings.into_iter().enumerate() {
                let flow = if income { amount } else { -amount };
                let Ok(after) = apply(balance, if income { Direction::Masuk } else { Direction::Keluar }, amount) else {
                    continue;
                };
                let mut later: Vec<&(u32, usize, i64)> = book.iter().filter(|e| e.0 > day).collect();
                later.sort_by_key(|e| (e.0, e.1));
                let later: Vec<i64> = later.iter().map(|e| e.2).collect();
                if !income && check_later_entries(after, &later).is_err() {
                    continue;
                }
                balance = after;
                book.push((day, seq, flow));
                let mut ordered = book.clone();
                ordered.sort_by_key(|e| (e.0, e.1));
                let mut running = 0i64;
                for e in &ordered {
                    running += e.2;
                    prop_assert!(running >= 0, "negative at day {}: {:?}", e.0, ordered);
                }
                prop_assert_eq!(running, balance);
            }
        }
    }

    #[test]
    fn a_back_dated_outflow_is_refused_when_a_later_date_would_go_below_zero() {
        // In the book: +100 (day 10), -80 (day 11), +500 (day 12); balance 520.
        let later = [-80, 500];
        assert_eq!(
            check_later_entries(520 - 20, &later),
            Ok(()),
            "-20 on day 10: 0 on day 11"
        );
        assert_eq!(
            check_later_entries(520 - 50, &later),
            Err(DanaError::OverdrawsLaterDate),
            "-50 on day 10: -30 on day 11"
        );
        assert_eq!(check_later_entries(470, &[]), Ok(()), "nothing later");
        assert_eq!(
            check_reversal_date(d("2026-11-20"), d("2026-11-19")),
            Err(DanaError::ReversalBeforeEntry)
        );
        assert_eq!(
            check_reversal_date(d("2026-11-20"), d("2026-11-20")),
            Ok(())
        );
    }
}
