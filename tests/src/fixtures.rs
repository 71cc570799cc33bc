//! What tests start from, made through the API: a padukuhan with its WKSBM, board members
//! with logins, people in the PPKS register and a legalised WKSBM whose books are open.

use crate::TestApp;
use crate::http::ok;
use reqwest::Method;
use serde_json::{Value, json};

/// Kalurahan Poncosari (kapanewon Srandakan, 34.02.01), where most fixtures live.
pub const K1: &str = "34.02.01.2001";

/// The password of every board member made by [`board_member`].
const BOARD_PASSWORD: &str = "a-long-password-1";

/// A padukuhan and its WKSBM in formation.
#[derive(Debug, Clone)]
pub struct Place {
    pub padukuhan: String,
    pub wksbm: String,
}

impl Place {
    /// Padukuhan `name` in `kalurahan` and its WKSBM "WKSBM `name`", made with `token`.
    pub async fn new(app: &TestApp, token: &str, kalurahan: &str, name: &str) -> Place {
        let p = ok(
            app.send(
                Method::POST,
                &format!("/api/v1/kalurahan/{kalurahan}/padukuhan"),
                token,
                json!({"name": name}),
            )
            .await,
            201,
        )
        .await;
        let w = ok(
            app.send(
                Method::POST,
                "/api/v1/wksbm",
                token,
                json!({"padukuhan_id": p["id"], "name": format!("WKSBM {name}")}),
            )
            .await,
            201,
        )
        .await;
        Place {
            padukuhan: p["id"].as_str().unwrap().to_owned(),
            wksbm: w["id"].as_str().unwrap().to_owned(),
        }
    }

    /// The WKSBM's path, `/api/v1/wksbm/{id}`.
    pub fn base(&self) -> String {
        format!("/api/v1/wksbm/{}", self.wksbm)
    }
}

/// A board member of `wksbm` in `position`, seated and given an account with `token`;
/// returns the member's login token.
pub async fn board_member(app: &TestApp, token: &str, wksbm: &str, position: &str) -> String {
    let seat = ok(
        app.send(
            Method::POST,
            &format!("/api/v1/wksbm/{wksbm}/pengurus"),
            token,
            json!({"jabatan": position, "holder_name": format!("{position} {}", crate::unique_suffix()), "term_start": "2026-11-01"}),
        )
        .await,
        201,
    )
    .await;
    let username = format!("{position}-{}", crate::unique_suffix());
    ok(
        app.send(
            Method::POST,
            &format!(
                "/api/v1/wksbm/{wksbm}/pengurus/{}/akun",
                seat["id"].as_str().unwrap()
            ),
            token,
            json!({"username": username, "password": BOARD_PASSWORD}),
        )
        .await,
        201,
    )
    .await;
    app.login(&username, BOARD_PASSWORD).await
}

/// A PPKS registration body: an adult in RT 03/RW 01 of `padukuhan`.
pub fn person(padukuhan: &str, nik: &str, name: &str) -> Value {
    json!({
        "padukuhan_id": padukuhan, "nik": nik, "name": name, "rt": "03", "rw": "01",
        "types": ["PPKS-24"], "lawful_basis": "tugas_publik"
    })
}

/// Registers a person with `token`; panics unless it answers 201. Returns the record.
pub async fn register(app: &TestApp, token: &str, body: &Value) -> Value {
    ok(
        app.send(Method::POST, "/api/v1/ppks", token, body.clone())
            .await,
        201,
    )
    .await
}

/// The smallest thing that is a PNG by content: signature and an IHDR chunk.
pub fn png() -> Vec<u8> {
    let mut v = b"\x89PNG\r\n\x1a\n".to_vec();
    v.extend_from_slice(&[0, 0, 0, 13]);
    v.extend_from_slice(b"IHDR");
    v.extend_from_slice(&[
        0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
    ]);
    v
}

/// A legalised WKSBM in K1 with accounts for its ketua, sekretaris and bendahara.
pub struct Books {
    pub base: String,
    pub padukuhan: String,
    pub admin: String,
    pub lurah: String,
    pub ketua: String,
    pub sekretaris: String,
    pub bendahara: String,
}

impl Books {
    pub async fn new(app: &TestApp, name: &str) -> Books {
        let admin = app.admin_token().await;
        let lurah = app.account("kalurahan", K1).await.token;
        let place = Place::new(app, &lurah, K1, name).await;
        let base = place.base();
        let day = json!({"date": "2026-11-01"});
        for s in [
            "koordinasi_lurah",
            "koordinasi_keperangkatan",
            "persiapan_administrasi",
            "sosialisasi",
            "pembentukan_kepengurusan",
        ] {
            ok(
                app.send(
                    Method::POST,
                    &format!("{base}/tahapan/{s}"),
                    &lurah,
                    day.clone(),
                )
                .await,
                200,
            )
            .await;
        }
        let ketua = board_member(app, &lurah, &place.wksbm, "ketua").await;
        let sekretaris = board_member(app, &lurah, &place.wksbm, "sekretaris").await;
        let bendahara = board_member(app, &lurah, &place.wksbm, "bendahara").await;
        ok(
            app.send(
                Method::POST,
                &format!("{base}/pengesahan"),
                &lurah,
                json!({"sk": {"number": "1/2026", "date": "2026-11-28", "signed_by": "Lurah"}}),
            )
            .await,
            200,
        )
        .await;
        Books {
            base,
            padukuhan: place.padukuhan,
            admin,
            lurah,
            ketua,
            sekretaris,
            bendahara,
        }
    }

    pub async fn funds(&self, app: &TestApp) -> Value {
        app.get_json_as(&format!("{}/dana", self.base), &self.bendahara)
            .await
    }

    /// The id and balance of this WKSBM's fund of `kind`.
    pub async fn fund(&self, app: &TestApp, kind: &str) -> (String, i64) {
        let f = self.funds(app).await;
        let f = f["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["kind"] == kind)
            .unwrap()
            .clone();
        (
            f["id"].as_str().unwrap().to_owned(),
            f["balance"].as_i64().unwrap(),
        )
    }

    /// Posts an income of `amount` rupiah into `fund`.
    pub async fn income(&self, app: &TestApp, fund: &str, amount: i64, method: &str) -> Value {
        ok(app.send(Method::POST, &format!("{}/buku-kas", self.base), &self.bendahara, json!({"fund_id": fund, "date": "2026-11-20", "direction": "masuk", "amount": amount, "unit": "rupiah", "method": method, "description": "Uji"})).await, 201).await
    }

    /// An active PPKS of this WKSBM (with an asnaf when given).
    pub async fn person(&self, app: &TestApp, asnaf: Option<&str>) -> String {
        let p = ok(app.send(Method::POST, "/api/v1/ppks", &self.admin, json!({"padukuhan_id": self.padukuhan, "nik": crate::nik(false), "name": "Warga Penerima", "types": ["PPKS-24"], "asnaf": asnaf, "lawful_basis": "tugas_publik"})).await, 201).await;
        p["id"].as_str().unwrap().to_owned()
    }

    /// An approved decision of a meeting of this WKSBM: (rapat id, number).
    pub async fn decision(&self, app: &TestApp) -> (String, i64) {
        let r = ok(app.send(Method::POST, &format!("{}/rapat", self.base), &self.sekretaris, json!({"date": "2026-11-25", "place": "Balai", "agenda": "Penyaluran", "decisions": [{"text": "Menyetujui penyaluran", "outcome": "disetujui"}]})).await, 201).await;
        (r["id"].as_str().unwrap().to_owned(), 1)
    }

    /// An approved round paying `amount` to each person from `fund`.
    pub async fn approved_round(
        &self,
        app: &TestApp,
        fund: &str,
        people: &[String],
        amount: i64,
    ) -> Value {
        let recipients: Vec<Value> = people
            .iter()
            .map(|p| json!({"ppks_id": p, "amount": amount, "reason": "Kebutuhan pokok"}))
            .collect();
        let r = ok(app.send(Method::POST, &format!("{}/penyaluran", self.base), &self.sekretaris, json!({"name": "Sembako", "tahap": 1, "category": "penanganan.perlindungan_sosial", "fund_id": fund, "planned_date": "2026-11-28", "recipients": recipients})).await, 201).await;
        let path = format!("{}/penyaluran/{}", self.base, r["id"].as_str().unwrap());
        ok(
            app.send(
                Method::POST,
                &format!("{path}/ajukan"),
                &self.sekretaris,
                json!({}),
            )
            .await,
            200,
        )
        .await;
        let (rapat, n) = self.decision(app).await;
        ok(
            app.send(
                Method::POST,
                &format!("{path}/setujui"),
                &self.ketua,
                json!({"rapat_id": rapat, "decision_number": n}),
            )
            .await,
            200,
        )
        .await
    }
}
