//! Every rule that refuses a movement of money or rice, with its code and message.

/// Why a movement is refused. `conflict()` separates rules about the current state
/// (409) from input no state could accept (422).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DanaError {
    #[error("the amount must be at least 1")]
    AmountNotPositive,
    #[error("the amount is above 10^13")]
    AmountTooLarge,
    #[error("the unit does not match the fund (rupiah for cash funds, gram for beras)")]
    UnitMismatch,
    #[error("the date is more than one day in the future")]
    DateInFuture,
    #[error("the date is before 2000-01-01")]
    DateTooOld,
    #[error("income needs a method; an expense needs a category")]
    KindMissing,
    #[error("this method or category is posted only by its own workflow")]
    Reserved,
    #[error("this method does not go into this fund")]
    MethodFundMismatch,
    #[error("a business-unit entry needs its business unit")]
    UsahaMissing,
    #[error("the fund does not hold enough")]
    InsufficientFunds,
    #[error("a transfer needs two different funds")]
    TransferSameFund,
    #[error("rice and money do not transfer into each other (sell the rice instead)")]
    TransferUnit,
    #[error("a restricted (terikat) fund is spent on its purpose, never moved")]
    RestrictedTransfer,
    #[error("zakat moves only to the amil fund")]
    ZakatOnlyToAmil,
    #[error("only zakat moves into the zakat and amil funds")]
    InboundRestricted,
    #[error("the amil share would exceed 12.5% of the zakat received this year")]
    AmilShareExceeded,
    #[error("a reversal is not reversed again")]
    ReversalOfReversal,
    #[error("this entry is already reversed")]
    AlreadyReversed,
    #[error("the zakat fund pays only recipients with an asnaf")]
    ZakatWithoutAsnaf,
    #[error("zakat income needs the WKSBM's legal basis for collecting it")]
    ZakatBasisMissing,
    #[error("zakat leaves its fund only to the asnaf (a distribution round) or as the amil share")]
    ZakatExpense,
    #[error("the fund would have gone below zero on a later date of the book")]
    OverdrawsLaterDate,
    #[error("a reversal is not dated before the entry it reverses")]
    ReversalBeforeEntry,
}

impl DanaError {
    pub const ALL: [DanaError; 23] = [
        DanaError::AmountNotPositive,
        DanaError::AmountTooLarge,
        DanaError::UnitMismatch,
        DanaError::DateInFuture,
        DanaError::DateTooOld,
        DanaError::KindMissing,
        DanaError::Reserved,
        DanaError::MethodFundMismatch,
        DanaError::UsahaMissing,
        DanaError::InsufficientFunds,
        DanaError::TransferSameFund,
        DanaError::TransferUnit,
        DanaError::RestrictedTransfer,
        DanaError::ZakatOnlyToAmil,
        DanaError::InboundRestricted,
        DanaError::AmilShareExceeded,
        DanaError::ReversalOfReversal,
        DanaError::AlreadyReversed,
        DanaError::ZakatWithoutAsnaf,
        DanaError::ZakatBasisMissing,
        DanaError::ZakatExpense,
        DanaError::OverdrawsLaterDate,
        DanaError::ReversalBeforeEntry,
    ];

    /// The Indonesian message of a money rule by its code.
    pub fn message_id_of(code: &str) -> Option<&'static str> {
        Self::ALL
            .into_iter()
            .find(|e| e.code() == code)
            .map(DanaError::message_id)
    }

    pub fn code(self) -> &'static str {
        match self {
            DanaError::AmountNotPositive => "amount_not_positive",
            DanaError::AmountTooLarge => "amount_too_large",
            DanaError::UnitMismatch => "unit_mismatch",
            DanaError::DateInFuture => "date_in_future",
            DanaError::DateTooOld => "date_too_old",
            DanaError::KindMissing => "entry_kind_missing",
            DanaError::Reserved => "reserved_for_workflow",
            DanaError::MethodFundMismatch => "method_fund_mismatch",
            DanaError::UsahaMissing => "usaha_missing",
            DanaError::InsufficientFunds => "insufficient_funds",
            DanaError::TransferSameFund => "transfer_same_fund",
            DanaError::TransferUnit => "transfer_unit",
            DanaError::RestrictedTransfer => "restricted_fund_transfer",
            DanaError::ZakatOnlyToAmil => "zakat_only_to_amil",
            DanaError::InboundRestricted => "inbound_restricted",
            DanaError::AmilShareExceeded => "amil_share_exceeded",
            DanaError::ReversalOfReversal => "reversal_of_reversal",
            DanaError::AlreadyReversed => "already_reversed",
            DanaError::ZakatWithoutAsnaf => "zakat_without_asnaf",
            DanaError::ZakatBasisMissing => "zakat_basis_missing",
            DanaError::ZakatExpense => "zakat_plain_expense",
            DanaError::OverdrawsLaterDate => "insufficient_funds_on_later_date",
            DanaError::ReversalBeforeEntry => "reversal_before_entry",
        }
    }

    /// The request field the rule is about.
    pub fn field(self) -> &'static str {
        match self {
            DanaError::AmountNotPositive
            | DanaError::AmountTooLarge
            | DanaError::InsufficientFunds
            | DanaError::AmilShareExceeded
            | DanaError::OverdrawsLaterDate => "amount",
            DanaError::UnitMismatch => "unit",
            DanaError::DateInFuture | DanaError::DateTooOld | DanaError::ReversalBeforeEntry => {
                "date"
            }
            DanaError::KindMissing | DanaError::Reserved | DanaError::MethodFundMismatch => {
                "method"
            }
            DanaError::UsahaMissing => "usaha_id",
            DanaError::TransferSameFund
            | DanaError::TransferUnit
            | DanaError::RestrictedTransfer
            | DanaError::ZakatOnlyToAmil
            | DanaError::InboundRestricted => "to_fund_id",
            DanaError::ZakatWithoutAsnaf => "ppks_id",
            DanaError::ReversalOfReversal | DanaError::AlreadyReversed => "entry_id",
            DanaError::ZakatBasisMissing | DanaError::ZakatExpense => "fund_id",
        }
    }

    /// True for rules about the state as it stands (409); false for input (422).
    pub fn conflict(self) -> bool {
        matches!(
            self,
            DanaError::InsufficientFunds
                | DanaError::OverdrawsLaterDate
                | DanaError::AmilShareExceeded
                | DanaError::AlreadyReversed
                | DanaError::ZakatBasisMissing
        )
    }

    /// The message in Indonesian.
    pub fn message_id(self) -> &'static str {
        match self {
            DanaError::AmountNotPositive => "Jumlah minimal 1.",
            DanaError::AmountTooLarge => "Jumlah melebihi 10^13.",
            DanaError::UnitMismatch => {
                "Satuan tidak sesuai dana (rupiah untuk dana uang, gram untuk beras)."
            }
            DanaError::DateInFuture => "Tanggal lebih dari satu hari ke depan.",
            DanaError::DateTooOld => "Tanggal sebelum 2000-01-01.",
            DanaError::KindMissing => "Pemasukan perlu cara; pengeluaran perlu kategori.",
            DanaError::Reserved => "Cara atau kategori ini dicatat lewat alurnya sendiri.",
            DanaError::MethodFundMismatch => "Cara ini tidak masuk ke dana ini.",
            DanaError::UsahaMissing => "Pemasukan usaha perlu unit usahanya.",
            DanaError::InsufficientFunds => "Saldo dana tidak cukup.",
            DanaError::TransferSameFund => "Pemindahan perlu dua dana yang berbeda.",
            DanaError::TransferUnit => "Beras dan uang tidak dipindahkan satu ke yang lain.",
            DanaError::RestrictedTransfer => {
                "Dana terikat dipakai untuk tujuannya, tidak dipindah."
            }
            DanaError::ZakatOnlyToAmil => "Zakat hanya dipindah ke dana amil.",
            DanaError::InboundRestricted => "Hanya zakat yang masuk ke dana zakat dan amil.",
            DanaError::AmilShareExceeded => "Bagian amil melebihi 12,5% zakat tahun ini.",
            DanaError::ReversalOfReversal => "Pembalikan tidak dibalik lagi.",
            DanaError::AlreadyReversed => "Catatan ini sudah dibalik.",
            DanaError::ZakatWithoutAsnaf => "Dana zakat hanya untuk penerima yang punya asnaf.",
            DanaError::ZakatBasisMissing => "Dasar hukum pengumpulan zakat belum dicatat.",
            DanaError::ZakatExpense => {
                "Zakat keluar hanya kepada asnaf (putaran penyaluran) atau sebagai bagian amil."
            }
            DanaError::OverdrawsLaterDate => {
                "Dengan tanggal ini saldo dana akan minus pada tanggal sesudahnya di buku kas."
            }
            DanaError::ReversalBeforeEntry => {
                "Pembalikan tidak boleh bertanggal sebelum catatan yang dibalik."
            }
        }
    }
}
