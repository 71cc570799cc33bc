//! Fundraising records around the ledger: business units (usaha) and their summary,
//! donors' giving, the zakat legal basis, donor proposals (sent → pledged → received),
//! jimpitan rounds (closed into `beras` and `umum` in one transaction) and rice sales.
//! The records are `wksbm_domain::fundraising` and `wksbm_domain::jimpitan` types.
//! Each posts through the ledger (`dana_repo`); a reversal undoes a received proposal
//! or a closed round through the undo steps here (the `correction` module).

mod jimpitan;
mod proposal;
mod rice;
mod usaha;
mod zakat_basis;

pub(crate) use jimpitan::reopen_jimpitan;
pub use jimpitan::{close_jimpitan, create_jimpitan, get_jimpitan, list_jimpitan};
pub(crate) use proposal::undo_receipt;
pub use proposal::{create_proposal, pledge, proposal, proposals, receive};
pub use rice::sell_rice;
pub use usaha::{create_usaha, usaha_summary};
pub use zakat_basis::{set_zakat_basis, zakat_basis};

use crate::StoreError;

fn rule(code: &'static str, message: &str) -> StoreError {
    StoreError::Rule {
        code,
        message: message.into(),
    }
}
