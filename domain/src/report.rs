//! Period reports built from the ledger's sums: per fund opening, income by method,
//! expense by category and closing; and the ISAK 35 split of net assets into those
//! without and with the giver's restriction. A reversal counts against what it reverses
//! (an income reversal lowers that method's income), so every line reconciles:
//! opening + income − expense = closing.

use crate::dana::{Direction, FundKind};
use std::collections::BTreeMap;

/// The sum of a group of entries of one fund in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Movement {
    pub direction: Direction,
    /// The income method, for income and for reversals of income.
    pub method: Option<String>,
    /// The expense category, for expenses and for reversals of expenses.
    pub category: Option<String>,
    pub reversal: bool,
    pub amount: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FundLine {
    pub opening: i64,
    pub income: BTreeMap<String, i64>,
    pub expense: BTreeMap<String, i64>,
    pub closing: i64,
}

impl FundLine {
    pub fn total_income(&self) -> i64 {
        self.income.values().sum()
    }
    pub fn total_expense(&self) -> i64 {
        self.expense.values().sum()
    }
}

pub fn fund_line(opening: i64, movements: &[Movement]) -> FundLine {
    let mut line = FundLine {
        opening,
        ..FundLine::default()
    };
    let mut net = 0i64;
    for m in movements {
        net += m.direction.signed(m.amount);
        let key = |k: &Option<String>| k.clone().unwrap_or_else(|| "lainnya".into());
        match (m.direction, m.reversal) {
            (Direction::Masuk, false) => {
                *line.income.entry(key(&m.method)).or_default() += m.amount
            }
            (Direction::Keluar, true) => {
                *line.income.entry(key(&m.method)).or_default() -= m.amount
            }
            (Direction::Keluar, false) => {
                *line.expense.entry(key(&m.category)).or_default() += m.amount
            }
            (Direction::Masuk, true) => {
                *line.expense.entry(key(&m.category)).or_default() -= m.amount
            }
        }
    }
    line.closing = opening + net;
    line
}

/// One class of net assets over the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NetClass {
    pub opening: i64,
    pub increase: i64,
    pub decrease: i64,
    pub closing: i64,
}

/// ISAK 35: net assets without and with the giver's restriction (rupiah funds only; rice
/// is a stock in grams, reported beside it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NetAssets {
    pub without_restriction: NetClass,
    pub with_restriction: NetClass,
    pub rice_grams_closing: i64,
}

pub fn net_assets(lines: &[(FundKind, &FundLine)]) -> NetAssets {
    let mut out = NetAssets::default();
    for (kind, line) in lines {
        if *kind == FundKind::Beras {
            out.rice_grams_closing += line.closing;
            continue;
        }
        let class = if kind.restricted() {
            &mut out.with_restriction
        } else {
            &mut out.without_restriction
        };
        class.opening += line.opening;
        class.increase += line.total_income();
        class.decrease += line.total_expense();
        class.closing += line.closing;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn mv(direction: Direction, reversal: bool, amount: i64) -> Movement {
        Movement {
            direction,
            method: Some("lainnya".into()),
            category: Some("operasional".into()),
            reversal,
            amount,
        }
    }

    #[test]
    fn a_reversal_counts_against_what_it_reverses() {
        let l = fund_line(
            100,
            &[
                mv(Direction::Masuk, false, 50),
                mv(Direction::Keluar, true, 50),
                mv(Direction::Keluar, false, 30),
            ],
        );
        assert_eq!(l.income["lainnya"], 0);
        assert_eq!(l.expense["operasional"], 30);
        assert_eq!(l.closing, 70);
    }

    #[test]
    fn net_assets_split_by_restriction() {
        let umum = fund_line(10, &[mv(Direction::Masuk, false, 5)]);
        let zakat = fund_line(20, &[mv(Direction::Keluar, false, 5)]);
        let beras = fund_line(1000, &[]);
        let n = net_assets(&[
            (FundKind::Umum, &umum),
            (FundKind::Zakat, &zakat),
            (FundKind::Beras, &beras),
        ]);
        assert_eq!(n.without_restriction.closing, 15);
        assert_eq!(n.with_restriction.closing, 15);
        assert_eq!(n.with_restriction.decrease, 5);
        assert_eq!(n.rice_grams_closing, 1000);
    }

    proptest! {
        #[test]
        fn every_line_reconciles(opening in 0i64..1_000_000, ms in proptest::collection::vec((any::<bool>(), any::<bool>(), 1i64..100_000), 0..100)) {
            let moves: Vec<Movement> = ms.into_iter().map(|(i, r, a)| mv(if i { Direction::Masuk } else { Direction::Keluar }, r, a)).collect();
            let l = fund_line(opening, &moves);
            prop_assert_eq!(l.opening + l.total_income() - l.total_expense(), l.closing);
        }
    }
}
