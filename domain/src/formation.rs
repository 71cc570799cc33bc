//! The life of a WKSBM: the six growth steps in order (Tahapan Penumbuhan), legalisation
//! by the lurah, and the statuses after it. Pure rules; persistence stores the results.

use serde::{Deserialize, Serialize};

crate::str_enum! {
    /// The six steps of the seed, in order.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Step {
        KoordinasiLurah = "koordinasi_lurah",
        KoordinasiKeperangkatan = "koordinasi_keperangkatan",
        PersiapanAdministrasi = "persiapan_administrasi",
        Sosialisasi = "sosialisasi",
        PembentukanKepengurusan = "pembentukan_kepengurusan",
        Pengesahan = "pengesahan",
    }
}

/// The two stages the steps fall into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Persiapan,
    Pelaksanaan,
}

impl Step {
    pub fn stage(self) -> Stage {
        match self {
            Step::KoordinasiLurah | Step::KoordinasiKeperangkatan | Step::PersiapanAdministrasi => {
                Stage::Persiapan
            }
            _ => Stage::Pelaksanaan,
        }
    }
}

crate::str_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Status {
        /// Being formed: steps in progress, not yet legal.
        Pembentukan = "pembentukan",
        /// Legalised by the lurah.
        Aktif = "aktif",
        /// Suspended: its books are read-only until reactivated.
        Dibekukan = "dibekukan",
        /// Dissolved: read-only for ever; the padukuhan may form a new one.
        Dibubarkan = "dibubarkan",
    }
}

impl Status {
    /// Whether the WKSBM's own records (board, steps, later its books) may change.
    pub fn writable(self) -> bool {
        matches!(self, Status::Pembentukan | Status::Aktif)
    }

    /// Whether a member of this WKSBM's board may write anything at all (the PPKS
    /// register, the network, the books): not while it is suspended or dissolved
    /// (issue 21). Its own session (logout, password) is not a write of the WKSBM's.
    pub fn board_may_write(self) -> bool {
        self.writable()
    }

    /// Whether moving to this status ends the board: dissolving ends every seat and the
    /// accounts of the seats, as ending one seat does.
    pub fn ends_board(self) -> bool {
        self == Status::Dibubarkan
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FormationError {
    #[error("step {step} comes after {expected}, which is not done yet")]
    StepOutOfOrder {
        step: &'static str,
        expected: &'static str,
    },
    #[error("step {0} is already done")]
    StepAlreadyDone(&'static str),
    #[error("the pengesahan step is done by legalising the WKSBM")]
    UseLegalisation,
    #[error("the WKSBM is no longer being formed")]
    NotInFormation,
    #[error("legalisation needs the five earlier steps; next is {0}")]
    StepsMissing(&'static str),
    #[error("legalisation needs an active ketua, sekretaris and bendahara")]
    BoardIncomplete,
    #[error("ketua, sekretaris and bendahara must be three different people")]
    BoardNotDistinct,
    #[error("the WKSBM is suspended or dissolved: its records are read-only")]
    ReadOnly,
    #[error("a WKSBM that is {from} cannot become {to}")]
    TransitionNotAllowed {
        from: &'static str,
        to: &'static str,
    },
}

impl FormationError {
    pub fn code(self) -> &'static str {
        match self {
            FormationError::StepOutOfOrder { .. } => "step_out_of_order",
            FormationError::StepAlreadyDone(_) => "step_already_done",
            FormationError::UseLegalisation => "step_needs_legalisation",
            FormationError::NotInFormation => "wksbm_not_in_formation",
            FormationError::StepsMissing(_) => "legalisation_steps_missing",
            FormationError::BoardIncomplete => "legalisation_board_incomplete",
            FormationError::BoardNotDistinct => "legalisation_board_not_distinct",
            FormationError::ReadOnly => "wksbm_read_only",
            FormationError::TransitionNotAllowed { .. } => "status_transition_not_allowed",
        }
    }
}

/// The first step not yet done.
pub fn next_step(done: &[Step]) -> Option<Step> {
    Step::ALL.into_iter().find(|s| !done.contains(s))
}

/// May `step` be completed now?
pub fn check_step(status: Status, done: &[Step], step: Step) -> Result<(), FormationError> {
    if status != Status::Pembentukan {
        return Err(FormationError::NotInFormation);
    }
    if step == Step::Pengesahan {
        return Err(FormationError::UseLegalisation);
    }
    if done.contains(&step) {
        return Err(FormationError::StepAlreadyDone(step.as_str()));
    }
    match next_step(done) {
        Some(expected) if expected != step => Err(FormationError::StepOutOfOrder {
            step: step.as_str(),
            expected: expected.as_str(),
        }),
        _ => Ok(()),
    }
}

/// The board as legalisation sees it: who holds the three key seats (by a person key).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeySeats {
    pub ketua: Option<String>,
    pub sekretaris: Option<String>,
    pub bendahara: Option<String>,
}

/// May the WKSBM be legalised now?
pub fn check_legalisation(
    status: Status,
    done: &[Step],
    seats: &KeySeats,
) -> Result<(), FormationError> {
    if status != Status::Pembentukan {
        return Err(FormationError::NotInFormation);
    }
    if let Some(next) = next_step(done).filter(|s| *s != Step::Pengesahan) {
        return Err(FormationError::StepsMissing(next.as_str()));
    }
    let (Some(k), Some(s), Some(b)) = (&seats.ketua, &seats.sekretaris, &seats.bendahara) else {
        return Err(FormationError::BoardIncomplete);
    };
    if k == s || k == b || s == b {
        return Err(FormationError::BoardNotDistinct);
    }
    Ok(())
}

/// The status changes after legalisation.
pub fn transition(from: Status, to: Status) -> Result<Status, FormationError> {
    let ok = matches!(
        (from, to),
        (Status::Aktif, Status::Dibekukan)
            | (Status::Dibekukan, Status::Aktif)
            | (
                Status::Pembentukan | Status::Aktif | Status::Dibekukan,
                Status::Dibubarkan
            )
    );
    if ok {
        Ok(to)
    } else {
        Err(FormationError::TransitionNotAllowed {
            from: from.as_str(),
            to: to.as_str(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_suspended_or_dissolved_board_writes_nothing_and_dissolving_ends_it() {
        for (s, may, ends) in [
            (Status::Pembentukan, true, false),
            (Status::Aktif, true, false),
            (Status::Dibekukan, false, false),
            (Status::Dibubarkan, false, true),
        ] {
            assert_eq!(s.board_may_write(), may, "{s}");
            assert_eq!(s.ends_board(), ends, "{s}");
        }
    }

    #[test]
    fn steps_go_in_order_and_once() {
        let mut done = Vec::new();
        assert_eq!(
            check_step(Status::Pembentukan, &done, Step::Sosialisasi),
            Err(FormationError::StepOutOfOrder {
                step: "sosialisasi",
                expected: "koordinasi_lurah"
            })
        );
        for s in &Step::ALL[..5] {
            assert_eq!(check_step(Status::Pembentukan, &done, *s), Ok(()));
            done.push(*s);
        }
        assert_eq!(
            check_step(Status::Pembentukan, &done, Step::KoordinasiLurah),
            Err(FormationError::StepAlreadyDone("koordinasi_lurah"))
        );
        assert_eq!(
            check_step(Status::Pembentukan, &done, Step::Pengesahan),
            Err(FormationError::UseLegalisation)
        );
        assert_eq!(
            check_step(Status::Aktif, &[], Step::KoordinasiLurah),
            Err(FormationError::NotInFormation)
        );
        assert_eq!(Step::PersiapanAdministrasi.stage(), Stage::Persiapan);
        assert_eq!(Step::Sosialisasi.stage(), Stage::Pelaksanaan);
    }

    #[test]
    fn legalisation_needs_five_steps_and_three_different_people() {
        let five = &Step::ALL[..5];
        let seats = |k: &str, s: &str, b: &str| KeySeats {
            ketua: Some(k.into()),
            sekretaris: Some(s.into()),
            bendahara: Some(b.into()),
        };
        assert_eq!(
            check_legalisation(Status::Pembentukan, &five[..4], &seats("a", "b", "c")),
            Err(FormationError::StepsMissing("pembentukan_kepengurusan"))
        );
        assert_eq!(
            check_legalisation(Status::Pembentukan, five, &KeySeats::default()),
            Err(FormationError::BoardIncomplete)
        );
        assert_eq!(
            check_legalisation(Status::Pembentukan, five, &seats("a", "b", "a")),
            Err(FormationError::BoardNotDistinct)
        );
        assert_eq!(
            check_legalisation(Status::Pembentukan, five, &seats("a", "b", "c")),
            Ok(())
        );
        assert_eq!(
            check_legalisation(Status::Aktif, five, &seats("a", "b", "c")),
            Err(FormationError::NotInFormation)
        );
    }

    #[test]
    fn status_changes() {
        assert_eq!(
            transition(Status::Aktif, Status::Dibekukan),
            Ok(Status::Dibekukan)
        );
        assert_eq!(
            transition(Status::Dibekukan, Status::Aktif),
            Ok(Status::Aktif)
        );
        assert_eq!(
            transition(Status::Aktif, Status::Dibubarkan),
            Ok(Status::Dibubarkan)
        );
        assert!(
            transition(Status::Dibubarkan, Status::Aktif).is_err(),
            "dissolved is for ever"
        );
        assert!(
            transition(Status::Pembentukan, Status::Aktif).is_err(),
            "only legalisation makes it aktif"
        );
        assert!(transition(Status::Pembentukan, Status::Dibekukan).is_err());
        assert!(
            !Status::Dibekukan.writable()
                && !Status::Dibubarkan.writable()
                && Status::Aktif.writable()
        );
    }

    proptest! {
        /// Whatever order steps are tried in, the completed ones always form a prefix of
        /// the seed's order.
        #[test]
        fn completed_steps_are_always_a_prefix(attempts in proptest::collection::vec(0usize..6, 0..30)) {
            let mut done: Vec<Step> = Vec::new();
            for i in attempts {
                let s = Step::ALL[i];
                if check_step(Status::Pembentukan, &done, s).is_ok() {
                    done.push(s);
                }
            }
            prop_assert_eq!(&done[..], &Step::ALL[..done.len()]);
        }
    }
}

/// A decree (surat keputusan): the legalisation of a WKSBM, or the appointment of a seat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sk {
    pub number: String,
    pub date: chrono::NaiveDate,
    pub signed_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wksbm {
    pub id: uuid::Uuid,
    pub padukuhan_id: uuid::Uuid,
    pub kalurahan: crate::wilayah::KodeWilayah,
    pub name: String,
    pub address: Option<String>,
    pub contact_phone: Option<String>,
    pub status: Status,
    pub status_reason: Option<String>,
    pub sk: Option<Sk>,
    pub version: i64,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

impl Wksbm {
    pub fn territory(&self) -> crate::access::Territory {
        crate::access::Territory::Padukuhan {
            kalurahan: self.kalurahan.clone(),
            id: self.padukuhan_id,
        }
    }
}

/// A completed step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepRecord {
    pub step: Step,
    pub date: chrono::NaiveDate,
    pub notes: Option<String>,
    pub evidence_ref: Option<String>,
    pub done_by: uuid::Uuid,
}
