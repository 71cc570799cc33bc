//! The authorisation matrix as data: role × operation × territory relation → status,
//! run over HTTP. Every operation in the specification must appear here, either in the
//! matrix or in the list of public operations, or the suite fails.

use reqwest::Method;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use uuid::Uuid;
use wksbm_tests::fixtures::{K1, board_member, png};
use wksbm_tests::http::header;
use wksbm_tests::{TestApp, backends, unique_suffix};

// The target of per-resource rows: a board member's account in padukuhan P1 of
// kalurahan K1 (34.02.01.2001, kapanewon 34.02.01).

/// Columns: who asks, and how their territory relates to the target.
const ACTORS: [&str; 11] = [
    "anonymous",
    "admin (kabupaten)",
    "dinsos (kabupaten)",
    "kapanewon, same kapanewon",
    "kapanewon, other kapanewon",
    "kalurahan, same kalurahan",
    "kalurahan, sibling kalurahan",
    "kalurahan, other kapanewon",
    // The matrix's board members hold seats of a WKSBM that is not the padukuhan's live
    // one (as after a dissolution): the people another WKSBM registered are not there for
    // them (issue 21). A live board's own rights are in the money and formation tests.
    "pengurus of another WKSBM, same padukuhan",
    "pengurus, sibling padukuhan",
    "integrasi (kabupaten)",
];

/// operationId → expected status per column of `ACTORS`.
const MATRIX: &[(&str, [u16; 11])] = &[
    (
        "getUser",
        [401, 200, 200, 200, 404, 200, 404, 404, 403, 404, 403],
    ),
    (
        "updateUser",
        [401, 200, 403, 403, 404, 200, 404, 404, 403, 404, 403],
    ),
    (
        "deactivateUser",
        [401, 200, 403, 403, 404, 200, 404, 404, 403, 404, 403],
    ),
    (
        "resetUserPassword",
        [401, 204, 403, 403, 404, 204, 404, 404, 403, 404, 403],
    ),
    (
        "listUsers",
        [401, 200, 200, 200, 200, 200, 200, 200, 403, 403, 403],
    ),
    (
        "createUser",
        [401, 201, 403, 403, 403, 422, 422, 422, 403, 403, 403],
    ),
    (
        "getAuditCheckpoint",
        [401, 200, 200, 403, 403, 200, 200, 200, 403, 403, 403],
    ),
    (
        "listAudit",
        [401, 200, 200, 403, 403, 200, 200, 200, 403, 403, 403],
    ),
    (
        "me",
        [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    ),
    (
        "logout",
        [401, 204, 204, 204, 204, 204, 204, 204, 204, 204, 204],
    ),
    (
        "changePassword",
        [401, 422, 422, 422, 422, 422, 422, 422, 422, 422, 422],
    ),
    // Formation: the target is padukuhan P1 of K1 and a WKSBM in it (fresh per cell where
    // the request changes it).
    (
        "createPadukuhan",
        [401, 201, 403, 403, 404, 201, 404, 404, 404, 404, 403],
    ),
    (
        "listPadukuhan",
        [401, 200, 200, 200, 404, 200, 404, 404, 200, 200, 200],
    ),
    (
        "getPadukuhan",
        [401, 200, 200, 200, 404, 200, 404, 404, 200, 404, 200],
    ),
    (
        "updatePadukuhan",
        [401, 200, 403, 403, 404, 200, 404, 404, 403, 404, 403],
    ),
    (
        "createWksbm",
        [401, 201, 403, 403, 403, 201, 422, 422, 403, 403, 403],
    ),
    (
        "listWksbm",
        [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    ),
    (
        "wksbmSummary",
        [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    ),
    (
        "getWksbm",
        [401, 200, 200, 200, 404, 200, 404, 404, 200, 404, 200],
    ),
    (
        "setWksbmStatus",
        [401, 403, 403, 403, 404, 200, 404, 404, 403, 404, 403],
    ),
    (
        "getTahapan",
        [401, 200, 200, 200, 404, 200, 404, 404, 200, 404, 200],
    ),
    (
        "completeTahapan",
        [401, 200, 403, 403, 404, 200, 404, 404, 403, 404, 403],
    ),
    (
        "legaliseWksbm",
        [401, 403, 403, 403, 404, 409, 404, 404, 403, 404, 403],
    ),
    (
        "listPengurus",
        [401, 200, 200, 200, 404, 200, 404, 404, 200, 404, 403],
    ),
    (
        "appointPengurus",
        [401, 201, 403, 403, 404, 201, 404, 404, 403, 404, 403],
    ),
    (
        "endPengurus",
        [401, 200, 403, 403, 404, 200, 404, 404, 403, 404, 403],
    ),
    (
        "createSeatAccount",
        [401, 201, 403, 403, 404, 201, 404, 404, 403, 404, 403],
    ),
    // Minutes are the board's own book: only the ketua or sekretaris of that very WKSBM
    // writes them (the matrix's board members belong to another WKSBM of P1).
    (
        "createRapat",
        [401, 403, 403, 403, 404, 403, 404, 404, 403, 404, 403],
    ),
    (
        "listRapat",
        [401, 200, 200, 200, 404, 200, 404, 404, 403, 404, 403],
    ),
    (
        "getRapat",
        [401, 200, 200, 200, 404, 200, 404, 404, 403, 404, 403],
    ),
    (
        "updateWksbm",
        [401, 200, 403, 403, 404, 200, 404, 404, 403, 404, 403],
    ),
    (
        "deactivatePadukuhan",
        [401, 200, 403, 403, 404, 200, 404, 404, 404, 404, 403],
    ),
    (
        "uploadStempel",
        [401, 204, 403, 403, 404, 204, 404, 404, 403, 404, 403],
    ),
    (
        "downloadStempel",
        [401, 200, 200, 200, 404, 200, 404, 404, 200, 404, 200],
    ),
    // The PPKS register: the target is a person in P1. Board members of another WKSBM
    // read it (limited view) but do not write it; a padukuhan in the body outside the
    // caller's territory is 422, like createWksbm.
    (
        "createPpks",
        [401, 201, 403, 403, 403, 201, 422, 422, 422, 422, 403],
    ),
    (
        "listPpks",
        [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    ),
    (
        "exportPpks",
        [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    ),
    (
        "importPpks",
        [401, 200, 403, 403, 403, 200, 422, 422, 422, 422, 403],
    ),
    (
        "getPpks",
        [401, 200, 200, 200, 404, 200, 404, 404, 404, 404, 200],
    ),
    (
        "getPpksHousehold",
        [401, 200, 200, 200, 404, 200, 404, 404, 404, 404, 200],
    ),
    (
        "updatePpks",
        [401, 200, 403, 403, 404, 200, 404, 404, 404, 404, 403],
    ),
    (
        "setPpksStatus",
        [401, 200, 403, 403, 404, 200, 404, 404, 404, 404, 403],
    ),
    // Field verification is the kalurahan's or Dinas Sosial's.
    (
        "verifyPpks",
        [401, 403, 200, 403, 404, 200, 404, 404, 403, 404, 403],
    ),
    // Only those who may see the whole record answer a data subject.
    (
        "exportPpksDataSubject",
        [401, 200, 200, 403, 404, 200, 404, 404, 404, 404, 403],
    ),
    (
        "anonymisePpks",
        [401, 200, 403, 403, 404, 200, 404, 404, 403, 404, 403],
    ),
    // PSKS, donors and partners of the matrix WKSBM: written by its kalurahan, admin or its
    // own board; names of people are personal data, so integrasi needs the grant.
    (
        "createPsks",
        [401, 201, 403, 403, 403, 201, 422, 422, 403, 422, 403],
    ),
    (
        "listPsks",
        [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403],
    ),
    (
        "getPsks",
        [401, 200, 200, 200, 404, 200, 404, 404, 200, 404, 403],
    ),
    (
        "updatePsks",
        [401, 200, 403, 403, 404, 200, 404, 404, 403, 404, 403],
    ),
    (
        "deactivatePsks",
        [401, 200, 403, 403, 404, 200, 404, 404, 403, 404, 403],
    ),
    (
        "createDonatur",
        [401, 201, 403, 403, 404, 201, 404, 404, 403, 404, 403],
    ),
    (
        "listDonatur",
        [401, 200, 200, 200, 404, 200, 404, 404, 200, 404, 403],
    ),
    (
        "getDonatur",
        [401, 200, 200, 200, 404, 200, 404, 404, 200, 404, 403],
    ),
    (
        "updateDonatur",
        [401, 200, 403, 403, 404, 200, 404, 404, 403, 404, 403],
    ),
    (
        "deactivateDonatur",
        [401, 200, 403, 403, 404, 200, 404, 404, 403, 404, 403],
    ),
    (
        "createMitra",
        [401, 201, 403, 403, 404, 201, 404, 404, 403, 404, 403],
    ),
    (
        "listMitra",
        [401, 200, 200, 200, 404, 200, 404, 404, 200, 404, 403],
    ),
    (
        "getMitra",
        [401, 200, 200, 200, 404, 200, 404, 404, 200, 404, 403],
    ),
    (
        "updateMitra",
        [401, 200, 403, 403, 404, 200, 404, 404, 403, 404, 403],
    ),
    (
        "deactivateMitra",
        [401, 200, 403, 403, 404, 200, 404, 404, 403, 404, 403],
    ),
    // Money (issue 6) of the matrix WKSBM, which is not legalised: everyone in the
    // territory reads it (integrasi the balances, the report and the zakat decree; the
    // entries, rounds and jimpitan name people, so only with the grant); only its own board writes (the
    // matrix's board members belong to another WKSBM of P1), so no column may write here.
    // Entries, rounds and jimpitan that do not exist are 404 to those who may read.
    // The zakat decree is recorded by the kalurahan or admin (or the WKSBM's ketua).
    (
        "listDana",
        [401, 200, 200, 200, 404, 200, 404, 404, 403, 404, 200],
    ),
    (
        "listBukuKas",
        [401, 200, 200, 200, 404, 200, 404, 404, 403, 404, 403],
    ),
    (
        "getLaporan",
        [401, 200, 200, 200, 404, 200, 404, 404, 403, 404, 200],
    ),
    (
        "listUsaha",
        [401, 200, 200, 200, 404, 200, 404, 404, 403, 404, 403],
    ),
    (
        "listProposal",
        [401, 200, 200, 200, 404, 200, 404, 404, 403, 404, 403],
    ),
    (
        "listJimpitan",
        [401, 200, 200, 200, 404, 200, 404, 404, 403, 404, 403],
    ),
    (
        "listPenyaluran",
        [401, 200, 200, 200, 404, 200, 404, 404, 403, 404, 403],
    ),
    (
        "getBukuKas",
        [401, 404, 404, 404, 404, 404, 404, 404, 403, 404, 403],
    ),
    (
        "getJimpitan",
        [401, 404, 404, 404, 404, 404, 404, 404, 403, 404, 403],
    ),
    (
        "getPenyaluran",
        [401, 404, 404, 404, 404, 404, 404, 404, 403, 404, 403],
    ),
    (
        "setDasarZakat",
        [401, 200, 403, 403, 404, 200, 404, 404, 403, 404, 403],
    ),
    (
        "getDasarZakat",
        [401, 200, 200, 200, 404, 200, 404, 404, 403, 404, 200],
    ),
    (
        "openDanaTerikat",
        [401, 403, 403, 403, 404, 403, 404, 404, 403, 404, 403],
    ),
    (
        "createBukuKas",
        [401, 403, 403, 403, 404, 403, 404, 404, 403, 404, 403],
    ),
    (
        "reverseBukuKas",
        [401, 403, 403, 403, 404, 403, 404, 404, 403, 404, 403],
    ),
    (
        "createTransferDana",
        [401, 403, 403, 403, 404, 403, 404, 404, 403, 404, 403],
    ),
    (
        "createUsaha",
        [401, 403, 403, 403, 404, 403, 404, 404, 403, 404, 403],
    ),
    (
        "createProposal",
        [401, 403, 403, 403, 404, 403, 404, 404, 403, 404, 403],
    ),
    (
        "pledgeProposal",
        [401, 403, 403, 403, 404, 403, 404, 404, 403, 404, 403],
    ),
    (
        "receiveProposal",
        [401, 403, 403, 403, 404, 403, 404, 404, 403, 404, 403],
    ),
    (
        "createJimpitan",
        [401, 403, 403, 403, 404, 403, 404, 404, 403, 404, 403],
    ),
    (
        "closeJimpitan",
        [401, 403, 403, 403, 404, 403, 404, 404, 403, 404, 403],
    ),
    (
        "sellBeras",
        [401, 403, 403, 403, 404, 403, 404, 404, 403, 404, 403],
    ),
    (
        "disbursePenerima",
        [401, 403, 403, 403, 404, 403, 404, 404, 403, 404, 403],
    ),
    (
        "createPenyaluran",
        [401, 403, 403, 403, 404, 403, 404, 404, 403, 404, 403],
    ),
    (
        "addPenerima",
        [401, 403, 403, 403, 404, 403, 404, 404, 403, 404, 403],
    ),
    (
        "submitPenyaluran",
        [401, 403, 403, 403, 404, 403, 404, 404, 403, 404, 403],
    ),
    (
        "cancelPenyaluran",
        [401, 403, 403, 403, 404, 403, 404, 404, 403, 404, 403],
    ),
    (
        "approvePenyaluran",
        [401, 403, 403, 403, 404, 403, 404, 404, 403, 404, 403],
    ),
];

/// Operations anyone may call; their own tests cover them.
const PUBLIC: &[&str] = &[
    "healthLive",
    "healthReady",
    "metrics",
    "jwks",
    "listWilayah",
    "getWilayah",
    "listKatalog",
    "getKatalog",
    "resolveKatalog",
    "login",
    "refreshToken",
    "clientCredentialsToken",
];

#[test]
fn every_operation_has_matrix_rows_or_is_public() {
    let spec: Value = serde_json::from_str(&wksbm_api::routes::openapi_json()).unwrap();
    let mut ops = BTreeSet::new();
    for item in spec["paths"].as_object().unwrap().values() {
        for op in item.as_object().unwrap().values() {
            ops.insert(op["operationId"].as_str().unwrap().to_owned());
        }
    }
    let covered: BTreeSet<String> = MATRIX
        .iter()
        .map(|(op, _)| (*op).to_owned())
        .chain(PUBLIC.iter().map(|p| (*p).to_owned()))
        .collect();
    let missing: Vec<_> = ops.difference(&covered).collect();
    assert!(
        missing.is_empty(),
        "operations without authorisation-matrix rows: {missing:?}"
    );
    let stale: Vec<_> = covered.difference(&ops).collect();
    assert!(
        stale.is_empty(),
        "matrix rows for operations that no longer exist: {stale:?}"
    );
}

/// What the cells act on.
struct Fixture {
    admin: String,
    lurah: String,
    p1: Uuid,
    /// The live WKSBM in P1, replaced by a fresh one for cells that change it.
    wksbm: Uuid,
    /// A meeting of `wksbm`, made on first use.
    meeting: Option<(Uuid, Uuid)>,
    /// A person in P1 and its NIK, made on first use.
    ppks: Option<(Uuid, String)>,
}

fn partner_body(register: &str, wksbm: Uuid) -> Value {
    match register {
        "psks" => {
            json!({"wksbm_id": wksbm, "kind": "PSKS-02", "form": "perorangan", "name": format!("PSM {}", unique_suffix())})
        }
        "donatur" => json!({"kind": "perorangan", "name": format!("Donatur {}", unique_suffix())}),
        _ => json!({"kind": "puskesmas", "name": format!("Puskesmas {}", unique_suffix())}),
    }
}

/// The collection path of a register for `wksbm`.
fn partner_path(register: &str, wksbm: Uuid) -> String {
    match register {
        "psks" => "/api/v1/psks".to_owned(),
        r => format!("/api/v1/wksbm/{wksbm}/{r}"),
    }
}

async fn json_of(rb: reqwest::RequestBuilder) -> Value {
    let res = rb.send().await.unwrap();
    assert!(
        res.status().is_success(),
        "fixture request failed: {}",
        res.status()
    );
    res.json().await.unwrap()
}

fn person(p1: Uuid, nik: &str) -> Value {
    json!({"padukuhan_id": p1, "nik": nik, "name": "Warga Matriks", "types": ["PPKS-24"], "lawful_basis": "tugas_publik", "no_kk": "3402011012150003"})
}

impl Fixture {
    /// A new entry of `register` for the current WKSBM; returns its path.
    async fn partner(&self, app: &TestApp, register: &str) -> String {
        let base = partner_path(register, self.wksbm);
        let p = json_of(
            app.authed(Method::POST, &base, &self.admin)
                .json(&partner_body(register, self.wksbm)),
        )
        .await;
        format!("{base}/{}", p["id"].as_str().unwrap())
    }

    /// A new anggota seat of the current WKSBM, filled by the administrator.
    async fn new_seat(&self, app: &TestApp) -> Value {
        json_of(
            app.authed(Method::POST, &format!("/api/v1/wksbm/{}/pengurus", self.wksbm), &self.admin)
                .json(&json!({"jabatan": "anggota", "holder_name": format!("Warga {}", unique_suffix()), "term_start": "2026-11-01"})),
        )
        .await
    }

    /// A new padukuhan of K1, made by the administrator.
    async fn new_padukuhan(&self, app: &TestApp) -> Value {
        json_of(
            app.authed(
                Method::POST,
                &format!("/api/v1/kalurahan/{K1}/padukuhan"),
                &self.admin,
            )
            .json(&json!({"name": format!("Dusun {}", unique_suffix())})),
        )
        .await
    }

    /// A new person in P1, registered by the administrator.
    async fn new_ppks(&self, app: &TestApp) -> (Uuid, String) {
        let nik = wksbm_tests::nik(false);
        let p = json_of(
            app.authed(Method::POST, "/api/v1/ppks", &self.admin)
                .json(&person(self.p1, &nik)),
        )
        .await;
        (Uuid::parse_str(p["id"].as_str().unwrap()).unwrap(), nik)
    }

    async fn ppks(&mut self, app: &TestApp) -> (Uuid, String) {
        if self.ppks.is_none() {
            self.ppks = Some(self.new_ppks(app).await);
        }
        self.ppks.clone().unwrap()
    }

    /// A meeting of the current WKSBM, written by its sekretaris (made for the purpose).
    async fn rapat(&mut self, app: &TestApp) -> Uuid {
        if let Some((w, r)) = self.meeting
            && w == self.wksbm
        {
            return r;
        }
        let w = self.wksbm;
        let token = board_member(app, &self.admin, &w.to_string(), "sekretaris").await;
        let r = json_of(
            app.authed(Method::POST, &format!("/api/v1/wksbm/{w}/rapat"), &token)
                .json(&json!({"date": "2026-11-20", "place": "Balai", "agenda": "Uji"})),
        )
        .await;
        let id = Uuid::parse_str(r["id"].as_str().unwrap()).unwrap();
        self.meeting = Some((w, id));
        id
    }

    /// Dissolves the live WKSBM of P1 and forms a new one.
    async fn fresh_wksbm(&mut self, app: &TestApp) {
        let dissolve = json!({"status": "dibubarkan", "reason": "matriks"});
        let res = app
            .send(
                Method::POST,
                &format!("/api/v1/wksbm/{}/status", self.wksbm),
                &self.lurah,
                dissolve,
            )
            .await;
        // 409 when a cell already dissolved it.
        assert!(
            matches!(res.status().as_u16(), 200 | 409),
            "dissolve: {}",
            res.status()
        );
        let w = json_of(
            app.authed(Method::POST, "/api/v1/wksbm", &self.admin)
                .json(&json!({"padukuhan_id": self.p1, "name": "WKSBM Matriks"})),
        )
        .await;
        self.wksbm = Uuid::parse_str(w["id"].as_str().unwrap()).unwrap();
    }
}

async fn request(
    app: &TestApp,
    fx: &mut Fixture,
    op: &str,
    token: Option<&str>,
    target: Uuid,
) -> u16 {
    let changes_wksbm = matches!(
        op,
        "setWksbmStatus"
            | "completeTahapan"
            | "legaliseWksbm"
            | "appointPengurus"
            | "endPengurus"
            | "createSeatAccount"
    );
    if changes_wksbm {
        fx.fresh_wksbm(app).await;
    }
    let (w, p1) = (fx.wksbm, fx.p1);
    let mut if_match = "\"1\"".to_owned();
    let (method, path, body) = match op {
        "getUser" => (Method::GET, format!("/api/v1/users/{target}"), None),
        "getAuditCheckpoint" => (Method::GET, "/api/v1/audit/checkpoint".to_owned(), None),
        "updateUser" => (
            Method::PATCH,
            format!("/api/v1/users/{target}"),
            Some(json!({"name": "Nama Baru"})),
        ),
        "deactivateUser" => (
            Method::POST,
            format!("/api/v1/users/{target}/deactivate"),
            Some(json!({"reason": "uji matriks"})),
        ),
        "resetUserPassword" => (
            Method::POST,
            format!("/api/v1/users/{target}/reset-password"),
            Some(json!({"new_password": "a-new-long-password"})),
        ),
        "listUsers" => (Method::GET, "/api/v1/users".into(), None),
        "createUser" => (
            Method::POST,
            "/api/v1/users".into(),
            Some(
                json!({"username": format!("m-{}", unique_suffix()), "password": "a-long-password-1", "name": "Dibuat", "role": "kalurahan", "wilayah_code": K1}),
            ),
        ),
        "listAudit" => (Method::GET, "/api/v1/audit".into(), None),
        "me" => (Method::GET, "/api/v1/auth/me".into(), None),
        "logout" => (
            Method::POST,
            "/api/v1/auth/logout".into(),
            Some(json!({"refresh_token": "not-a-refresh-token"})),
        ),
        "changePassword" => (
            Method::POST,
            "/api/v1/auth/password".into(),
            Some(
                json!({"current_password": "not-my-password", "new_password": "another-password-1"}),
            ),
        ),
        "createPadukuhan" => (
            Method::POST,
            format!("/api/v1/kalurahan/{K1}/padukuhan"),
            Some(json!({"name": format!("Dusun {}", unique_suffix())})),
        ),
        "listPadukuhan" => (
            Method::GET,
            format!("/api/v1/kalurahan/{K1}/padukuhan"),
            None,
        ),
        "getPadukuhan" => (
            Method::GET,
            format!("/api/v1/kalurahan/{K1}/padukuhan/{p1}"),
            None,
        ),
        "updatePadukuhan" => {
            let res = app
                .get_as(&format!("/api/v1/kalurahan/{K1}/padukuhan/{p1}"), &fx.admin)
                .await;
            if_match = header(&res, "etag");
            (
                Method::PATCH,
                format!("/api/v1/kalurahan/{K1}/padukuhan/{p1}"),
                Some(json!({"name": "Satu", "dukuh": format!("Dukuh {}", unique_suffix())})),
            )
        }
        "createWksbm" => {
            let p = fx.new_padukuhan(app).await;
            (
                Method::POST,
                "/api/v1/wksbm".into(),
                Some(json!({"padukuhan_id": p["id"], "name": "WKSBM Baru"})),
            )
        }
        "listWksbm" => (Method::GET, "/api/v1/wksbm".into(), None),
        "wksbmSummary" => (Method::GET, "/api/v1/wksbm/ringkasan".into(), None),
        "getWksbm" => (Method::GET, format!("/api/v1/wksbm/{w}"), None),
        "setWksbmStatus" => (
            Method::POST,
            format!("/api/v1/wksbm/{w}/status"),
            Some(json!({"status": "dibubarkan", "reason": "uji matriks"})),
        ),
        "getTahapan" => (Method::GET, format!("/api/v1/wksbm/{w}/tahapan"), None),
        "completeTahapan" => (
            Method::POST,
            format!("/api/v1/wksbm/{w}/tahapan/koordinasi_lurah"),
            Some(json!({"date": "2026-11-01"})),
        ),
        "legaliseWksbm" => (
            Method::POST,
            format!("/api/v1/wksbm/{w}/pengesahan"),
            Some(json!({"sk": {"number": "1/2026", "date": "2026-11-28", "signed_by": "Lurah"}})),
        ),
        "listPengurus" => (Method::GET, format!("/api/v1/wksbm/{w}/pengurus"), None),
        "appointPengurus" => (
            Method::POST,
            format!("/api/v1/wksbm/{w}/pengurus"),
            Some(
                json!({"jabatan": "anggota", "holder_name": format!("Warga {}", unique_suffix()), "term_start": "2026-11-01"}),
            ),
        ),
        "endPengurus" => {
            let seat = fx.new_seat(app).await;
            (
                Method::POST,
                format!(
                    "/api/v1/wksbm/{w}/pengurus/{}/akhiri",
                    seat["id"].as_str().unwrap()
                ),
                Some(json!({"reason": "uji matriks"})),
            )
        }
        "updateWksbm" => {
            let res = app.get_as(&format!("/api/v1/wksbm/{w}"), &fx.admin).await;
            if_match = header(&res, "etag");
            (
                Method::PATCH,
                format!("/api/v1/wksbm/{w}"),
                Some(json!({"address": format!("RT {}", unique_suffix())})),
            )
        }
        "deactivatePadukuhan" => {
            let p = fx.new_padukuhan(app).await;
            (
                Method::POST,
                format!(
                    "/api/v1/kalurahan/{K1}/padukuhan/{}/nonaktifkan",
                    p["id"].as_str().unwrap()
                ),
                Some(json!({"reason": "uji matriks"})),
            )
        }
        "uploadStempel" => {
            let mut rb = app
                .client
                .post(app.url(&format!("/api/v1/wksbm/{w}/stempel")))
                .header("content-type", "image/png")
                .body(png());
            if let Some(t) = token {
                rb = rb.bearer_auth(t);
            }
            return rb.send().await.unwrap().status().as_u16();
        }
        "downloadStempel" => {
            let res = app
                .client
                .post(app.url(&format!("/api/v1/wksbm/{w}/stempel")))
                .bearer_auth(&fx.admin)
                .header("content-type", "image/png")
                .body(png())
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 204, "fixture stamp");
            (Method::GET, format!("/api/v1/wksbm/{w}/stempel"), None)
        }
        "createRapat" => (
            Method::POST,
            format!("/api/v1/wksbm/{w}/rapat"),
            Some(json!({"date": "2026-11-20", "place": "Balai", "agenda": "Uji"})),
        ),
        "listRapat" => (Method::GET, format!("/api/v1/wksbm/{w}/rapat"), None),
        "getRapat" => {
            let id = fx.rapat(app).await;
            (Method::GET, format!("/api/v1/wksbm/{w}/rapat/{id}"), None)
        }
        "createSeatAccount" => {
            let seat = fx.new_seat(app).await;
            (
                Method::POST,
                format!(
                    "/api/v1/wksbm/{w}/pengurus/{}/akun",
                    seat["id"].as_str().unwrap()
                ),
                Some(
                    json!({"username": format!("anggota-{}", unique_suffix()), "password": "a-long-password-1"}),
                ),
            )
        }
        "createPpks" => (
            Method::POST,
            "/api/v1/ppks".into(),
            Some(person(p1, &wksbm_tests::nik(true))),
        ),
        "listPpks" => (Method::GET, "/api/v1/ppks".into(), None),
        "exportPpks" => (Method::GET, "/api/v1/ppks/ekspor".into(), None),
        "importPpks" => {
            let mut rb = app
                .client
                .post(app.url(&format!(
                    "/api/v1/ppks/impor?padukuhan_id={p1}&dry_run=true"
                )))
                .header("content-type", "text/csv")
                .body(format!("nik,nama\r\n{},Warga\r\n", wksbm_tests::nik(true)));
            if let Some(t) = token {
                rb = rb.bearer_auth(t);
            }
            return rb.send().await.unwrap().status().as_u16();
        }
        "getPpks" => {
            let (id, _) = fx.ppks(app).await;
            (Method::GET, format!("/api/v1/ppks/{id}"), None)
        }
        "getPpksHousehold" => {
            let (id, _) = fx.ppks(app).await;
            (Method::GET, format!("/api/v1/ppks/{id}/keluarga"), None)
        }
        "exportPpksDataSubject" => {
            let (id, _) = fx.ppks(app).await;
            (Method::GET, format!("/api/v1/ppks/{id}/data-pribadi"), None)
        }
        "updatePpks" => {
            let (id, nik) = fx.ppks(app).await;
            let res = app.get_as(&format!("/api/v1/ppks/{id}"), &fx.admin).await;
            if_match = header(&res, "etag");
            (
                Method::PATCH,
                format!("/api/v1/ppks/{id}"),
                Some(person(p1, &nik)),
            )
        }
        "setPpksStatus" => {
            let (id, _) = fx.ppks(app).await;
            (
                Method::POST,
                format!("/api/v1/ppks/{id}/status"),
                Some(json!({"status": "aktif"})),
            )
        }
        "verifyPpks" => {
            let (id, _) = fx.ppks(app).await;
            (
                Method::POST,
                format!("/api/v1/ppks/{id}/verifikasi"),
                Some(json!({"status": "terverifikasi"})),
            )
        }
        "anonymisePpks" => {
            let (id, _) = fx.new_ppks(app).await;
            (
                Method::POST,
                format!("/api/v1/ppks/{id}/anonimkan"),
                Some(json!({"reason": "uji matriks"})),
            )
        }
        op if op.ends_with("Psks") || op.ends_with("Donatur") || op.ends_with("Mitra") => {
            let register = if op.ends_with("Psks") {
                "psks"
            } else if op.ends_with("Donatur") {
                "donatur"
            } else {
                "mitra"
            };
            if op.starts_with("create") {
                (
                    Method::POST,
                    partner_path(register, w),
                    Some(partner_body(register, w)),
                )
            } else if op.starts_with("list") {
                (Method::GET, partner_path(register, w), None)
            } else {
                let item = fx.partner(app, register).await;
                match &op[..3] {
                    "get" => (Method::GET, item, None),
                    "upd" => (Method::PATCH, item, Some(partner_body(register, w))),
                    _ => (
                        Method::POST,
                        format!("{item}/nonaktifkan"),
                        Some(json!({"reason": "uji matriks"})),
                    ),
                }
            }
        }
        op if MONEY_OPS.contains(&op) => money_request(op, w),
        other => panic!("no request for {other}"),
    };
    let mut rb = app
        .client
        .request(method, app.url(&path))
        .header("if-match", if_match);
    if let Some(t) = token {
        rb = rb.bearer_auth(t);
    }
    if let Some(b) = body {
        rb = rb.json(&b);
    }
    rb.send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn authorisation_matrix() {
    for b in backends() {
        let app = TestApp::spawn(b).await;
        let admin = app.admin_token().await;
        let padukuhan = |name: &'static str| {
            json_of(
                app.authed(
                    Method::POST,
                    &format!("/api/v1/kalurahan/{K1}/padukuhan"),
                    &admin,
                )
                .json(&json!({"name": name})),
            )
        };
        let p1 = Uuid::parse_str(padukuhan("Satu").await["id"].as_str().unwrap()).unwrap();
        let p2 = Uuid::parse_str(padukuhan("Dua").await["id"].as_str().unwrap()).unwrap();
        let tokens: Vec<Option<String>> = vec![
            None,
            Some(admin.clone()),
            Some(app.account("dinsos", "34.02").await.token),
            Some(app.account("kapanewon", "34.02.01").await.token),
            Some(app.account("kapanewon", "34.02.02").await.token),
            Some(app.account("kalurahan", K1).await.token),
            Some(app.account("kalurahan", "34.02.01.2002").await.token),
            Some(app.account("kalurahan", "34.02.02.2001").await.token),
            Some(app.pengurus(K1, p1, "ketua").await.token),
            Some(app.pengurus(K1, p2, "ketua").await.token),
            Some(app.account("integrasi", "34.02").await.token),
        ];
        let w = json_of(
            app.authed(Method::POST, "/api/v1/wksbm", &admin)
                .json(&json!({"padukuhan_id": p1, "name": "WKSBM Matriks"})),
        )
        .await;
        let mut fx = Fixture {
            admin: admin.clone(),
            lurah: tokens[5].clone().unwrap(),
            p1,
            wksbm: Uuid::parse_str(w["id"].as_str().unwrap()).unwrap(),
            meeting: None,
            ppks: None,
        };
        let mut failures = Vec::new();
        for (op, expected) in MATRIX {
            for (col, want) in expected.iter().enumerate() {
                // A fresh target per cell: a deactivation in one cell cannot decide another.
                let target = app.pengurus_target(K1, p1).await;
                let got = request(&app, &mut fx, op, tokens[col].as_deref(), target).await;
                if got != *want {
                    failures.push(format!(
                        "{op} as {}: expected {want}, got {got}",
                        ACTORS[col]
                    ));
                }
            }
        }
        assert!(
            failures.is_empty(),
            "on {:?}:\n{}",
            app.backend,
            failures.join("\n")
        );
    }
}

const MONEY_OPS: &[&str] = &[
    "listDana",
    "listBukuKas",
    "getLaporan",
    "listUsaha",
    "listProposal",
    "listJimpitan",
    "listPenyaluran",
    "getBukuKas",
    "getJimpitan",
    "getPenyaluran",
    "setDasarZakat",
    "getDasarZakat",
    "openDanaTerikat",
    "createBukuKas",
    "reverseBukuKas",
    "createTransferDana",
    "createUsaha",
    "createProposal",
    "pledgeProposal",
    "receiveProposal",
    "createJimpitan",
    "closeJimpitan",
    "sellBeras",
    "disbursePenerima",
    "createPenyaluran",
    "addPenerima",
    "submitPenyaluran",
    "cancelPenyaluran",
    "approvePenyaluran",
];

/// The request of a money operation on WKSBM `w` (sub-resources that do not exist).
fn money_request(op: &str, w: Uuid) -> (Method, String, Option<Value>) {
    let base = format!("/api/v1/wksbm/{w}");
    let some = Uuid::now_v7();
    let day = "2026-11-20";
    let money = json!({"fund_id": some, "date": day, "direction": "masuk", "amount": 1000, "unit": "rupiah", "method": "lainnya", "description": "Matriks"});
    let recipients =
        json!({"recipients": [{"ppks_id": some, "amount": 1000, "reason": "Matriks"}]});
    match op {
        "listDana" => (Method::GET, format!("{base}/dana"), None),
        "listBukuKas" => (Method::GET, format!("{base}/buku-kas"), None),
        "getLaporan" => (
            Method::GET,
            format!("{base}/laporan?from=2026-01-01&to=2026-12-31"),
            None,
        ),
        "listUsaha" => (Method::GET, format!("{base}/usaha"), None),
        "listProposal" => (Method::GET, format!("{base}/proposal"), None),
        "listJimpitan" => (Method::GET, format!("{base}/jimpitan"), None),
        "listPenyaluran" => (Method::GET, format!("{base}/penyaluran"), None),
        "getBukuKas" => (Method::GET, format!("{base}/buku-kas/{some}"), None),
        "getJimpitan" => (Method::GET, format!("{base}/jimpitan/{some}"), None),
        "getPenyaluran" => (Method::GET, format!("{base}/penyaluran/{some}"), None),
        "getDasarZakat" => (Method::GET, format!("{base}/dasar-zakat"), None),
        "setDasarZakat" => (
            Method::PUT,
            format!("{base}/dasar-zakat"),
            Some(
                json!({"kind": "sk_baznas", "number": "1/2026", "date": day, "issuer": "BAZNAS Bantul"}),
            ),
        ),
        "openDanaTerikat" => (
            Method::POST,
            format!("{base}/dana"),
            Some(json!({"name": format!("Terikat {}", unique_suffix()), "purpose": "Matriks"})),
        ),
        "createBukuKas" => (Method::POST, format!("{base}/buku-kas"), Some(money)),
        "reverseBukuKas" => (
            Method::POST,
            format!("{base}/buku-kas/{some}/balikkan"),
            Some(json!({"date": day, "reason": "Matriks"})),
        ),
        "createTransferDana" => (
            Method::POST,
            format!("{base}/transfer-dana"),
            Some(
                json!({"from_fund_id": some, "to_fund_id": Uuid::now_v7(), "amount": 1, "unit": "rupiah", "date": day, "description": "Matriks"}),
            ),
        ),
        "createUsaha" => (
            Method::POST,
            format!("{base}/usaha"),
            Some(json!({"name": format!("Warung {}", unique_suffix()), "kind": "warung"})),
        ),
        "createProposal" => (
            Method::POST,
            format!("{base}/proposal"),
            Some(
                json!({"donor_id": some, "title": "Matriks", "requested": 1000, "sent_date": day}),
            ),
        ),
        "pledgeProposal" => (
            Method::POST,
            format!("{base}/proposal/{some}/janji"),
            Some(json!({"amount": 1000, "date": day})),
        ),
        "receiveProposal" => (
            Method::POST,
            format!("{base}/proposal/{some}/terima"),
            Some(json!({"fund_id": some, "amount": 1000, "date": day})),
        ),
        "createJimpitan" => (
            Method::POST,
            format!("{base}/jimpitan"),
            Some(
                json!({"date": day, "rt": "1", "collectors": ["Joko"], "lines": [{"household": "A", "given": "memberi", "grams": 100}]}),
            ),
        ),
        "closeJimpitan" => (
            Method::POST,
            format!("{base}/jimpitan/{some}/tutup"),
            Some(json!({"witnesses": ["Pak RT"]})),
        ),
        "sellBeras" => (
            Method::POST,
            format!("{base}/penjualan-beras"),
            Some(json!({"date": day, "grams": 1000, "price_per_kg": 12000, "buyer": "Warung"})),
        ),
        "disbursePenerima" => (
            Method::POST,
            format!(
                "{base}/penyaluran/{some}/penerima/{}/salurkan",
                Uuid::now_v7()
            ),
            Some(json!({"date": day, "received_by": "Matriks"})),
        ),
        "createPenyaluran" => (
            Method::POST,
            format!("{base}/penyaluran"),
            Some(
                json!({"name": "Matriks", "tahap": 1, "category": "pencegahan", "fund_id": some, "planned_date": day}),
            ),
        ),
        "addPenerima" => (
            Method::POST,
            format!("{base}/penyaluran/{some}/penerima"),
            Some(recipients),
        ),
        "submitPenyaluran" => (
            Method::POST,
            format!("{base}/penyaluran/{some}/ajukan"),
            None,
        ),
        "cancelPenyaluran" => (
            Method::POST,
            format!("{base}/penyaluran/{some}/batalkan"),
            Some(json!({"reason": "Matriks"})),
        ),
        "approvePenyaluran" => (
            Method::POST,
            format!("{base}/penyaluran/{some}/setujui"),
            Some(json!({"rapat_id": some, "decision_number": 1})),
        ),
        other => panic!("no money request for {other}"),
    }
}

/// The matrix's "suspended" and "dissolved" columns (issue 21): every write operation in
/// the specification, made by the ketua or the bendahara of a suspended WKSBM, is 409
/// `wksbm_read_only` whatever it targets; once the WKSBM is dissolved their seats and
/// accounts have ended, so every request of theirs is 401. Their own session (`/auth/…`)
/// is not the WKSBM's and stays open while suspended.
#[tokio::test]
async fn suspended_and_dissolved_boards_write_nothing() {
    for b in backends() {
        let app = TestApp::spawn(b).await;
        let books = wksbm_tests::fixtures::Books::new(&app, "Beku").await;
        let admin = books.admin.clone();
        let p1 = json_of(
            app.authed(
                Method::POST,
                &format!("/api/v1/kalurahan/{K1}/padukuhan"),
                &admin,
            )
            .json(&json!({"name": "Matriks Beku"})),
        )
        .await;
        let p1 = Uuid::parse_str(p1["id"].as_str().unwrap()).unwrap();
        let w = json_of(
            app.authed(Method::POST, "/api/v1/wksbm", &admin)
                .json(&json!({"padukuhan_id": p1, "name": "WKSBM Matriks Beku"})),
        )
        .await;
        let mut fx = Fixture {
            admin: admin.clone(),
            lurah: books.lurah.clone(),
            p1,
            wksbm: Uuid::parse_str(w["id"].as_str().unwrap()).unwrap(),
            meeting: None,
            ppks: None,
        };
        let status = format!("{}/status", books.base);
        let set = |to: &str| json!({"status": to, "reason": "uji matriks"});
        assert_eq!(
            app.send(Method::POST, &status, &books.lurah, set("dibekukan"))
                .await
                .status(),
            200
        );

        let spec: Value = serde_json::from_str(&wksbm_api::routes::openapi_json()).unwrap();
        let mut writes = Vec::new();
        for (path, item) in spec["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                let id = op["operationId"].as_str().unwrap();
                if method != "get" && !path.starts_with("/api/v1/auth/") && !PUBLIC.contains(&id) {
                    writes.push(id.to_owned());
                }
            }
        }
        assert!(writes.len() > 40, "{writes:?}");
        let mut failures = Vec::new();
        for op in &writes {
            for (who, token) in [("ketua", &books.ketua), ("bendahara", &books.bendahara)] {
                let target = app.pengurus_target(K1, p1).await;
                let got = request(&app, &mut fx, op, Some(token), target).await;
                if got != 409 {
                    failures.push(format!("{op} as the {who} of a suspended WKSBM: {got}"));
                }
            }
        }
        // The board's own session is not the WKSBM's: it may still log out.
        let me = app.get_as("/api/v1/auth/me", &books.ketua).await;
        assert_eq!(me.status(), 200);

        assert_eq!(
            app.send(Method::POST, &status, &books.lurah, set("dibubarkan"))
                .await
                .status(),
            200
        );
        for op in &writes {
            let target = app.pengurus_target(K1, p1).await;
            let got = request(&app, &mut fx, op, Some(&books.ketua), target).await;
            if got != 401 {
                failures.push(format!("{op} as the ketua of a dissolved WKSBM: {got}"));
            }
        }
        assert_eq!(
            app.get_as("/api/v1/auth/me", &books.bendahara)
                .await
                .status(),
            401
        );
        let board = app
            .get_json_as(&format!("{}/pengurus", books.base), &books.lurah)
            .await;
        assert!(
            board["items"]
                .as_array()
                .unwrap()
                .iter()
                .all(|s| !s["ended_at"].is_null() && s["status_reason"] == "WKSBM dibubarkan"),
            "every seat ended: {board}"
        );
        assert!(
            failures.is_empty(),
            "on {:?}:\n{}",
            app.backend,
            failures.join("\n")
        );
    }
}
