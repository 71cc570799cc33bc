//! Catalogs from DOMAIN.md: the fixed lists other records refer to by code.

use serde::Serialize;

/// One entry of a catalog. `parent` groups sub-kinds (a kind of handling under
/// `penanganan`); `aliases` are other spellings an import accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Item {
    pub code: &'static str,
    pub name: &'static str,
    pub abbreviation: Option<&'static str>,
    pub parent: Option<&'static str>,
    pub description: Option<&'static str>,
    pub aliases: &'static [&'static str],
}

const fn item(code: &'static str, name: &'static str) -> Item {
    Item {
        code,
        name,
        abbreviation: None,
        parent: None,
        description: None,
        aliases: &[],
    }
}

const fn abbr(code: &'static str, name: &'static str, a: &'static str) -> Item {
    Item {
        abbreviation: Some(a),
        ..item(code, name)
    }
}

const fn child(code: &'static str, name: &'static str, parent: &'static str) -> Item {
    Item {
        parent: Some(parent),
        ..item(code, name)
    }
}

const fn desc(code: &'static str, name: &'static str, d: &'static str) -> Item {
    Item {
        description: Some(d),
        ..item(code, name)
    }
}

/// The catalogs the API serves at `/api/v1/katalog/{name}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Katalog {
    Ppks,
    Psks,
    JenisKegiatan,
    MetodePenggalanganDana,
    KategoriPenyaluran,
    Asnaf,
    Jabatan,
    BukuAdministrasi,
    TahapanPenumbuhan,
}

impl Katalog {
    pub const ALL: [Katalog; 9] = [
        Katalog::Ppks,
        Katalog::Psks,
        Katalog::JenisKegiatan,
        Katalog::MetodePenggalanganDana,
        Katalog::KategoriPenyaluran,
        Katalog::Asnaf,
        Katalog::Jabatan,
        Katalog::BukuAdministrasi,
        Katalog::TahapanPenumbuhan,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Katalog::Ppks => "ppks",
            Katalog::Psks => "psks",
            Katalog::JenisKegiatan => "jenis_kegiatan",
            Katalog::MetodePenggalanganDana => "metode_penggalangan_dana",
            Katalog::KategoriPenyaluran => "kategori_penyaluran",
            Katalog::Asnaf => "asnaf",
            Katalog::Jabatan => "jabatan",
            Katalog::BukuAdministrasi => "buku_administrasi",
            Katalog::TahapanPenumbuhan => "tahapan_penumbuhan",
        }
    }

    pub fn parse(name: &str) -> Option<Katalog> {
        Katalog::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Where the list comes from, shown to clients so that they can check it.
    pub fn source(self) -> &'static str {
        match self {
            Katalog::Ppks | Katalog::Psks => "Permensos 8/2012",
            Katalog::Asnaf => "UU 23/2011; QS At-Taubah 60",
            Katalog::Jabatan => {
                "Common practice; not fixed by Perbup Bantul 16/2020 (unconfirmed, may change)"
            }
            _ => "Kepmensos 42/HUK/2004; Perbup Bantul 16/2020 (WKSBM)",
        }
    }

    pub fn items(self) -> &'static [Item] {
        match self {
            Katalog::Ppks => PPKS,
            Katalog::Psks => PSKS,
            Katalog::JenisKegiatan => JENIS_KEGIATAN,
            Katalog::MetodePenggalanganDana => METODE_PENGGALANGAN_DANA,
            Katalog::KategoriPenyaluran => KATEGORI_PENYALURAN,
            Katalog::Asnaf => ASNAF,
            Katalog::Jabatan => JABATAN,
            Katalog::BukuAdministrasi => BUKU_ADMINISTRASI,
            Katalog::TahapanPenumbuhan => TAHAPAN_PENUMBUHAN,
        }
    }

    /// Finds an item by its code, or by its name, abbreviation or an alias ignoring case.
    pub fn find(self, key: &str) -> Option<&'static Item> {
        let key = key.trim();
        self.items().iter().find(|i| {
            i.code == key
                || i.name.eq_ignore_ascii_case(key)
                || i.abbreviation.is_some_and(|a| a.eq_ignore_ascii_case(key))
                || i.aliases.iter().any(|a| a.eq_ignore_ascii_case(key))
        })
    }
}

pub const PPKS: &[Item] = &[
    Item {
        description: Some("usia 0-5 tahun"),
        aliases: &["Anak Balita Terlantar"],
        ..abbr("PPKS-01", "Anak Balita Telantar", "ABT")
    },
    Item {
        description: Some("usia 6-18 tahun"),
        aliases: &["Anak Terlantar"],
        ..abbr("PPKS-02", "Anak Telantar", "AT")
    },
    abbr("PPKS-03", "Anak yang Berhadapan dengan Hukum", "ABH"),
    abbr("PPKS-04", "Anak Jalanan", "AJ"),
    abbr("PPKS-05", "Anak dengan Kedisabilitasan", "ADK"),
    item(
        "PPKS-06",
        "Anak yang Menjadi Korban Tindak Kekerasan atau Diperlakukan Salah",
    ),
    abbr(
        "PPKS-07",
        "Anak yang Memerlukan Perlindungan Khusus",
        "AMPK",
    ),
    Item {
        aliases: &["Lanjut Usia Terlantar"],
        ..abbr("PPKS-08", "Lanjut Usia Telantar", "LUT")
    },
    item("PPKS-09", "Penyandang Disabilitas"),
    abbr("PPKS-10", "Tuna Susila", "TS"),
    item("PPKS-11", "Gelandangan"),
    item("PPKS-12", "Pengemis"),
    item("PPKS-13", "Pemulung"),
    item("PPKS-14", "Kelompok Minoritas"),
    abbr(
        "PPKS-15",
        "Bekas Warga Binaan Lembaga Pemasyarakatan",
        "BWBLP",
    ),
    abbr("PPKS-16", "Orang dengan HIV/AIDS", "ODHA"),
    item("PPKS-17", "Korban Penyalahgunaan NAPZA"),
    item("PPKS-18", "Korban Trafficking"),
    abbr("PPKS-19", "Korban Tindak Kekerasan", "KTK"),
    abbr("PPKS-20", "Pekerja Migran Bermasalah Sosial", "PMBS"),
    abbr("PPKS-21", "Korban Bencana Alam", "KBA"),
    abbr("PPKS-22", "Korban Bencana Sosial", "KBS"),
    abbr("PPKS-23", "Perempuan Rawan Sosial Ekonomi", "PRSE"),
    item("PPKS-24", "Fakir Miskin"),
    abbr("PPKS-25", "Keluarga Bermasalah Sosial Psikologis", "KBSP"),
    abbr("PPKS-26", "Komunitas Adat Terpencil", "KAT"),
];

pub const PSKS: &[Item] = &[
    item("PSKS-01", "Pekerja Sosial Profesional"),
    abbr("PSKS-02", "Pekerja Sosial Masyarakat", "PSM"),
    abbr("PSKS-03", "Taruna Siaga Bencana", "Tagana"),
    abbr("PSKS-04", "Lembaga Kesejahteraan Sosial", "LKS"),
    item("PSKS-05", "Karang Taruna"),
    abbr(
        "PSKS-06",
        "Lembaga Konsultasi Kesejahteraan Keluarga",
        "LK3",
    ),
    item("PSKS-07", "Keluarga Pioner"),
    abbr(
        "PSKS-08",
        "Wahana Kesejahteraan Sosial Keluarga Berbasis Masyarakat",
        "WKSBM",
    ),
    abbr("PSKS-09", "Wanita Pemimpin Kesejahteraan Sosial", "WPKS"),
    item("PSKS-10", "Penyuluh Sosial"),
    abbr("PSKS-11", "Tenaga Kesejahteraan Sosial Kecamatan", "TKSK"),
    item(
        "PSKS-12",
        "Dunia Usaha yang melakukan Usaha Kesejahteraan Sosial",
    ),
];

pub const JENIS_KEGIATAN: &[Item] = &[
    item("pencegahan", "Pencegahan"),
    child(
        "pencegahan.penyuluhan_sosial",
        "Penyuluhan sosial (narkoba, HIV/AIDS, kesehatan reproduksi)",
        "pencegahan",
    ),
    child(
        "pencegahan.dialog",
        "Dialog, sarasehan, workshop",
        "pencegahan",
    ),
    child(
        "pencegahan.sosialisasi_program",
        "Sosialisasi program bersama instansi lain",
        "pencegahan",
    ),
    child(
        "pencegahan.kesiapsiagaan_bencana",
        "Pelatihan kesiapsiagaan bencana",
        "pencegahan",
    ),
    child(
        "pencegahan.kampung_peduli_ppks",
        "Kampung peduli PPKS",
        "pencegahan",
    ),
    child(
        "pencegahan.lainnya",
        "Kegiatan pencegahan lainnya",
        "pencegahan",
    ),
    item("penanganan", "Penanganan"),
    child(
        "penanganan.rehabilitasi_sosial",
        "Rehabilitasi sosial",
        "penanganan",
    ),
    child(
        "penanganan.perlindungan_sosial",
        "Perlindungan sosial",
        "penanganan",
    ),
    child(
        "penanganan.pemberdayaan_sosial",
        "Pemberdayaan sosial",
        "penanganan",
    ),
    child("penanganan.jaminan_sosial", "Jaminan sosial", "penanganan"),
    desc(
        "rujukan",
        "Rujukan",
        "Menghubungkan PPKS dengan sistem sumber lain yang dapat membantu",
    ),
    item("penggalangan_dana", "Penggalangan dana"),
];

pub const METODE_PENGGALANGAN_DANA: &[Item] = &[
    desc(
        "usaha",
        "Usaha yang dikelola WKSBM",
        "Persewaan tenda, warung kelontong, catering, dan sebagainya",
    ),
    item("proposal_donatur", "Proposal kepada donatur di wilayah"),
    item("kerja_sama", "Kerja sama dengan pihak lain"),
    item("zakat_maal", "Pengelolaan zakat maal"),
    item("barang_bekas", "Barang bekas dari warga yang dijual"),
    desc(
        "jimpitan",
        "Jimpitan beras dan uang",
        "Segenggam beras atau Rp500-Rp1.000 per rumah tangga per malam",
    ),
    item("lainnya", "Penerimaan lainnya"),
];

pub const KATEGORI_PENYALURAN: &[Item] = &[
    item("pencegahan", "Pencegahan"),
    item(
        "penanganan.rehabilitasi_sosial",
        "Penanganan: rehabilitasi sosial",
    ),
    item(
        "penanganan.perlindungan_sosial",
        "Penanganan: perlindungan sosial",
    ),
    item(
        "penanganan.pemberdayaan_sosial",
        "Penanganan: pemberdayaan sosial",
    ),
    item("penanganan.jaminan_sosial", "Penanganan: jaminan sosial"),
    item("rujukan", "Rujukan"),
];

pub const ASNAF: &[Item] = &[
    item("fakir", "Fakir"),
    item("miskin", "Miskin"),
    desc(
        "amil",
        "Amil",
        "Bagian amil paling banyak 12,5% (1/8) zakat yang diterima",
    ),
    Item {
        aliases: &["muallaf"],
        ..item("mualaf", "Mualaf")
    },
    item("riqab", "Riqab"),
    item("gharimin", "Gharimin"),
    item("fisabilillah", "Fisabilillah"),
    item("ibnu_sabil", "Ibnu Sabil"),
];

pub const JABATAN: &[Item] = &[
    desc("pelindung", "Pelindung", "Lurah atau Dukuh"),
    item("penasehat", "Penasehat"),
    item("ketua", "Ketua"),
    item("wakil_ketua", "Wakil Ketua"),
    item("sekretaris", "Sekretaris"),
    item("bendahara", "Bendahara"),
    item("seksi", "Seksi"),
    item("anggota", "Anggota"),
];

pub const BUKU_ADMINISTRASI: &[Item] = &[
    item("01", "Buku agenda surat masuk dan surat keluar"),
    item("02", "Buku catatan pemasukan dana"),
    item("03", "Buku catatan pengeluaran"),
    item("04", "Buku tamu"),
    item("05", "Buku inventaris barang"),
    item("06", "Buku notulensi rapat"),
    item("07", "Laporan kegiatan, penyantunan, dan penyaluran"),
    item("08", "Data PPKS"),
    item("09", "Data PSKS (di dalam dan di luar wilayah)"),
    item("10", "Data donatur"),
    item("11", "Data jejaring kerja"),
    item("12", "Cap/stempel lembaga"),
];

pub const TAHAPAN_PENUMBUHAN: &[Item] = &[
    item("persiapan", "Persiapan penumbuhan"),
    child("koordinasi_lurah", "Koordinasi dengan lurah", "persiapan"),
    child(
        "koordinasi_keperangkatan",
        "Koordinasi keperangkatan sosial di tingkat padukuhan",
        "persiapan",
    ),
    child(
        "persiapan_administrasi",
        "Persiapan administrasi",
        "persiapan",
    ),
    item("pelaksanaan", "Pelaksanaan penumbuhan"),
    child("sosialisasi", "Sosialisasi tentang WKSBM", "pelaksanaan"),
    child(
        "pembentukan_kepengurusan",
        "Pembentukan kepengurusan",
        "pelaksanaan",
    ),
    child(
        "pengesahan",
        "Pengesahan / legalitas WKSBM dari lurah",
        "pelaksanaan",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn counts_match_the_regulations() {
        assert_eq!(PPKS.len(), 26);
        assert_eq!(PSKS.len(), 12);
        assert_eq!(ASNAF.len(), 8);
        assert_eq!(BUKU_ADMINISTRASI.len(), 12);
        assert_eq!(
            TAHAPAN_PENUMBUHAN
                .iter()
                .filter(|i| i.parent.is_some())
                .count(),
            6
        );
    }

    #[test]
    fn codes_are_unique_and_parents_exist_within_each_catalog() {
        for k in Katalog::ALL {
            let codes: HashSet<&str> = k.items().iter().map(|i| i.code).collect();
            assert_eq!(codes.len(), k.items().len(), "{}", k.name());
            for i in k.items() {
                if let Some(p) = i.parent {
                    assert!(codes.contains(p), "{}: parent {p} of {}", k.name(), i.code);
                }
            }
        }
    }

    #[test]
    fn ppks_codes_are_numbered_in_order() {
        for (n, i) in PPKS.iter().enumerate() {
            assert_eq!(i.code, format!("PPKS-{:02}", n + 1));
        }
    }

    #[test]
    fn telantar_and_terlantar_both_find_the_same_type() {
        let a = Katalog::Ppks.find("Lanjut Usia Terlantar").unwrap();
        let b = Katalog::Ppks.find("lanjut usia telantar").unwrap();
        assert_eq!(a.code, "PPKS-08");
        assert_eq!(a, b);
        assert_eq!(
            Katalog::Ppks.find("PPKS-16").unwrap().abbreviation,
            Some("ODHA")
        );
        assert_eq!(Katalog::Ppks.find("odha").unwrap().code, "PPKS-16");
        assert!(Katalog::Ppks.find("PPKS-27").is_none());
    }

    #[test]
    fn names_round_trip() {
        for k in Katalog::ALL {
            assert_eq!(Katalog::parse(k.name()), Some(k));
        }
        assert_eq!(Katalog::parse("unknown"), None);
    }
}
