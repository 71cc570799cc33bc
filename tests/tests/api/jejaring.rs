//! PSKS, donors and partners over HTTP: create, search, change with If-Match, deactivate
//! with a reason, the MoU rules, who may write, and a dissolved WKSBM being read-only.

use reqwest::Method;
use serde_json::json;
use wksbm_tests::fixtures::{K1, Place, board_member};
use wksbm_tests::http::{assert_problem, item_texts, ok};
use wksbm_tests::on_each_backend;

#[tokio::test]
async fn psks_donors_and_partners_live_with_their_wksbm() {
    on_each_backend(|app| async move {
        let admin = &app.admin_token().await;
        let pl = Place::new(&app, admin, K1, "Kuwaru").await;
        let w = &pl.wksbm;

        // PSKS, by the bendahara of the WKSBM.
        let bendahara = board_member(&app, admin, w, "bendahara").await;
        let psks = ok(app.send(Method::POST, "/api/v1/psks", &bendahara, json!({"wksbm_id": w, "kind": "PSKS-02", "form": "perorangan", "name": "Sumarni", "services": ["Pendampingan lansia"], "capacity": 10, "contact": {"phone": "081234567890", "email": "sumarni@example.org"}})).await, 201).await;
        assert_eq!((psks["register"].as_str(), psks["kind"].as_str(), psks["within_area"].as_bool()), (Some("psks"), Some("PSKS-02"), Some(true)));
        assert_eq!(psks["contact"]["email"], "sumarni@example.org");
        let anggota = board_member(&app, admin, w, "anggota").await;
        assert_problem(app.send(Method::POST, "/api/v1/psks", &anggota, json!({"wksbm_id": w, "kind": "PSKS-03", "form": "lembaga", "name": "Tagana"})).await, 403, "forbidden").await;
        assert_problem(app.send(Method::POST, "/api/v1/psks", admin, json!({"wksbm_id": uuid::Uuid::now_v7(), "kind": "PSKS-03", "form": "lembaga", "name": "Tagana"})).await, 422, "wksbm_unknown").await;

        // Donors and partners, with the MoU rules.
        let d = format!("/api/v1/wksbm/{w}/donatur");
        let donor = ok(app.send(Method::POST, &d, &bendahara, json!({"kind": "usaha", "name": "Toko Makmur", "contact": {"person": "Pak Harjo"}})).await, 201).await;
        ok(app.send(Method::POST, &d, admin, json!({"kind": "perorangan", "name": "Bu Siti"})).await, 201).await;
        let m = format!("/api/v1/wksbm/{w}/mitra");
        let mou = |start: &str, end: &str| json!({"kind": "puskesmas", "name": "Puskesmas Srandakan", "services": ["Posyandu lansia", "Imunisasi"], "mou_number": "01/MoU/2026", "mou_start": start, "mou_end": end});
        assert_problem(app.send(Method::POST, &m, admin, mou("2026-06-01", "2026-01-01")).await, 422, "mou_dates").await;
        let mut no_number = mou("2026-01-01", "2027-01-01");
        no_number.as_object_mut().unwrap().remove("mou_number");
        assert_problem(app.send(Method::POST, &m, admin, no_number).await, 422, "mou_number_missing").await;
        let mut twice = mou("2026-01-01", "2027-01-01");
        twice["services"] = json!(["Imunisasi", "IMUNISASI"]);
        assert_problem(app.send(Method::POST, &m, admin, twice).await, 422, "service_repeated").await;
        let mitra = ok(app.send(Method::POST, &m, admin, mou("2026-01-01", "2027-12-31")).await, 201).await;
        assert_eq!(mitra["services"], json!(["Posyandu lansia", "Imunisasi"]));

        // Search: name, kind, active.
        let names = |page: &serde_json::Value| item_texts(page, "name");
        let list = app.get_json_as(&format!("{d}?q=makmur"), admin).await;
        assert_eq!(names(&list), vec!["Toko Makmur"]);
        let list = app.get_json_as(&format!("{d}?kind=perorangan"), admin).await;
        assert_eq!(names(&list), vec!["Bu Siti"]);
        let list = app.get_json_as("/api/v1/psks?kind=PSKS-02&wilayah_code=34.02.01", admin).await;
        assert_eq!(names(&list), vec!["Sumarni"]);

        // Change with If-Match; deactivate with a reason, once.
        let item = format!("{d}/{}", donor["id"].as_str().unwrap());
        let change = json!({"kind": "usaha", "name": "Toko Makmur Jaya"});
        assert_problem(app.send(Method::PATCH, &item, admin, change.clone()).await, 428, "precondition_required").await;
        let changed = ok(app.patch(&item, &bendahara, Some("\"1\""), change.clone()).await, 200).await;
        assert_eq!((changed["name"].as_str(), changed["version"].as_i64()), (Some("Toko Makmur Jaya"), Some(2)));
        let off = ok(app.send(Method::POST, &format!("{item}/nonaktifkan"), admin, json!({"reason": "Tutup"})).await, 200).await;
        assert_eq!((off["active"].as_bool(), off["status_reason"].as_str()), (Some(false), Some("Tutup")));
        assert_problem(app.send(Method::POST, &format!("{item}/nonaktifkan"), admin, json!({"reason": "Lagi"})).await, 409, "already_inactive").await;
        let list = app.get_json_as(&format!("{d}?active=true"), admin).await;
        assert_eq!(names(&list), vec!["Bu Siti"]);
        // A donor is not reachable under another WKSBM's path.
        let other = Place::new(&app, admin, K1, "Gadingharjo").await;
        assert_problem(app.get_as(&format!("/api/v1/wksbm/{}/donatur/{}", other.wksbm, donor["id"].as_str().unwrap()), admin).await, 404, "not_found").await;

        // Reads are audited.
        app.get_as(&item, admin).await;
        let audit = app.get_json_as(&format!("/api/v1/audit?resource_id={}", donor["id"].as_str().unwrap()), admin).await;
        let actions = item_texts(&audit, "action");
        assert_eq!(actions, vec!["mitra.read", "mitra.deactivate", "mitra.update", "mitra.create"]);

        // A dissolved WKSBM's registers are read-only.
        let lurah = app.account("kalurahan", K1).await.token;
        ok(app.send(Method::POST, &format!("/api/v1/wksbm/{w}/status"), &lurah, json!({"status": "dibubarkan", "reason": "uji"})).await, 200).await;
        assert_problem(app.send(Method::POST, &d, admin, json!({"kind": "perorangan", "name": "Baru"})).await, 409, "wksbm_read_only").await;
        let list = app.get_json_as(&d, admin).await;
        assert_eq!(names(&list).len(), 2, "still readable");
    })
    .await;
}
