//! Fundraising records around the ledger: business units (usaha) and their summary,
//! donors' giving, the zakat legal basis, donor proposals (sent → pledged → received),
//! jimpitan rounds (closed into `beras` and `umum` in one transaction) and rice sales.
//! Each posts through the ledger (`ledger_repo`); a reversal undoes a received proposal
//! or a closed round through the undo steps here (the `correction` module).

mod jimpitan;
mod proposal;
mod rice;
mod usaha;
mod zakat_basis;

pub(crate) use jimpitan::reopen_round;
pub use jimpitan::{Round, close_round, create_round, round, rounds};
pub(crate) use proposal::undo_receipt;
pub use proposal::{Proposal, create_proposal, pledge, proposal, proposals, receive};
pub use rice::sell_rice;
pub use usaha::{Usaha, create_usaha, usaha_summary};
pub use zakat_basis::{ZakatBasis, set_zakat_basis, zakat_basis};

use crate::StoreError;

fn rule(code: &'static str, message: &str) -> StoreError {
    StoreError::Rule {
        code,
        message: message.into(),
    }
}
