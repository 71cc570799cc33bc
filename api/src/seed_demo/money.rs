//! The demo WKSBM's money: its funds, jimpitan, rice, books, a proposal and a
//! distribution round, each written by the board member whose job it is.

use super::{Api, id};
use crate::start_error::StartError;
use reqwest::Method;
use serde_json::{Value, json};

/// A fund's id by kind, from the WKSBM's list of funds.
pub(super) fn fund_id(funds: &Value, kind: &str) -> String {
    funds["items"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["kind"] == kind)
        .map(id)
        .unwrap_or_default()
}

/// Two jimpitan rounds collected and closed, and part of the rice sold.
pub(super) async fn jimpitan_and_rice(
    api: &Api,
    base: &str,
    bendahara: &str,
) -> Result<(), StartError> {
    for (rt, day) in [("001", "2026-11-14"), ("002", "2026-11-21")] {
        let lines: Vec<Value> = (1..=8)
            .map(|h| {
                if h == 8 {
                    json!({"household": format!("RT {rt} rumah {h}"), "given": "dibebaskan"})
                } else {
                    json!({"household": format!("RT {rt} rumah {h}"), "given": "memberi", "grams": 200 * 7, "rupiah": if h % 2 == 0 { 3500 } else { 0 }})
                }
            })
            .collect();
        let r = api.call(Method::POST, &format!("{base}/jimpitan"), bendahara, json!({"date": day, "rt": rt, "collectors": ["Pak Wagiman", "Mas Joko"], "lines": lines})).await?;
        api.call(
            Method::POST,
            &format!("{base}/jimpitan/{}/tutup", id(&r)),
            bendahara,
            json!({"witnesses": ["Pak RT", "Bu Dukuh"]}),
        )
        .await?;
    }
    api.call(Method::POST, &format!("{base}/penjualan-beras"), bendahara, json!({"date": "2026-11-22", "grams": 10000, "price_per_kg": 12500, "buyer": "Warung Bu Narti"})).await?;
    Ok(())
}

/// A business unit's income, second-hand sales, zakat, and the amil share moved.
pub(super) async fn books(
    api: &Api,
    base: &str,
    bendahara: &str,
    fund: &dyn Fn(&str) -> String,
) -> Result<(), StartError> {
    let tenda = api
        .call(
            Method::POST,
            &format!("{base}/usaha"),
            bendahara,
            json!({"name": "Persewaan Tenda", "kind": "persewaan"}),
        )
        .await?;
    let entry = |fund: String, amount: i64, method: &str, desc: &str, extra: Value| {
        let mut v = json!({"fund_id": fund, "date": "2026-11-20", "direction": "masuk", "amount": amount, "unit": "rupiah", "method": method, "description": desc});
        if let Some(o) = extra.as_object() {
            for (k, x) in o {
                v[k] = x.clone();
            }
        }
        v
    };
    api.call(
        Method::POST,
        &format!("{base}/buku-kas"),
        bendahara,
        entry(
            fund("umum"),
            450_000,
            "usaha",
            "Sewa tenda hajatan Pak Karto",
            json!({"usaha_id": id(&tenda)}),
        ),
    )
    .await?;
    api.call(
        Method::POST,
        &format!("{base}/buku-kas"),
        bendahara,
        entry(
            fund("umum"),
            175_000,
            "barang_bekas",
            "Penjualan barang bekas",
            json!({}),
        ),
    )
    .await?;
    api.call(
        Method::POST,
        &format!("{base}/buku-kas"),
        bendahara,
        entry(
            fund("zakat"),
            2_400_000,
            "zakat_maal",
            "Zakat maal warga",
            json!({}),
        ),
    )
    .await?;
    api.call(Method::POST, &format!("{base}/transfer-dana"), bendahara, json!({"from_fund_id": fund("zakat"), "to_fund_id": fund("amil"), "amount": 300_000, "unit": "rupiah", "date": "2026-11-21", "description": "Bagian amil (1/8)"})).await?;
    Ok(())
}

/// A proposal to the donor, pledged and received into `umum`.
pub(super) async fn proposal(
    api: &Api,
    base: &str,
    bendahara: &str,
    donor_id: &str,
    umum: &str,
) -> Result<(), StartError> {
    let prop = api.call(Method::POST, &format!("{base}/proposal"), bendahara, json!({"donor_id": donor_id, "title": "Sembako lansia Desember", "requested": 2_000_000, "sent_date": "2026-11-10"})).await?;
    api.call(
        Method::POST,
        &format!("{base}/proposal/{}/janji", id(&prop)),
        bendahara,
        json!({"amount": 1_500_000, "date": "2026-11-15"}),
    )
    .await?;
    api.call(
        Method::POST,
        &format!("{base}/proposal/{}/terima", id(&prop)),
        bendahara,
        json!({"fund_id": umum, "amount": 1_500_000, "date": "2026-11-24"}),
    )
    .await?;

    Ok(())
}

/// The board's tokens.
pub(super) struct Team<'a> {
    pub ketua: &'a str,
    pub sekretaris: &'a str,
    pub bendahara: &'a str,
}

/// A distribution round: prepared by the sekretaris, approved by the ketua citing a
/// meeting decision, three of four recipients paid (one left for you to pay).
pub(super) async fn distribution(
    api: &Api,
    base: &str,
    team: &Team<'_>,
    ppks: &[String],
    umum: &str,
) -> Result<(), StartError> {
    let Team {
        ketua,
        sekretaris,
        bendahara,
    } = *team;
    let rapat = api.call(Method::POST, &format!("{base}/rapat"), sekretaris, json!({"date": "2026-11-25", "place": "Rumah Dukuh Kuwaru", "agenda": "Penyaluran sembako", "decisions": [{"text": "Menyetujui daftar penerima sembako tahap 1", "outcome": "disetujui"}]})).await?;
    let recipients: Vec<Value> = ppks
        .iter()
        .take(4)
        .map(|p| json!({"ppks_id": p, "amount": 150_000, "reason": "Sembako bulanan"}))
        .collect();
    let round = api.call(Method::POST, &format!("{base}/penyaluran"), sekretaris, json!({"name": "Sembako tahap 1", "tahap": 1, "category": "penanganan.perlindungan_sosial", "fund_id": umum, "planned_date": "2026-11-28", "recipients": recipients})).await?;
    let rpath = format!("{base}/penyaluran/{}", id(&round));
    api.call(
        Method::POST,
        &format!("{rpath}/ajukan"),
        sekretaris,
        json!({}),
    )
    .await?;
    let approved = api
        .call(
            Method::POST,
            &format!("{rpath}/setujui"),
            ketua,
            json!({"rapat_id": id(&rapat), "decision_number": 1}),
        )
        .await?;
    for r in approved["recipients"]
        .as_array()
        .into_iter()
        .flatten()
        .take(3)
    {
        api.call(
            Method::POST,
            &format!("{rpath}/penerima/{}/salurkan", id(r)),
            bendahara,
            json!({"date": "2026-11-28", "received_by": "Penerima sendiri"}),
        )
        .await?;
    }

    Ok(())
}
