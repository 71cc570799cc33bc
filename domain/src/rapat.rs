//! Meetings (buku notulensi rapat): attendance, quorum and numbered decisions.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

crate::str_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Outcome {
        Disetujui = "disetujui",
        Ditolak = "ditolak",
        Ditunda = "ditunda",
    }
}

/// Someone at the meeting: a board member (by seat) or a guest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendee {
    pub name: String,
    /// The seat of a board member; `None` for a guest.
    pub seat_id: Option<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// 1, 2, … within the meeting.
    pub number: u32,
    pub text: String,
    pub outcome: Outcome,
}

/// More than half of the active board present.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quorum {
    pub present: u32,
    pub board_size: u32,
    pub reached: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MeetingError {
    #[error("an attendee's seat is not an active seat of this board")]
    NotOnBoard,
    #[error("a board member is listed twice")]
    ListedTwice,
}

impl MeetingError {
    pub fn code(self) -> &'static str {
        match self {
            MeetingError::NotOnBoard => "attendee_not_on_board",
            MeetingError::ListedTwice => "attendee_listed_twice",
        }
    }
}

/// Checks attendance against the active board and computes the quorum.
pub fn quorum(active_seats: &[Uuid], attendees: &[Attendee]) -> Result<Quorum, MeetingError> {
    let mut seen = std::collections::HashSet::new();
    for seat in attendees.iter().filter_map(|a| a.seat_id) {
        if !active_seats.contains(&seat) {
            return Err(MeetingError::NotOnBoard);
        }
        if !seen.insert(seat) {
            return Err(MeetingError::ListedTwice);
        }
    }
    let present = u32::try_from(seen.len()).unwrap_or(u32::MAX);
    let board_size = u32::try_from(active_seats.len()).unwrap_or(u32::MAX);
    Ok(Quorum {
        present,
        board_size,
        reached: board_size > 0 && present.saturating_mul(2) > board_size,
    })
}

/// Numbers decisions 1, 2, … in the order given.
pub fn number(decisions: Vec<(String, Outcome)>) -> Vec<Decision> {
    decisions
        .into_iter()
        .zip(1u32..)
        .map(|((text, outcome), number)| Decision {
            number,
            text,
            outcome,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(seat: Uuid) -> Attendee {
        Attendee {
            name: "x".into(),
            seat_id: Some(seat),
        }
    }

    #[test]
    fn quorum_is_more_than_half_of_the_active_board() {
        let board: Vec<Uuid> = (0..4).map(|_| Uuid::now_v7()).collect();
        let guest = Attendee {
            name: "Tamu".into(),
            seat_id: None,
        };
        let two = [member(board[0]), member(board[1]), guest.clone()];
        assert_eq!(
            quorum(&board, &two).unwrap(),
            Quorum {
                present: 2,
                board_size: 4,
                reached: false
            },
            "half is not more than half"
        );
        let three = [member(board[0]), member(board[1]), member(board[2])];
        assert!(quorum(&board, &three).unwrap().reached);
        assert_eq!(
            quorum(&board, &[member(Uuid::now_v7())]),
            Err(MeetingError::NotOnBoard)
        );
        assert_eq!(
            quorum(&board, &[member(board[0]), member(board[0])]),
            Err(MeetingError::ListedTwice)
        );
        assert!(
            !quorum(&[], &[guest]).unwrap().reached,
            "no board, no quorum"
        );
    }

    #[test]
    fn decisions_are_numbered_in_order() {
        let d = number(vec![
            ("a".into(), Outcome::Disetujui),
            ("b".into(), Outcome::Ditunda),
        ]);
        assert_eq!(
            (d[0].number, d[1].number, d[1].outcome),
            (1, 2, Outcome::Ditunda)
        );
    }
}

/// A recorded meeting with its decisions (each with the id later workflows cite).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rapat {
    pub id: Uuid,
    pub wksbm_id: Uuid,
    pub date: chrono::NaiveDate,
    pub place: String,
    pub agenda: String,
    pub minutes: Option<String>,
    pub attendees: Vec<Attendee>,
    pub quorum: Quorum,
    pub decisions: Vec<(Uuid, Decision)>,
    pub created_by: Uuid,
    pub created_at: chrono::DateTime<chrono::Utc>,
}
