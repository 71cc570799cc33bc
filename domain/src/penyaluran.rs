//! Distribution to PPKS (penyaluran): a round moves draft → diajukan → disetujui, its
//! recipients are paid one by one, and the round is `selesai` when the last one is; or
//! it is `dibatalkan` while no payment stands. A payment made by mistake is reversed in
//! the ledger: its recipient waits again and a finished round is open again.

use crate::dana::{FundKind, LedgerEntry};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The categories of the seed: prevention, the four kinds of handling, referral.
pub const CATEGORIES: [&str; 6] = [
    "pencegahan",
    "penanganan.rehabilitasi_sosial",
    "penanganan.perlindungan_sosial",
    "penanganan.pemberdayaan_sosial",
    "penanganan.jaminan_sosial",
    "rujukan",
];

pub fn category(s: &str) -> Option<&'static str> {
    CATEGORIES.iter().copied().find(|c| *c == s)
}

crate::str_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum RoundStatus {
        Draft = "draft",
        Diajukan = "diajukan",
        Disetujui = "disetujui",
        Selesai = "selesai",
        Dibatalkan = "dibatalkan",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RoundError {
    #[error("recipients are changed only while the round is a draft")]
    NotDraft,
    #[error("only a draft is submitted")]
    NotDraftToSubmit,
    #[error("a round needs at least one recipient before it is submitted")]
    NoRecipients,
    #[error("only a submitted round is approved")]
    NotSubmitted,
    #[error("the ketua approves a round someone else created")]
    OwnRound,
    #[error("the decision cited is not one of an approved decision of a meeting of this WKSBM")]
    DecisionUnknown,
    #[error("only an approved round is paid out")]
    NotApproved,
    #[error("this recipient has already received")]
    AlreadyDisbursed,
    #[error("a round with a payment that stands (not reversed), or finished, is not cancelled")]
    NotCancellable,
    #[error("the person is already a recipient in this round")]
    RecipientRepeated,
    #[error("the person is not an active PPKS of this WKSBM's padukuhan")]
    NotActivePpks,
    #[error("the amount would exceed the cap per person for the period")]
    CapExceeded,
}

impl RoundError {
    pub const ALL: [RoundError; 12] = [
        RoundError::NotDraft,
        RoundError::NotDraftToSubmit,
        RoundError::NoRecipients,
        RoundError::NotSubmitted,
        RoundError::OwnRound,
        RoundError::DecisionUnknown,
        RoundError::NotApproved,
        RoundError::AlreadyDisbursed,
        RoundError::NotCancellable,
        RoundError::RecipientRepeated,
        RoundError::NotActivePpks,
        RoundError::CapExceeded,
    ];

    pub fn message_id_of(code: &str) -> Option<&'static str> {
        Self::ALL
            .into_iter()
            .find(|e| e.code() == code)
            .map(RoundError::message_id)
    }

    pub fn code(self) -> &'static str {
        match self {
            RoundError::NotDraft => "round_not_draft",
            RoundError::NotDraftToSubmit => "round_not_draft",
            RoundError::NoRecipients => "round_without_recipients",
            RoundError::NotSubmitted => "round_not_submitted",
            RoundError::OwnRound => "approving_own_round",
            RoundError::DecisionUnknown => "decision_unknown",
            RoundError::NotApproved => "round_not_approved",
            RoundError::AlreadyDisbursed => "already_disbursed",
            RoundError::NotCancellable => "round_not_cancellable",
            RoundError::RecipientRepeated => "recipient_repeated",
            RoundError::NotActivePpks => "ppks_not_active_here",
            RoundError::CapExceeded => "cap_exceeded",
        }
    }
    pub fn message_id(self) -> &'static str {
        match self {
            RoundError::NotDraft => "Penerima hanya diubah selama putaran masih draf.",
            RoundError::NotDraftToSubmit => "Hanya draf yang diajukan.",
            RoundError::NoRecipients => "Putaran perlu sedikitnya satu penerima.",
            RoundError::NotSubmitted => "Hanya putaran yang diajukan yang disetujui.",
            RoundError::OwnRound => "Ketua tidak menyetujui putaran yang dibuatnya sendiri.",
            RoundError::DecisionUnknown => {
                "Keputusan yang dirujuk bukan keputusan disetujui rapat WKSBM ini."
            }
            RoundError::NotApproved => "Hanya putaran yang disetujui yang disalurkan.",
            RoundError::AlreadyDisbursed => "Penerima ini sudah menerima.",
            RoundError::NotCancellable => {
                "Putaran dengan penyaluran yang belum dibalik, atau yang selesai, tidak dibatalkan."
            }
            RoundError::RecipientRepeated => "Orang ini sudah menjadi penerima di putaran ini.",
            RoundError::NotActivePpks => "Orang ini bukan PPKS aktif WKSBM ini.",
            RoundError::CapExceeded => "Jumlah melebihi batas per orang untuk periode ini.",
        }
    }
    /// State conflicts (409) versus input (422).
    pub fn conflict(self) -> bool {
        !matches!(
            self,
            RoundError::RecipientRepeated | RoundError::NotActivePpks | RoundError::DecisionUnknown
        )
    }
}

pub fn check_recipients_change(status: RoundStatus) -> Result<(), RoundError> {
    if status == RoundStatus::Draft {
        Ok(())
    } else {
        Err(RoundError::NotDraft)
    }
}

pub fn check_submit(status: RoundStatus, recipients: usize) -> Result<(), RoundError> {
    if status != RoundStatus::Draft {
        Err(RoundError::NotDraftToSubmit)
    } else if recipients == 0 {
        Err(RoundError::NoRecipients)
    } else {
        Ok(())
    }
}

/// The ketua approves, never their own round.
pub fn check_approve(
    status: RoundStatus,
    created_by: Uuid,
    approver: Uuid,
) -> Result<(), RoundError> {
    if status != RoundStatus::Diajukan {
        Err(RoundError::NotSubmitted)
    } else if created_by == approver {
        Err(RoundError::OwnRound)
    } else {
        Ok(())
    }
}

pub fn check_disburse(status: RoundStatus, already: bool) -> Result<(), RoundError> {
    if status != RoundStatus::Disetujui {
        Err(RoundError::NotApproved)
    } else if already {
        Err(RoundError::AlreadyDisbursed)
    } else {
        Ok(())
    }
}

pub fn check_cancel(status: RoundStatus, disbursed: usize) -> Result<(), RoundError> {
    if matches!(status, RoundStatus::Selesai | RoundStatus::Dibatalkan) || disbursed > 0 {
        Err(RoundError::NotCancellable)
    } else {
        Ok(())
    }
}

/// The round's status once one of its payments is reversed: the recipient waits again,
/// so a finished round is approved (open for payment) again. Only an approved or
/// finished round has payments.
pub fn status_after_reversal(status: RoundStatus) -> Result<RoundStatus, RoundError> {
    match status {
        RoundStatus::Disetujui | RoundStatus::Selesai => Ok(RoundStatus::Disetujui),
        _ => Err(RoundError::NotApproved),
    }
}

/// The types a recipient shows: its public PPKS codes only. Recipients added before
/// issue 21 were stored with a `dilindungi` marker for their sensitive types, which told
/// any reader of the round that the person is in a protected category; it is dropped.
pub fn shown_types(stored: Vec<String>) -> Vec<String> {
    stored
        .into_iter()
        .filter(|t| t.starts_with("PPKS-"))
        .collect()
}

/// The zakat fund pays only people with an asnaf (DOMAIN.md, Zakat).
pub fn check_zakat_recipient(fund: FundKind, asnaf: Option<&str>) -> bool {
    fund != FundKind::Zakat || asnaf.is_some_and(|a| !a.is_empty())
}

/// Would paying `amount` keep the person at or under `cap` for the period, given what
/// they already received? `None` means no cap is configured.
pub fn check_cap(received: i64, amount: i64, cap: Option<i64>) -> Result<(), RoundError> {
    match cap {
        Some(c) if received.saturating_add(amount) > c => Err(RoundError::CapExceeded),
        _ => Ok(()),
    }
}

/// A distribution round (penyaluran): its plan, where it stands, and (in the detail
/// view) every recipient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Penyaluran {
    pub id: Uuid,
    pub wksbm_id: Uuid,
    pub name: String,
    pub tahap: i32,
    /// One of [`CATEGORIES`].
    pub category: String,
    /// The fund every recipient is paid from.
    pub fund_id: Uuid,
    pub planned_date: NaiveDate,
    pub status: RoundStatus,
    pub created_by: Uuid,
    pub approved_by: Option<Uuid>,
    pub rapat_id: Option<Uuid>,
    pub decision_number: Option<i32>,
    pub status_reason: Option<String>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Empty in lists; every recipient in the detail view.
    pub recipients: Vec<Penerima>,
}

/// One recipient (penerima) of a round: a PPKS, what they receive and why, and, once
/// paid, the payment with its handover.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Penerima {
    pub id: Uuid,
    pub ppks_id: Uuid,
    /// Rupiah, or grams when the round pays from `beras`.
    pub amount: i64,
    pub reason: String,
    /// The person's public PPKS types when added; a sensitive type leaves no trace.
    pub types: Vec<String>,
    /// `None` while waiting (also again after a reversed payment).
    pub payment: Option<Payment>,
}

impl Penerima {
    pub fn disbursed(&self) -> bool {
        self.payment.is_some()
    }
}

/// A recipient's standing payment: its ledger entry, the handover, when it was recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    pub entry_id: Uuid,
    pub handover: Handover,
    pub at: DateTime<Utc>,
    /// The asnaf the person was paid under (zakat; `None` before it was recorded, and for
    /// other funds when the person has none).
    pub asnaf: Option<String>,
}

/// The handover of a payment: when, who received (and how they relate to the person,
/// if not the person), an optional photo reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handover {
    pub date: NaiveDate,
    pub received_by: String,
    pub relation: Option<String>,
    pub photo_ref: Option<String>,
}

/// A recipient as asked for, before it is checked and added to a round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPenerima {
    pub ppks_id: Uuid,
    pub amount: i64,
    pub reason: String,
}

/// A cap per person: at most `amount` rupiah in any `days` days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cap {
    pub amount: i64,
    pub days: u32,
}

/// One recipient paid: the round's status after, the recipient with its payment, the
/// ledger entry, and how many times the person received from another WKSBM in the cap
/// period (a warning, not a refusal).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disbursed {
    pub round_status: RoundStatus,
    pub recipient: Penerima,
    pub entry: LedgerEntry,
    pub elsewhere: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reversed_payment_opens_its_round_again() {
        assert_eq!(
            status_after_reversal(RoundStatus::Selesai),
            Ok(RoundStatus::Disetujui)
        );
        assert_eq!(
            status_after_reversal(RoundStatus::Disetujui),
            Ok(RoundStatus::Disetujui)
        );
        for s in [
            RoundStatus::Draft,
            RoundStatus::Diajukan,
            RoundStatus::Dibatalkan,
        ] {
            assert_eq!(status_after_reversal(s), Err(RoundError::NotApproved));
        }
    }

    #[test]
    fn the_workflow_in_order() {
        let a = Uuid::now_v7();
        let b = Uuid::now_v7();
        assert_eq!(
            check_submit(RoundStatus::Draft, 0),
            Err(RoundError::NoRecipients)
        );
        assert!(check_submit(RoundStatus::Draft, 1).is_ok());
        assert_eq!(
            check_submit(RoundStatus::Diajukan, 1),
            Err(RoundError::NotDraftToSubmit)
        );
        assert_eq!(
            check_approve(RoundStatus::Draft, a, b),
            Err(RoundError::NotSubmitted)
        );
        assert_eq!(
            check_approve(RoundStatus::Diajukan, a, a),
            Err(RoundError::OwnRound)
        );
        assert!(check_approve(RoundStatus::Diajukan, a, b).is_ok());
        assert_eq!(
            check_disburse(RoundStatus::Diajukan, false),
            Err(RoundError::NotApproved)
        );
        assert_eq!(
            check_disburse(RoundStatus::Disetujui, true),
            Err(RoundError::AlreadyDisbursed)
        );
        assert!(check_disburse(RoundStatus::Disetujui, false).is_ok());
        assert!(check_cancel(RoundStatus::Disetujui, 0).is_ok());
        assert_eq!(
            check_cancel(RoundStatus::Disetujui, 1),
            Err(RoundError::NotCancellable)
        );
        assert_eq!(
            check_recipients_change(RoundStatus::Diajukan),
            Err(RoundError::NotDraft)
        );
    }

    #[test]
    fn a_recipient_shows_public_types_only() {
        let stored = vec![
            "PPKS-24".to_owned(),
            "dilindungi".to_owned(),
            "PPKS-08".to_owned(),
        ];
        assert_eq!(shown_types(stored), vec!["PPKS-24", "PPKS-08"]);
    }

    #[test]
    fn zakat_needs_asnaf_and_the_cap_holds() {
        assert!(!check_zakat_recipient(FundKind::Zakat, None));
        assert!(check_zakat_recipient(FundKind::Zakat, Some("fakir")));
        assert!(check_zakat_recipient(FundKind::Umum, None));
        assert!(check_cap(900, 100, Some(1000)).is_ok());
        assert_eq!(
            check_cap(900, 101, Some(1000)),
            Err(RoundError::CapExceeded)
        );
        assert!(check_cap(i64::MAX, 1, None).is_ok());
        assert_eq!(category("rujukan"), Some("rujukan"));
        assert_eq!(category("penanganan"), None);
    }
}
