//! The benchmark baseline: a bare actix-web server returning a fixed JSON object, the
//! same size as a wilayah detail, with no database, middleware or routing table.
//! Usage: bare-json [PORT] (default 18081).

use actix_web::{App, HttpResponse, HttpServer, web};

async fn wilayah_like() -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({
        "code": "34.02.01.2001", "parent_code": "34.02.01", "level": "kalurahan", "name": "Poncosari",
        "ancestors": [
            {"code": "34", "parent_code": null, "level": "provinsi", "name": "Daerah Istimewa Yogyakarta"},
            {"code": "34.02", "parent_code": "34", "level": "kabupaten", "name": "Kabupaten Bantul"},
            {"code": "34.02.01", "parent_code": "34.02", "level": "kapanewon", "name": "Srandakan"}
        ]
    }))
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let port: u16 = std::env::args()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(18081);
    HttpServer::new(|| App::new().route("/bare/{code}", web::get().to(wilayah_like)))
        .bind(("127.0.0.1", port))?
        .run()
        .await
}
