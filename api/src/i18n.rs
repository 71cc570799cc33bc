//! Language of human-readable messages: Bahasa Indonesia unless the client prefers
//! English in `Accept-Language`.

use actix_web::HttpRequest;
use actix_web::http::header::ACCEPT_LANGUAGE;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Id,
    En,
}

impl Lang {
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    pub fn of(req: &HttpRequest) -> Lang {
        req.headers()
            .get(ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map_or(Lang::Id, negotiate)
    }
}

/// Picks the supported language with the highest q-value; ties keep header order.
pub fn negotiate(header: &str) -> Lang {
    let mut best: Option<(Lang, f32)> = None;
    for part in header.split(',') {
        let mut it = part.split(';');
        let tag = it.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = it
            .find_map(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|v| v.parse::<f32>().ok())
            })
            .unwrap_or(1.0);
        let primary = tag.split('-').next().unwrap_or("");
        let lang = match primary {
            "id" | "in" => Lang::Id,
            "en" => Lang::En,
            _ => continue,
        };
        if q > 0.0 && best.is_none_or(|(_, bq)| q > bq) {
            best = Some((lang, q));
        }
    }
    best.map_or(Lang::Id, |(l, _)| l)
}

/// A message in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub id: String,
    pub en: String,
}

impl Text {
    pub fn new(id: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            id: id.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.id,
            Lang::En => &self.en,
        }
    }
}

/// The Indonesian message of a domain rule refused against the current state.
pub fn rule_id(code: &str) -> &'static str {
    match code {
        "step_out_of_order" => {
            "Tahapan harus diselesaikan berurutan; tahapan sebelumnya belum selesai."
        }
        "step_already_done" => "Tahapan ini sudah diselesaikan.",
        "step_needs_legalisation" => {
            "Tahapan pengesahan diselesaikan lewat pengesahan WKSBM oleh lurah."
        }
        "wksbm_not_in_formation" => "WKSBM ini tidak lagi dalam tahap pembentukan.",
        "legalisation_steps_missing" => "Pengesahan memerlukan lima tahapan sebelumnya selesai.",
        "legalisation_board_incomplete" => {
            "Pengesahan memerlukan ketua, sekretaris dan bendahara yang aktif."
        }
        "legalisation_board_not_distinct" => {
            "Ketua, sekretaris dan bendahara harus tiga orang yang berbeda."
        }
        "wksbm_read_only" => "WKSBM ini dibekukan atau dibubarkan; datanya hanya dapat dibaca.",
        "status_transition_not_allowed" => "Perubahan status ini tidak diizinkan.",
        "ketua_is_bendahara" => "Ketua dan bendahara harus orang yang berbeda.",
        "seat_already_held" => "Orang ini sudah memegang jabatan tersebut.",
        "wksbm_exists_in_padukuhan" => "Padukuhan ini sudah memiliki WKSBM yang belum dibubarkan.",
        "attendee_not_on_board" => "Peserta dengan seat_id bukan pengurus aktif WKSBM ini.",
        "attendee_listed_twice" => "Seorang pengurus tercatat dua kali.",
        "padukuhan_has_wksbm" => "Padukuhan ini masih memiliki WKSBM yang belum dibubarkan.",
        "already_inactive" => "Sudah nonaktif.",
        "seat_taken" => "Jabatan ini sudah ada pemegangnya; gunakan replace untuk menggantinya.",
        "seat_has_account" => "Jabatan ini sudah memiliki akun.",
        "padukuhan_name_taken" => "Nama padukuhan sudah dipakai di kalurahan ini.",
        "wksbm_not_active" => {
            "Uang hanya dicatat untuk WKSBM yang aktif (disahkan, tidak dibekukan)."
        }
        "fund_unknown" => "Dana tidak ada di WKSBM ini.",
        "fund_name_taken" => "Nama dana sudah dipakai di WKSBM ini.",
        "usaha_unknown" => "Unit usaha tidak ada di WKSBM ini.",
        "usaha_name_taken" => "Nama unit usaha sudah dipakai di WKSBM ini.",
        "donor_unknown" => "Donatur tidak ada di WKSBM ini.",
        "proposal_not_sent" => "Hanya proposal berstatus dikirim yang dapat dijanjikan.",
        "proposal_not_pledged" => "Hanya proposal yang dijanjikan yang diterima (sekali).",
        "jimpitan_closed" => "Putaran jimpitan ini sudah ditutup.",
        "ppks_inactive" => "Orang ini tidak lagi aktif dalam register.",
        "idempotency_key_in_use" => "Idempotency-Key ini diambil alih permintaan lain.",
        other => wksbm_domain::messages::message_id(other)
            .unwrap_or("Bertentangan dengan keadaan data saat ini."),
    }
}

/// The title of each problem code.
pub fn title(code: &str, lang: Lang) -> &'static str {
    let (id, en) = match code {
        "not_found" => ("Tidak ditemukan", "Not found"),
        "route_not_found" => ("Alamat tidak dikenal", "Unknown route"),
        "method_not_allowed" => ("Metode tidak diizinkan", "Method not allowed"),
        "query_invalid" => ("Parameter query tidak valid", "Invalid query parameter"),
        "page_token_invalid" => ("page_token tidak valid", "Invalid page_token"),
        "form_invalid" => ("Formulir tidak valid", "Invalid form"),
        "json_invalid" => ("JSON tidak valid", "Malformed JSON"),
        "body_invalid" => (
            "Isi permintaan tidak sesuai skema",
            "Body does not match the schema",
        ),
        "validation_failed" => ("Data tidak valid", "Validation failed"),
        "payload_too_large" => ("Isi permintaan terlalu besar", "Payload too large"),
        "content_type_unsupported" => ("Jenis konten tidak didukung", "Unsupported content type"),
        "length_required" => ("Panjang isi wajib disebutkan", "Length required"),
        "cors_rejected" => ("Asal permintaan tidak diizinkan", "Origin not allowed"),
        "unauthenticated" => ("Belum masuk", "Not authenticated"),
        "token_invalid" => ("Token tidak sah", "Invalid token"),
        "login_failed" => ("Gagal masuk", "Login failed"),
        "refresh_token_invalid" => ("Refresh token tidak sah", "Invalid refresh token"),
        "refresh_token_reused" => ("Refresh token sudah dipakai", "Refresh token reused"),
        "unsupported_grant_type" => ("Jenis grant tidak didukung", "Unsupported grant type"),
        "forbidden" => ("Tidak diizinkan", "Forbidden"),
        "rate_limited" => ("Terlalu banyak percobaan", "Too many attempts"),
        "precondition_failed" => ("Data sudah berubah", "Precondition failed"),
        "precondition_required" => ("If-Match wajib", "Precondition required"),
        "username_taken" => ("Nama pengguna sudah dipakai", "Username taken"),
        "already_inactive" => ("Sudah nonaktif", "Already inactive"),
        "database_unavailable" => ("Layanan belum siap", "Service unavailable"),
        "internal" => ("Kesalahan pada server", "Internal server error"),
        _ => (
            "Permintaan tidak dapat diproses",
            "Request could not be processed",
        ),
    };
    match lang {
        Lang::Id => id,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_by_quality() {
        assert_eq!(negotiate("en"), Lang::En);
        assert_eq!(negotiate("en-US,en;q=0.9"), Lang::En);
        assert_eq!(negotiate("fr, en;q=0.5, id;q=0.8"), Lang::Id);
        assert_eq!(negotiate("fr"), Lang::Id);
        assert_eq!(negotiate("en;q=0"), Lang::Id);
        assert_eq!(negotiate(""), Lang::Id);
    }
}
