//! Who may do what where: roles, territories and the one policy (GUIDE.md section 3).
//! Handlers ask `may` first thing; persistence applies the same territory as a filter.

use crate::wilayah::{KodeWilayah, Level};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

crate::str_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Role {
        Admin = "admin",
        Dinsos = "dinsos",
        Kapanewon = "kapanewon",
        Kalurahan = "kalurahan",
        Pengurus = "pengurus",
        Integrasi = "integrasi",
    }
}

impl Role {
    /// Seniority for "only roles below its own". `integrasi` ranks with `dinsos` so
    /// that only an administrator creates service accounts.
    pub fn rank(self) -> u8 {
        match self {
            Role::Admin => 5,
            Role::Dinsos | Role::Integrasi => 4,
            Role::Kapanewon => 3,
            Role::Kalurahan => 2,
            Role::Pengurus => 1,
        }
    }

    /// The territory levels an account of this role may be scoped to.
    pub fn allowed_levels(self) -> &'static [Level] {
        match self {
            Role::Admin | Role::Dinsos => &[Level::Kabupaten],
            Role::Kapanewon => &[Level::Kapanewon],
            Role::Kalurahan => &[Level::Kalurahan],
            Role::Pengurus => &[],
            Role::Integrasi => &[Level::Kabupaten, Level::Kapanewon, Level::Kalurahan],
        }
    }
}

crate::str_enum! {
    /// A board member's position, for `pengurus` accounts.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Jabatan {
        Ketua = "ketua",
        WakilKetua = "wakil_ketua",
        Sekretaris = "sekretaris",
        Bendahara = "bendahara",
        Anggota = "anggota",
    }
}

/// Where an actor may act, or where a resource lives: a region (kabupaten down to
/// kalurahan) or one padukuhan of a kalurahan.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Territory {
    Wilayah(KodeWilayah),
    Padukuhan { kalurahan: KodeWilayah, id: Uuid },
}

impl Territory {
    /// True when `other` lies inside (or is) this territory.
    pub fn contains(&self, other: &Territory) -> bool {
        match (self, other) {
            (Territory::Wilayah(a), Territory::Wilayah(b)) => b.is_within(a),
            (Territory::Wilayah(a), Territory::Padukuhan { kalurahan, .. }) => {
                kalurahan.is_within(a)
            }
            (Territory::Padukuhan { id: a, .. }, Territory::Padukuhan { id: b, .. }) => a == b,
            (Territory::Padukuhan { .. }, Territory::Wilayah(_)) => false,
        }
    }

    /// The region code this territory is in (the kalurahan for a padukuhan).
    pub fn wilayah(&self) -> &KodeWilayah {
        match self {
            Territory::Wilayah(k) | Territory::Padukuhan { kalurahan: k, .. } => k,
        }
    }

    pub fn padukuhan_id(&self) -> Option<Uuid> {
        match self {
            Territory::Wilayah(_) => None,
            Territory::Padukuhan { id, .. } => Some(*id),
        }
    }

    /// As carried in a token's `scope` claim: the code, or the padukuhan id.
    pub fn claim(&self) -> String {
        match self {
            Territory::Wilayah(k) => k.to_string(),
            Territory::Padukuhan { id, .. } => id.to_string(),
        }
    }
}

/// The authenticated caller, as the policy sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Uuid,
    pub role: Role,
    pub territory: Territory,
    pub wksbm_id: Option<Uuid>,
    pub jabatan: Option<Jabatan>,
    /// `integrasi` accounts read personal data only with this grant.
    pub personal_data_grant: bool,
}

crate::str_enum! {
    /// Everything the policy decides about.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Action {
        UserRead = "user.read",
        UserCreate = "user.create",
        UserUpdate = "user.update",
        UserDeactivate = "user.deactivate",
        UserResetPassword = "user.reset_password",
        AuditRead = "audit.read",
        PadukuhanRead = "padukuhan.read",
        PadukuhanManage = "padukuhan.manage",
        WksbmRead = "wksbm.read",
        WksbmCreate = "wksbm.create",
        WksbmStep = "wksbm.tahapan",
        WksbmLegalise = "wksbm.pengesahan",
        WksbmStatus = "wksbm.status",
        BoardRead = "pengurus.read",
        BoardManage = "pengurus.manage",
        MeetingRead = "rapat.read",
        MeetingWrite = "rapat.write",
        WksbmUpdate = "wksbm.update",
        StampManage = "wksbm.stempel",
        PpksRead = "ppks.read",
        PpksWrite = "ppks.write",
        /// The full NIK, No. KK, phone and sensitive types of a person (property level).
        PpksReadFull = "ppks.read_full",
        PpksVerify = "ppks.verify",
        PpksAnonymise = "ppks.anonymise",
        /// PSKS, donors and partners (books 9-11).
        PartnerRead = "mitra.read",
        PartnerManage = "mitra.manage",
        /// Fund balances and period reports: figures, no names.
        DanaReport = "dana.report",
        /// The cash book, jimpitan, business units, proposals and rounds: these carry
        /// recipients' reasons, who received, collectors and buyers.
        DanaRead = "dana.read",
        /// Posting to the ledger: the bendahara (the ketua while no bendahara serves).
        DanaWrite = "dana.write",
        /// Preparing a distribution round: the board except anggota.
        DistributionPlan = "penyaluran.plan",
        /// Approving a distribution round: the ketua alone.
        DistributionApprove = "penyaluran.approve",
        /// Recording the legal basis for collecting zakat.
        ZakatBasis = "zakat.basis",
    }
}

/// The answer: allowed; `Forbidden` (inside the territory, not permitted: 403);
/// `NotFound` (outside the territory: 404, so that existence never leaks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allow,
    Forbidden,
    NotFound,
}

/// What each role may do inside its own territory.
fn permitted(actor: &Actor, action: Action) -> bool {
    use Action::*;
    let reads = matches!(
        action,
        PadukuhanRead
            | WksbmRead
            | BoardRead
            | MeetingRead
            | PpksRead
            | PartnerRead
            | DanaReport
            | DanaRead
    );
    // The books and the distribution are the board's own work (the lurah supervises and
    // records the zakat decree; nobody above posts money for them).
    let board_dana = matches!(action, DanaWrite | DistributionPlan | DistributionApprove);
    match actor.role {
        // Legalising and suspending belong to the lurah alone (Perbup Bantul 16/2020);
        // the minutes are the board's own book, kept by its ketua or sekretaris.
        // Verifying a person is the kalurahan's or Dinas Sosial's field check.
        Role::Admin => {
            !board_dana
                && !matches!(
                    action,
                    WksbmLegalise | WksbmStatus | MeetingWrite | PpksVerify
                )
        }
        Role::Dinsos => reads || matches!(action, UserRead | AuditRead | PpksReadFull | PpksVerify),
        Role::Kapanewon => reads || matches!(action, UserRead),
        Role::Kalurahan => action != MeetingWrite && !board_dana,
        // The ketua and sekretaris keep the minutes, the stamp and the PPKS register;
        // the bendahara and the others see the register masked.
        Role::Pengurus => {
            reads
                || (matches!(
                    action,
                    MeetingWrite | StampManage | PpksWrite | PpksReadFull
                ) && matches!(actor.jabatan, Some(Jabatan::Ketua | Jabatan::Sekretaris)))
                // Donors and partners are the whole board's work, the bendahara's above all.
                || (action == PartnerManage && actor.jabatan != Some(Jabatan::Anggota))
                // The bendahara keeps the books; the ketua only while no bendahara
                // serves (checked against the board when posting).
                || (action == DanaWrite
                    && matches!(actor.jabatan, Some(Jabatan::Bendahara | Jabatan::Ketua)))
                || (matches!(action, DistributionPlan)
                    && matches!(
                        actor.jabatan,
                        Some(
                            Jabatan::Ketua
                                | Jabatan::WakilKetua
                                | Jabatan::Sekretaris
                                | Jabatan::Bendahara
                        )
                    ))
                || (matches!(action, DistributionApprove | ZakatBasis)
                    && actor.jabatan == Some(Jabatan::Ketua))
        }
        // Board members', donors' and PSKS names are personal data: only with the grant.
        Role::Integrasi => {
            matches!(action, PadukuhanRead | WksbmRead | PpksRead | DanaReport)
                || (matches!(action, BoardRead | PpksReadFull | PartnerRead | DanaRead)
                    && actor.personal_data_grant)
        }
    }
}

/// May `actor` see the full identity and sensitive types of a person registered by
/// `wksbm_id` at `target`? Board members only for their own WKSBM's people.
pub fn may_see_personal(actor: &Actor, wksbm_id: Option<Uuid>, target: &Territory) -> bool {
    may(actor, Action::PpksReadFull, target) == Decision::Allow
        && (actor.role != Role::Pengurus || (wksbm_id.is_some() && actor.wksbm_id == wksbm_id))
}

/// May `actor` search the register by an exact NIK? Only with the full-view right: an
/// exact search answers yes or no for one NIK, so a reader who sees a NIK masked could
/// otherwise recover its hidden digits by trying them (issue 21). The hits are then kept
/// to the people the reader sees in full (`may_see_personal`).
pub fn may_search_identity(actor: &Actor) -> bool {
    permitted(actor, Action::PpksReadFull)
}

/// May `actor` learn that something located at `target` exists? Only inside its own
/// territory: elsewhere a duplicate is reported without pointing at it.
pub fn may_know_of(actor: &Actor, target: &Territory) -> bool {
    actor.territory.contains(target)
}

/// The one policy: may `actor` do `action` to something located at `target`?
pub fn may(actor: &Actor, action: Action, target: &Territory) -> Decision {
    if !may_know_of(actor, target) {
        Decision::NotFound
    } else if permitted(actor, action) {
        Decision::Allow
    } else {
        Decision::Forbidden
    }
}

/// `may` for something belonging to one WKSBM: a board member acts only for its own
/// WKSBM (a padukuhan may have had an earlier, dissolved one).
pub fn may_in_wksbm(actor: &Actor, action: Action, wksbm_id: Uuid, target: &Territory) -> Decision {
    match may(actor, action, target) {
        Decision::Allow if actor.role == Role::Pengurus && actor.wksbm_id != Some(wksbm_id) => {
            Decision::Forbidden
        }
        other => other,
    }
}

/// `may` for something made in a region itself (a padukuhan added to a kalurahan).
pub fn may_at_region(actor: &Actor, action: Action, region: &KodeWilayah) -> Decision {
    may(actor, action, &Territory::Wilayah(region.clone()))
}

/// May `actor` do `action` over a region as a whole (a list or a summary of what lies
/// in it)? A region inside its territory, and for a board member the kalurahan of its
/// padukuhan: what it sees there is then narrowed by the scope filter. Outside is
/// `NotFound`.
pub fn may_in_region(actor: &Actor, action: Action, region: &KodeWilayah) -> Decision {
    let visible = actor
        .territory
        .contains(&Territory::Wilayah(region.clone()))
        || actor.territory.wilayah() == region;
    if !visible {
        Decision::NotFound
    } else if permitted(actor, action) {
        Decision::Allow
    } else {
        Decision::Forbidden
    }
}

/// `may` for a person in the PPKS register registered by `wksbm_id` (or placed where
/// `wksbm_id` is the live WKSBM). A board member acts for its own WKSBM only: a person
/// another WKSBM registered (a dissolved predecessor's, or a successor's) is not there for
/// it at all (`NotFound`, issue 21), and while the padukuhan has no WKSBM it writes no
/// one. The full identity is [`may_see_personal`].
pub fn may_on_person(
    actor: &Actor,
    action: Action,
    wksbm_id: Option<Uuid>,
    target: &Territory,
) -> Decision {
    match may(actor, action, target) {
        Decision::Allow
            if actor.role == Role::Pengurus && wksbm_id.is_some() && actor.wksbm_id != wksbm_id =>
        {
            Decision::NotFound
        }
        Decision::Allow
            if action == Action::PpksWrite
                && actor.role == Role::Pengurus
                && wksbm_id.is_none() =>
        {
            Decision::Forbidden
        }
        other => other,
    }
}

/// Whether [`may_keep_books`] depends on whether a bendahara serves: true only for a
/// ketua, so that the board is read only when it matters.
pub fn books_wait_on_bendahara(actor: &Actor) -> bool {
    actor.role == Role::Pengurus && actor.jabatan == Some(Jabatan::Ketua)
}

/// The bendahara keeps the books; the ketua only while no bendahara serves. Asked after
/// `may_in_wksbm(.., Action::DanaWrite, ..)` allowed; `bendahara_serves` need only be
/// known when [`books_wait_on_bendahara`] says so.
pub fn may_keep_books(actor: &Actor, bendahara_serves: bool) -> bool {
    !(books_wait_on_bendahara(actor) && bendahara_serves)
}

/// Whether `actor` may do `action` anywhere at all: lists and the permissions shown
/// by `/auth/me`.
pub fn may_at_all(actor: &Actor, action: Action) -> bool {
    permitted(actor, action)
}

/// Managing another account additionally needs seniority: only accounts of a lower
/// rank, except that an administrator manages anyone but cannot lock itself out.
pub fn may_manage(
    actor: &Actor,
    action: Action,
    target_id: Uuid,
    target_role: Role,
    target: &Territory,
) -> Decision {
    match may(actor, action, target) {
        Decision::Allow => {}
        other => return other,
    }
    let self_lockout = target_id == actor.user_id
        && matches!(
            action,
            Action::UserDeactivate | Action::UserUpdate | Action::UserResetPassword
        );
    let senior = actor.role == Role::Admin || target_role.rank() < actor.role.rank();
    if senior && !self_lockout {
        Decision::Allow
    } else {
        Decision::Forbidden
    }
}

/// Why an account may not be given this role and territory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AssignError {
    #[error("a role can only be given by a more senior role")]
    RoleNotBelowOwn,
    #[error("the territory is outside the actor's own")]
    OutsideTerritory,
    #[error("this role cannot be scoped to a region of this level")]
    LevelMismatch,
    #[error("pengurus accounts are given through a board seat of a WKSBM")]
    RequiresBoardSeat,
}

impl AssignError {
    pub fn code(self) -> &'static str {
        match self {
            AssignError::RoleNotBelowOwn => "role_not_below_own",
            AssignError::OutsideTerritory => "territory_outside_own",
            AssignError::LevelMismatch => "role_level_mismatch",
            AssignError::RequiresBoardSeat => "role_requires_board_seat",
        }
    }
}

/// Checks a role and region an actor wants to give an account.
pub fn check_assignment(
    actor: &Actor,
    role: Role,
    wilayah: &KodeWilayah,
) -> Result<(), AssignError> {
    if role == Role::Pengurus {
        return Err(AssignError::RequiresBoardSeat);
    }
    if role.rank() >= actor.role.rank() {
        return Err(AssignError::RoleNotBelowOwn);
    }
    if !actor
        .territory
        .contains(&Territory::Wilayah(wilayah.clone()))
    {
        return Err(AssignError::OutsideTerritory);
    }
    if !role.allowed_levels().contains(&wilayah.level()) {
        return Err(AssignError::LevelMismatch);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str) -> KodeWilayah {
        KodeWilayah::parse(s).unwrap()
    }
    fn actor(role: Role, scope: &str) -> Actor {
        Actor {
            user_id: Uuid::now_v7(),
            role,
            territory: Territory::Wilayah(k(scope)),
            wksbm_id: None,
            jabatan: None,
            personal_data_grant: false,
        }
    }
    fn at(s: &str) -> Territory {
        Territory::Wilayah(k(s))
    }

    #[test]
    fn an_exact_nik_search_needs_the_full_view_right() {
        assert!(may_search_identity(&actor(
            Role::Kalurahan,
            "34.02.01.2001"
        )));
        assert!(may_search_identity(&actor(Role::Dinsos, "34.02")));
        assert!(!may_search_identity(&actor(Role::Kapanewon, "34.02.01")));
        let mut svc = actor(Role::Integrasi, "34.02");
        assert!(!may_search_identity(&svc));
        svc.personal_data_grant = true;
        assert!(may_search_identity(&svc));
        let mut board = actor(Role::Pengurus, "34.02.01.2001");
        for (jabatan, may) in [
            (Jabatan::Ketua, true),
            (Jabatan::Sekretaris, true),
            (Jabatan::Bendahara, false),
            (Jabatan::Anggota, false),
        ] {
            board.jabatan = Some(jabatan);
            assert_eq!(may_search_identity(&board), may, "{jabatan:?}");
        }
    }

    #[test]
    fn outside_the_territory_is_not_found_whatever_the_role() {
        let lurah = actor(Role::Kalurahan, "34.02.01.2001");
        assert_eq!(
            may(&lurah, Action::UserRead, &at("34.02.01.2002")),
            Decision::NotFound
        );
        assert_eq!(
            may(&lurah, Action::UserRead, &at("34.02.01")),
            Decision::NotFound
        );
        assert_eq!(
            may(&lurah, Action::UserRead, &at("34.02.01.2001")),
            Decision::Allow
        );
        let panewu = actor(Role::Kapanewon, "34.02.01");
        assert_eq!(
            may(&panewu, Action::UserRead, &at("34.02.02.2001")),
            Decision::NotFound
        );
    }

    #[test]
    fn inside_the_territory_the_role_decides() {
        let panewu = actor(Role::Kapanewon, "34.02.01");
        assert_eq!(
            may(&panewu, Action::UserCreate, &at("34.02.01.2001")),
            Decision::Forbidden
        );
        let dinsos = actor(Role::Dinsos, "34.02");
        assert_eq!(
            may(&dinsos, Action::AuditRead, &at("34.02.05")),
            Decision::Allow
        );
        assert_eq!(
            may(&dinsos, Action::UserDeactivate, &at("34.02.05")),
            Decision::Forbidden
        );
        let mut svc = actor(Role::Integrasi, "34.02");
        for a in [
            Action::UserRead,
            Action::UserCreate,
            Action::AuditRead,
            Action::WksbmCreate,
            Action::BoardRead,
        ] {
            assert_eq!(may(&svc, a, &at("34.02.05")), Decision::Forbidden, "{a:?}");
        }
        assert_eq!(
            may(&svc, Action::WksbmRead, &at("34.02.05")),
            Decision::Allow
        );
        svc.personal_data_grant = true;
        assert_eq!(
            may(&svc, Action::BoardRead, &at("34.02.05")),
            Decision::Allow,
            "with the grant"
        );
        let admin = actor(Role::Admin, "34.02");
        assert_eq!(
            may(&admin, Action::WksbmLegalise, &at("34.02.05.2001")),
            Decision::Forbidden,
            "only the lurah legalises"
        );
    }

    #[test]
    fn a_padukuhan_sees_only_itself() {
        let (p1, p2) = (Uuid::now_v7(), Uuid::now_v7());
        let pad = |id| Territory::Padukuhan {
            kalurahan: k("34.02.01.2001"),
            id,
        };
        assert!(pad(p1).contains(&pad(p1)));
        assert!(!pad(p1).contains(&pad(p2)));
        assert!(!pad(p1).contains(&at("34.02.01.2001")));
        assert!(at("34.02.01.2001").contains(&pad(p2)));
        assert!(!at("34.02.01.2002").contains(&pad(p2)));
    }

    #[test]
    fn assignment_needs_a_lower_role_inside_and_at_the_right_level() {
        let admin = actor(Role::Admin, "34.02");
        assert_eq!(
            check_assignment(&admin, Role::Kalurahan, &k("34.02.01.2001")),
            Ok(())
        );
        assert_eq!(
            check_assignment(&admin, Role::Integrasi, &k("34.02.01")),
            Ok(())
        );
        assert_eq!(
            check_assignment(&admin, Role::Admin, &k("34.02")),
            Err(AssignError::RoleNotBelowOwn)
        );
        assert_eq!(
            check_assignment(&admin, Role::Kalurahan, &k("34.02.01")),
            Err(AssignError::LevelMismatch)
        );
        assert_eq!(
            check_assignment(&admin, Role::Dinsos, &k("34.04")),
            Err(AssignError::OutsideTerritory)
        );
        assert_eq!(
            check_assignment(&admin, Role::Pengurus, &k("34.02.01.2001")),
            Err(AssignError::RequiresBoardSeat)
        );
        let lurah = actor(Role::Kalurahan, "34.02.01.2001");
        assert_eq!(
            check_assignment(&lurah, Role::Kalurahan, &k("34.02.01.2001")),
            Err(AssignError::RoleNotBelowOwn)
        );
        assert_eq!(
            check_assignment(&lurah, Role::Integrasi, &k("34.02.01.2001")),
            Err(AssignError::RoleNotBelowOwn)
        );
    }

    #[test]
    fn managing_needs_seniority_and_no_self_lockout() {
        let admin = actor(Role::Admin, "34.02");
        let other_admin = Uuid::now_v7();
        let here = at("34.02");
        assert_eq!(
            may_manage(
                &admin,
                Action::UserDeactivate,
                other_admin,
                Role::Admin,
                &here
            ),
            Decision::Allow
        );
        assert_eq!(
            may_manage(
                &admin,
                Action::UserDeactivate,
                admin.user_id,
                Role::Admin,
                &here
            ),
            Decision::Forbidden
        );
        let lurah = actor(Role::Kalurahan, "34.02.01.2001");
        let peer = Uuid::now_v7();
        assert_eq!(
            may_manage(
                &lurah,
                Action::UserUpdate,
                peer,
                Role::Kalurahan,
                &at("34.02.01.2001")
            ),
            Decision::Forbidden
        );
        assert_eq!(
            may_manage(
                &lurah,
                Action::UserUpdate,
                peer,
                Role::Kalurahan,
                &at("34.02.01.2002")
            ),
            Decision::NotFound
        );
    }

    #[test]
    fn minutes_are_kept_by_the_ketua_or_sekretaris_of_that_wksbm() {
        let (pad, w) = (Uuid::now_v7(), Uuid::now_v7());
        let here = Territory::Padukuhan {
            kalurahan: k("34.02.01.2001"),
            id: pad,
        };
        let board = |j| Actor {
            user_id: Uuid::now_v7(),
            role: Role::Pengurus,
            territory: here.clone(),
            wksbm_id: Some(w),
            jabatan: Some(j),
            personal_data_grant: false,
        };
        assert_eq!(
            may_in_wksbm(&board(Jabatan::Sekretaris), Action::MeetingWrite, w, &here),
            Decision::Allow
        );
        assert_eq!(
            may_in_wksbm(&board(Jabatan::Bendahara), Action::MeetingWrite, w, &here),
            Decision::Forbidden
        );
        assert_eq!(
            may_in_wksbm(
                &board(Jabatan::Ketua),
                Action::MeetingWrite,
                Uuid::now_v7(),
                &here
            ),
            Decision::Forbidden,
            "another WKSBM"
        );
        assert_eq!(
            may_in_wksbm(
                &actor(Role::Kalurahan, "34.02.01.2001"),
                Action::MeetingWrite,
                w,
                &here
            ),
            Decision::Forbidden
        );
    }

    #[test]
    fn names_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        for j in Jabatan::ALL {
            assert_eq!(Jabatan::parse(j.as_str()), Some(j));
        }
    }
}

#[cfg(test)]
mod rule_tests {
    use super::*;
    use proptest::prelude::*;

    fn k(s: &str) -> KodeWilayah {
        KodeWilayah::parse(s).unwrap()
    }
    const KAL: &str = "34.02.01.2001";

    fn actor(role: Role, territory: Territory, jabatan: Option<Jabatan>) -> Actor {
        Actor {
            user_id: Uuid::now_v7(),
            role,
            territory,
            wksbm_id: Some(Uuid::now_v7()),
            jabatan,
            personal_data_grant: false,
        }
    }
    fn pad(id: Uuid) -> Territory {
        Territory::Padukuhan {
            kalurahan: k(KAL),
            id,
        }
    }

    #[test]
    fn a_region_is_seen_from_inside_and_by_the_board_of_one_of_its_padukuhan() {
        let lurah = actor(Role::Kalurahan, Territory::Wilayah(k(KAL)), None);
        assert_eq!(
            may_in_region(&lurah, Action::PadukuhanRead, &k(KAL)),
            Decision::Allow
        );
        assert_eq!(
            may_in_region(&lurah, Action::PadukuhanRead, &k("34.02.01")),
            Decision::NotFound,
            "the kapanewon above is not the lurah's"
        );
        let board = actor(Role::Pengurus, pad(Uuid::now_v7()), Some(Jabatan::Anggota));
        assert_eq!(
            may_in_region(&board, Action::PadukuhanRead, &k(KAL)),
            Decision::Allow
        );
        assert_eq!(
            may_in_region(&board, Action::PadukuhanManage, &k(KAL)),
            Decision::Forbidden
        );
        assert_eq!(
            may_in_region(&board, Action::PadukuhanRead, &k("34.02.01.2002")),
            Decision::NotFound
        );
        assert_eq!(
            may_at_region(&board, Action::PadukuhanManage, &k(KAL)),
            Decision::NotFound,
            "a board member adds nothing to the kalurahan"
        );
        assert_eq!(
            may_at_region(&lurah, Action::PadukuhanManage, &k(KAL)),
            Decision::Allow
        );
    }

    #[test]
    fn a_board_member_writes_only_its_own_wksbms_people() {
        let place = Uuid::now_v7();
        let ketua = actor(Role::Pengurus, pad(place), Some(Jabatan::Ketua));
        let own = ketua.wksbm_id;
        let at = pad(place);
        assert_eq!(
            may_on_person(&ketua, Action::PpksWrite, own, &at),
            Decision::Allow
        );
        assert_eq!(
            may_on_person(&ketua, Action::PpksWrite, Some(Uuid::now_v7()), &at),
            Decision::NotFound
        );
        assert_eq!(
            may_on_person(&ketua, Action::PpksWrite, None, &at),
            Decision::Forbidden,
            "no WKSBM, no board to write for it"
        );
        assert_eq!(
            may_on_person(&ketua, Action::PpksRead, Some(Uuid::now_v7()), &at),
            Decision::NotFound,
            "another WKSBM's people are not there for this board, even in its padukuhan"
        );
        assert_eq!(
            may_on_person(&ketua, Action::PpksRead, None, &at),
            Decision::Allow,
            "people the kalurahan registered in the padukuhan are"
        );
        assert_eq!(
            may_on_person(&ketua, Action::PpksWrite, own, &pad(Uuid::now_v7())),
            Decision::NotFound
        );
        let lurah = actor(Role::Kalurahan, Territory::Wilayah(k(KAL)), None);
        assert_eq!(
            may_on_person(&lurah, Action::PpksWrite, None, &at),
            Decision::Allow
        );
    }

    #[test]
    fn duplicates_are_pointed_at_only_inside_the_territory() {
        let lurah = actor(Role::Kalurahan, Territory::Wilayah(k(KAL)), None);
        assert!(may_know_of(&lurah, &pad(Uuid::now_v7())));
        assert!(!may_know_of(
            &lurah,
            &Territory::Wilayah(k("34.02.01.2002"))
        ));
    }

    fn any_role() -> impl Strategy<Value = Role> {
        proptest::sample::select(Role::ALL.to_vec())
    }
    fn any_jabatan() -> impl Strategy<Value = Option<Jabatan>> {
        proptest::option::of(proptest::sample::select(Jabatan::ALL.to_vec()))
    }

    proptest! {
        /// Whoever the policy lets post keeps posting while no bendahara serves; once
        /// one serves, exactly the ketua stops.
        #[test]
        fn only_the_ketua_yields_the_books_to_a_bendahara(
            role in any_role(),
            jabatan in any_jabatan(),
        ) {
            let a = actor(role, Territory::Wilayah(k(KAL)), jabatan);
            prop_assert!(may_keep_books(&a, false));
            let ketua = role == Role::Pengurus && jabatan == Some(Jabatan::Ketua);
            prop_assert_eq!(may_keep_books(&a, true), !ketua);
            prop_assert_eq!(books_wait_on_bendahara(&a), ketua);
        }

        /// The person rule only ever narrows `may`: it never lets in what `may` keeps
        /// out, and it changes nothing but board members' writes.
        #[test]
        fn the_person_rule_only_narrows_may(
            role in any_role(),
            jabatan in any_jabatan(),
            write in any::<bool>(),
            same_wksbm in any::<bool>(),
            inside in any::<bool>(),
        ) {
            let place = Uuid::now_v7();
            let a = actor(role, pad(place), jabatan);
            let action = if write { Action::PpksWrite } else { Action::PpksRead };
            let at = if inside { pad(place) } else { pad(Uuid::now_v7()) };
            let wksbm = if same_wksbm { a.wksbm_id } else { Some(Uuid::now_v7()) };
            let plain = may(&a, action, &at);
            let person = may_on_person(&a, action, wksbm, &at);
            if plain != Decision::Allow || role != Role::Pengurus || same_wksbm {
                prop_assert_eq!(person, plain);
            } else {
                prop_assert_eq!(person, Decision::NotFound);
            }
        }

        /// Over a region, the answer for an actor scoped to a region is `may`'s.
        #[test]
        fn in_a_region_a_regional_actor_gets_mays_answer(
            role in any_role(),
            scope in proptest::sample::select(vec!["34.02", "34.02.01", KAL, "34.02.01.2002"]),
            region in proptest::sample::select(vec!["34.02", "34.02.01", KAL, "34.02.02"]),
            manage in any::<bool>(),
        ) {
            let a = actor(role, Territory::Wilayah(k(scope)), None);
            let action = if manage { Action::PadukuhanManage } else { Action::PadukuhanRead };
            prop_assert_eq!(
                may_in_region(&a, action, &k(region)),
                may_at_region(&a, action, &k(region))
            );
        }
    }
}

#[cfg(test)]
mod personal_data_tests {
    use super::*;

    fn board(jabatan: Jabatan, wksbm: Uuid, pad: Uuid) -> Actor {
        Actor {
            user_id: Uuid::now_v7(),
            role: Role::Pengurus,
            territory: Territory::Padukuhan {
                kalurahan: KodeWilayah::parse("34.02.01.2001").unwrap(),
                id: pad,
            },
            wksbm_id: Some(wksbm),
            jabatan: Some(jabatan),
            personal_data_grant: false,
        }
    }

    #[test]
    fn full_identity_is_for_the_ketua_and_sekretaris_of_that_wksbm_only() {
        let (w, other, pad) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let at = Territory::Padukuhan {
            kalurahan: KodeWilayah::parse("34.02.01.2001").unwrap(),
            id: pad,
        };
        assert!(may_see_personal(
            &board(Jabatan::Ketua, w, pad),
            Some(w),
            &at
        ));
        assert!(may_see_personal(
            &board(Jabatan::Sekretaris, w, pad),
            Some(w),
            &at
        ));
        assert!(!may_see_personal(
            &board(Jabatan::Bendahara, w, pad),
            Some(w),
            &at
        ));
        assert!(!may_see_personal(
            &board(Jabatan::Ketua, other, pad),
            Some(w),
            &at
        ));
        assert!(!may_see_personal(&board(Jabatan::Ketua, w, pad), None, &at));
        let mut svc = Actor {
            user_id: Uuid::now_v7(),
            role: Role::Integrasi,
            territory: Territory::Wilayah(KodeWilayah::parse("34.02").unwrap()),
            wksbm_id: None,
            jabatan: None,
            personal_data_grant: false,
        };
        assert!(!may_see_personal(&svc, Some(w), &at));
        svc.personal_data_grant = true;
        assert!(may_see_personal(&svc, Some(w), &at));
        svc.role = Role::Kapanewon;
        svc.personal_data_grant = false;
        assert!(
            !may_see_personal(&svc, Some(w), &at),
            "kapanewon sees it masked"
        );
    }
}
