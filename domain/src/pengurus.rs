//! The board (kepengurusan): positions, single-seat rules and the people holding seats.

use serde::{Deserialize, Serialize};

crate::str_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Position {
        Pelindung = "pelindung",
        Penasehat = "penasehat",
        Ketua = "ketua",
        WakilKetua = "wakil_ketua",
        Sekretaris = "sekretaris",
        Bendahara = "bendahara",
        Seksi = "seksi",
        Anggota = "anggota",
    }
}

impl Position {
    /// The jabatan of the account a seat of this position is given; advisory seats
    /// (pelindung, penasehat) get none.
    pub fn account_jabatan(self) -> Option<crate::access::Jabatan> {
        use crate::access::Jabatan;
        match self {
            Position::Ketua => Some(Jabatan::Ketua),
            Position::WakilKetua => Some(Jabatan::WakilKetua),
            Position::Sekretaris => Some(Jabatan::Sekretaris),
            Position::Bendahara => Some(Jabatan::Bendahara),
            Position::Seksi | Position::Anggota => Some(Jabatan::Anggota),
            Position::Pelindung | Position::Penasehat => None,
        }
    }

    /// One holder at a time.
    pub fn single_seat(self) -> bool {
        matches!(
            self,
            Position::Ketua | Position::WakilKetua | Position::Sekretaris | Position::Bendahara
        )
    }
}

/// An active seat as the rules see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActiveSeat {
    pub position: Position,
    /// Identifies the person (their folded name).
    pub person: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BoardError {
    #[error("the ketua and the bendahara must be different people")]
    KetuaIsBendahara,
    #[error("this person already holds this position")]
    AlreadyHolds,
    #[error("this position has a holder; appoint with replace to end that term")]
    SeatTaken,
}

impl BoardError {
    pub fn code(self) -> &'static str {
        match self {
            BoardError::KetuaIsBendahara => "ketua_is_bendahara",
            BoardError::AlreadyHolds => "seat_already_held",
            BoardError::SeatTaken => "seat_taken",
        }
    }
}

/// Checks an appointment against the active board. Returns whether it replaces the
/// current holder of a single seat (whose term then ends).
pub fn check_appointment(
    active: &[ActiveSeat],
    position: Position,
    person: &str,
    replace: bool,
) -> Result<bool, BoardError> {
    if active
        .iter()
        .any(|s| s.position == position && s.person == person)
    {
        return Err(BoardError::AlreadyHolds);
    }
    let clashes = |other: Position| {
        active
            .iter()
            .any(|s| s.position == other && s.person == person)
    };
    if (position == Position::Ketua && clashes(Position::Bendahara))
        || (position == Position::Bendahara && clashes(Position::Ketua))
    {
        return Err(BoardError::KetuaIsBendahara);
    }
    let occupied = position.single_seat() && active.iter().any(|s| s.position == position);
    if occupied && !replace {
        return Err(BoardError::SeatTaken);
    }
    Ok(occupied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bendahara_keeps_the_books_and_the_ketua_only_while_none_serves() {
        assert!(keeps_books(Position::Bendahara, true));
        assert!(keeps_books(Position::Ketua, false));
        assert!(!keeps_books(Position::Ketua, true));
        assert!(!keeps_books(Position::Sekretaris, false));
    }

    fn seat(p: Position, who: &str) -> ActiveSeat {
        ActiveSeat {
            position: p,
            person: who.into(),
        }
    }

    #[test]
    fn single_seats_need_an_explicit_replacement_and_ketua_is_never_bendahara() {
        let board = vec![
            seat(Position::Ketua, "sri"),
            seat(Position::Anggota, "budi"),
        ];
        assert_eq!(
            check_appointment(&board, Position::Ketua, "tono", false),
            Err(BoardError::SeatTaken),
            "no second ketua"
        );
        assert_eq!(
            check_appointment(&board, Position::Ketua, "tono", true),
            Ok(true),
            "replaces the ketua"
        );
        assert_eq!(
            check_appointment(&board, Position::Anggota, "tono", false),
            Ok(false),
            "anggota are many"
        );
        assert_eq!(
            check_appointment(&board, Position::Bendahara, "sri", false),
            Err(BoardError::KetuaIsBendahara)
        );
        let board = vec![seat(Position::Bendahara, "sri")];
        assert_eq!(
            check_appointment(&board, Position::Ketua, "sri", false),
            Err(BoardError::KetuaIsBendahara)
        );
        assert_eq!(
            check_appointment(&board, Position::Bendahara, "sri", true),
            Err(BoardError::AlreadyHolds)
        );
        assert_eq!(
            check_appointment(&board, Position::Sekretaris, "sri", false),
            Ok(false),
            "a bendahara may also be sekretaris until legalisation"
        );
    }
}

/// Whether the holder of a seat at `position` keeps the books: the bendahara, and the
/// ketua while no bendahara serves (as `access::may_keep_books`). Nobody else resets such
/// a holder's password: whoever did could post money under the holder's name (issue 21).
pub fn keeps_books(position: Position, bendahara_serves: bool) -> bool {
    position == Position::Bendahara || (position == Position::Ketua && !bendahara_serves)
}

/// A seat on the board, current or past.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seat {
    pub id: uuid::Uuid,
    pub wksbm_id: uuid::Uuid,
    pub position: Position,
    pub holder_name: String,
    pub term_start: chrono::NaiveDate,
    pub term_end: chrono::NaiveDate,
    /// The decree that appointed the holder, in the shape of the legalisation SK.
    pub sk: Option<crate::formation::Sk>,
    pub ended_at: Option<chrono::DateTime<chrono::Utc>>,
    pub status_reason: Option<String>,
    /// The `pengurus` account given to this seat, if any.
    pub account_id: Option<uuid::Uuid>,
}
