//! Funds and the ledger (buku kas). A posting runs in one write transaction: the fund's
//! balance moves by a conditional UPDATE (`balance + delta >= 0`), which on PostgreSQL
//! also takes the fund's row lock, so concurrent postings to one fund run one after the
//! other and none can overdraw it; SQLite's BEGIN IMMEDIATE serialises writers anyway.
//! Locks are always taken in the same order — a round's recipient, the round, the receipt
//! counter, funds (by id), the audit head — so two transactions never wait on each other
//! in a circle.
//!
//! The workflows (fundraising, penyaluran, wksbm) use this module; it never uses them.
//! What a reversed entry's workflow goes back to is undone by the workflow; the
//! `correction` module composes this module's reversal with those undo steps. One part of
//! a workflow stays in the writer by design: a payment's round counts one fewer waiting
//! in the statement that posts it (`Along::round`, SQL on the `penyaluran` row, no
//! call into the workflow), so that the round is locked before the receipt counter and
//! held one round trip.
//!
//! - `rows`: stored rows as domain types; the WKSBM money is written for;
//! - `funds`: the funds, opened with legalisation or for a donor's purpose;
//! - `links`: checks of what a posting names (business unit, donor, zakat basis);
//! - `new_entry`: an entry to write and what its statement also does;
//! - `writer`: an entry written with its receipt number, on SQLite step by step and on
//!   PostgreSQL in one statement (`postgres`);
//! - `posting`, `transfer`, `reversal`: the three ways money moves;
//! - `queries`: entries, balances and sums read back.

mod funds;
mod links;
mod new_entry;
mod postgres;
mod posting;
mod queries;
pub(crate) mod reversal;
mod rows;
mod transfer;
mod writer;

pub(crate) use funds::{ensure_funds, fund_in, standard_fund};
pub use funds::{fund, funds, open_restricted};
pub(crate) use links::donor_in;
pub(crate) use new_entry::{Along, NewEntry};
pub use posting::post;
pub use queries::{
    LedgerFilter, PeriodSums, balance_at, entries_sum, entry, list, period_sums, reversed_by,
};
pub(crate) use rows::{check_active, dana_wksbm};
pub use transfer::{Transfer, transfer};
pub(crate) use writer::{write_line, write_line_with};
