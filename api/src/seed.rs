//! `seed-synthetic`: a Bantul-sized register for benchmarks, the same for the same seed.
//! Padukuhan spread over the kalurahan of Kabupaten Bantul, a WKSBM in each, and PPKS
//! with valid, unique NIK in households sharing a No. KK. Nothing here is real data.

use crate::config::Settings;
use crate::start_error::StartError;
use crate::startup::prepare_database;
use std::collections::HashSet;
use std::time::Instant;
use uuid::Uuid;
use wksbm_domain::audit::AuditEntry;
use wksbm_domain::formation::{Status, Wksbm};
use wksbm_domain::nik::Nik;
use wksbm_domain::padukuhan::Padukuhan;
use wksbm_domain::ppks::{Basis, LawfulBasis, Ppks, Private, Verification, split_types};
use wksbm_domain::wilayah::{KodeWilayah, Level};
use wksbm_persistence::vault::Vault;
use wksbm_persistence::wilayah_repo::WilayahFilter;
use wksbm_persistence::{Db, padukuhan_repo, ppks_repo, wksbm_repo};

/// splitmix64: small, fast, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
    /// A UUID v7 whose time and random parts both come from the generator.
    fn uuid(&mut self, millis: u64) -> Uuid {
        let mut bytes = [0u8; 10];
        bytes[..8].copy_from_slice(&self.next().to_be_bytes());
        bytes[8..].copy_from_slice(&self.next().to_be_bytes()[..2]);
        uuid::Builder::from_unix_timestamp_millis(millis, &bytes).into_uuid()
    }
}

// Names vary as much as in a real register: a first name, often a second, a family
// or father's name; 80 × 41 × 60 ≈ 200,000 combinations, so a full name is nearly
// unique (600 combinations made every name common and every search slow).
const FIRST: &[&str] = &[
    "Sri", "Budi", "Siti", "Agus", "Dwi", "Eko", "Tri", "Wahyu", "Nur", "Rina", "Joko", "Sugeng",
    "Slamet", "Suparmi", "Ngatinem", "Paijo", "Tukiyem", "Wagiman", "Sumarni", "Yanti", "Bambang",
    "Endang", "Heri", "Indah", "Kasiyem", "Mulyadi", "Parjiyem", "Rukmini", "Suharti", "Tumini",
    "Ahmad", "Aminah", "Bayu", "Dewi", "Fajar", "Gunawan", "Hadi", "Ika", "Janu", "Kartini",
    "Lukman", "Marsini", "Ngadiman", "Okta", "Panut", "Ratna", "Sarjono", "Tuginem", "Umi",
    "Warsito", "Yuli", "Zaenal", "Arif", "Bagus", "Citra", "Darmi", "Erni", "Fitri", "Giyono",
    "Harjo", "Iwan", "Jumiyem", "Kusno", "Lasiyem", "Mujiono", "Nanik", "Partini", "Rohmad",
    "Sukirno", "Teguh", "Wartini", "Yatmi", "Anton", "Bekti", "Daru", "Edi", "Galih", "Hesti",
    "Karyo", "Lilik",
];
const MIDDLE: &[&str] = &[
    "", "Ayu", "Nur", "Puji", "Tri", "Dwi", "Eka", "Dian", "Wahyu", "Rahmat", "Budi", "Adi", "Sri",
    "Putri", "Dewi", "Arum", "Bima", "Cahya", "Dyah", "Endah", "Fajar", "Gita", "Hari", "Indra",
    "Jati", "Kurnia", "Laras", "Mega", "Ningsih", "Okto", "Prima", "Ratih", "Sekar", "Tegar",
    "Utami", "Wening", "Yoga", "Zahra", "Ari", "Bintang", "Candra",
];
const LAST: &[&str] = &[
    "Wibowo",
    "Santoso",
    "Rahayu",
    "Lestari",
    "Utomo",
    "Purnomo",
    "Susanti",
    "Hartono",
    "Suryani",
    "Kurniawan",
    "Widodo",
    "Handayani",
    "Prasetyo",
    "Wulandari",
    "Setiawan",
    "Maryani",
    "Saputra",
    "Haryanti",
    "Nugroho",
    "Astuti",
    "Sutrisno",
    "Wijaya",
    "Pratama",
    "Hidayat",
    "Permana",
    "Susilo",
    "Mulyono",
    "Riyadi",
    "Suharto",
    "Wahyuni",
    "Kusuma",
    "Nugraha",
    "Pamungkas",
    "Raharjo",
    "Setyawan",
    "Sulistyo",
    "Triyono",
    "Winarno",
    "Yulianto",
    "Zulkarnain",
    "Anggraini",
    "Budiman",
    "Darmawan",
    "Firmansyah",
    "Gunadi",
    "Harjono",
    "Irawan",
    "Junaedi",
    "Kartono",
    "Listyani",
    "Marwoto",
    "Nurhadi",
    "Purwanto",
    "Rusdiyanto",
    "Subagyo",
    "Sumarno",
    "Tarigan",
    "Wardoyo",
    "Yuwono",
    "Sasongko",
];
const ASNAF: &[&str] = &["fakir", "miskin", "gharimin", "ibnu_sabil"];

/// What was made and how long the PPKS took.
pub struct SeedReport {
    pub padukuhan: usize,
    pub ppks: usize,
    pub ppks_seconds: f64,
}

/// Fills the configured database. Refuses one that already has PPKS, so that a rerun
/// cannot mix two seeds.
pub async fn seed_synthetic(
    s: &Settings,
    seed: u64,
    padukuhan: usize,
    ppks: usize,
    sample: Option<&std::path::Path>,
) -> Result<SeedReport, StartError> {
    let db = prepare_database(s).await?;
    let vault = crate::vault_keys::load(&s.data_keys, s.lookup_key.as_deref(), &s.data_dir)
        .map_err(StartError::Vault)?;
    let kalurahan = bantul_kalurahan(&db).await?;
    refuse_seeded(&db, &vault).await?;
    let mut g = Synth {
        rng: Rng(seed),
        now: chrono::Utc::now(),
        today: crate::clock::today(),
    };
    let places = seed_places(&db, &mut g, &kalurahan, padukuhan).await?;
    let started = Instant::now();
    let (made, samples) = seed_ppks(&db, &vault, &mut g, &places, ppks).await?;
    let seconds = started.elapsed().as_secs_f64();
    if let Some(path) = sample {
        std::fs::write(path, samples.join("\n") + "\n").map_err(StartError::Io)?;
    }
    db.close().await;
    Ok(SeedReport {
        padukuhan,
        ppks: made,
        ppks_seconds: seconds,
    })
}

/// 2025-11-24: fixed, so ids repeat with the seed.
const BASE_MS: u64 = 1_764_000_000_000;

/// The generator and the clock every synthetic record is made with.
struct Synth {
    rng: Rng,
    now: chrono::DateTime<chrono::Utc>,
    today: chrono::NaiveDate,
}

/// The kalurahan of Kabupaten Bantul in the reference data.
async fn bantul_kalurahan(db: &Db) -> Result<Vec<KodeWilayah>, StartError> {
    let cache = wksbm_persistence::wilayah_cache::WilayahCache::load(db).await?;
    let bantul = KodeWilayah::parse("34.02").map_err(|e| StartError::Bootstrap(e.to_string()))?;
    let kalurahan: Vec<KodeWilayah> = cache
        .list(
            &WilayahFilter {
                within: Some(bantul.clone()),
                level: Some(Level::Kalurahan),
                ..WilayahFilter::default()
            },
            None,
            10_000,
        )
        .into_iter()
        .map(|w| w.code)
        .collect();
    if kalurahan.is_empty() {
        return Err(StartError::Bootstrap(
            "no kalurahan of 34.02 in the reference data".into(),
        ));
    }
    Ok(kalurahan)
}

/// Refuses a database that already has PPKS.
async fn refuse_seeded(db: &Db, vault: &Vault) -> Result<(), StartError> {
    let existing = ppks_repo::list(
        db,
        vault,
        &wksbm_domain::access::Territory::Wilayah(
            KodeWilayah::parse("34").map_err(|e| StartError::Bootstrap(e.to_string()))?,
        ),
        &ppks_repo::PpksFilter::default(),
        None,
        0,
    )
    .await?;
    if !existing.is_empty() {
        return Err(StartError::Bootstrap(
            "the database already has PPKS; seed an empty one".into(),
        ));
    }
    Ok(())
}

/// `count` padukuhan over the kalurahan in turn, each with a WKSBM in formation.
async fn seed_places(
    db: &Db,
    g: &mut Synth,
    kalurahan: &[KodeWilayah],
    count: usize,
) -> Result<Vec<(Padukuhan, Uuid)>, StartError> {
    let now = g.now;
    let mut places = Vec::with_capacity(count);
    for i in 0..count {
        let kal = kalurahan[i % kalurahan.len()].clone();
        let p = Padukuhan {
            id: g.rng.uuid(BASE_MS + i as u64),
            kalurahan: kal.clone(),
            name: format!("Sintetis {:04}", i + 1),
            dukuh: None,
            rw_rt: Vec::new(),
            latitude: None,
            longitude: None,
            active: true,
            status_reason: None,
            version: 1,
            created_at: now,
            updated_at: now,
        };
        let e = AuditEntry::system("padukuhan.seed", "padukuhan", kal.clone()).resource(p.id);
        padukuhan_repo::insert(db, &p, &e).await?;
        let w = Wksbm {
            id: g.rng.uuid(BASE_MS + i as u64),
            padukuhan_id: p.id,
            kalurahan: kal.clone(),
            name: format!("WKSBM Sintetis {:04}", i + 1),
            address: None,
            contact_phone: None,
            status: Status::Pembentukan,
            status_reason: None,
            sk: None,
            version: 1,
            created_at: now,
            updated_at: now,
        };
        let e = AuditEntry::system("wksbm.seed", "wksbm", kal).resource(w.id);
        wksbm_repo::insert(db, &w, &e).await?;
        places.push((p, w.id));
    }
    Ok(places)
}

/// `count` people in households, written in batches of 2000; returns how many were made
/// and up to 1000 `NIK<TAB>name` samples.
async fn seed_ppks(
    db: &Db,
    vault: &Vault,
    g: &mut Synth,
    places: &[(Padukuhan, Uuid)],
    count: usize,
) -> Result<(usize, Vec<String>), StartError> {
    let mut seen = HashSet::with_capacity(count);
    let mut batch = Vec::new();
    let mut audit = Vec::new();
    let mut samples = Vec::new();
    let mut household: (String, usize) = (String::new(), 0);
    for i in 0..count {
        let (pad, wksbm) = &places[g.rng.below(places.len() as u64) as usize];
        let kap = 1 + g.rng.below(17);
        let nik = g.unique_nik(kap, &mut seen);
        let Ok(parsed) = Nik::parse(&nik) else {
            continue;
        };
        if household.1 == 0 {
            household = g.household(kap);
        }
        household.1 -= 1;
        let p = g.person(i, (pad, *wksbm), nik, &parsed, &household.0);
        if samples.len() < 1000 {
            samples.push(format!("{}\t{}", nik_of(&p), p.name));
        }
        audit.push(AuditEntry::system("ppks.seed", "ppks", p.kalurahan.clone()).resource(p.id));
        batch.push(p);
        if batch.len() == 2000 {
            ppks_repo::insert_all(db, vault, &batch, &audit).await?;
            batch.clear();
            audit.clear();
        }
    }
    ppks_repo::insert_all(db, vault, &batch, &audit).await?;
    Ok((seen.len(), samples))
}

/// The NIK a synthetic person was made with (always present).
fn nik_of(p: &Ppks) -> &str {
    p.private.as_ref().map_or("", |x| x.nik.as_str())
}

impl Synth {
    /// A NIK of kapanewon `kap` not made before.
    fn unique_nik(&mut self, kap: u64, seen: &mut HashSet<String>) -> String {
        let rng = &mut self.rng;
        loop {
            let woman = rng.below(2) == 1;
            let day = 1 + rng.below(28) + if woman { 40 } else { 0 };
            let s = format!(
                "3402{kap:02}{day:02}{:02}{:02}{:04}",
                1 + rng.below(12),
                rng.below(100),
                1 + rng.below(9999)
            );
            if seen.insert(s.clone()) {
                return s;
            }
        }
    }

    /// A new household: its No. KK and how many people it holds.
    fn household(&mut self, kap: u64) -> (String, usize) {
        let rng = &mut self.rng;
        (
            format!(
                "3402{kap:02}{:02}{:02}{:02}{:04}",
                1 + rng.below(28),
                1 + rng.below(12),
                rng.below(25),
                1 + rng.below(9999)
            ),
            1 + rng.below(4) as usize,
        )
    }

    /// The `i`th person, living at `place`, of the household `no_kk`.
    fn person(
        &mut self,
        i: usize,
        (pad, wksbm): (&Padukuhan, Uuid),
        nik: String,
        parsed: &Nik,
        no_kk: &str,
    ) -> Ppks {
        let (now, today) = (self.now, self.today);
        let birth = parsed.birth_date(today);
        let child = wksbm_domain::ppks::age(birth, today) < 18;
        let rng = &mut self.rng;
        let mut types = vec![wksbm_domain::katalog::PPKS[rng.below(26) as usize].code];
        if rng.below(3) == 0 {
            types.push("PPKS-24");
        }
        types.sort();
        types.dedup();
        let (public_types, sensitive_types) = split_types(&types, child);
        let name = match rng.pick(MIDDLE) {
            "" => format!("{} {}", rng.pick(FIRST), rng.pick(LAST)),
            middle => format!("{} {middle} {}", rng.pick(FIRST), rng.pick(LAST)),
        };
        Ppks {
            id: rng.uuid(BASE_MS + 1_000_000 + i as u64),
            padukuhan_id: pad.id,
            kalurahan: pad.kalurahan.clone(),
            wksbm_id: Some(wksbm),
            private: Some(Private {
                nik,
                no_kk: Some(no_kk.to_owned()),
                phone: (rng.below(2) == 0).then(|| format!("08{:010}", rng.below(10_000_000_000))),
                sensitive_types,
            }),
            name,
            birth_place: Some("Bantul".into()),
            birth_date: Some(birth),
            sex: Some(parsed.sex()),
            rt: Some(format!("{:02}", 1 + rng.below(12))),
            rw: Some(format!("{:02}", 1 + rng.below(6))),
            address: None,
            public_types,
            asnaf: (rng.below(3) == 0).then(|| rng.pick(ASNAF).to_owned()),
            needs: None,
            notes: None,
            basis: Basis {
                basis: LawfulBasis::TugasPublik,
                consent_proof: None,
                consent_by: None,
                consent_name: None,
            },
            verification: Verification {
                verified: rng.below(2) == 0,
                by: None,
                by_role: None,
                at: None,
            },
            active: true,
            status_reason: None,
            status_date: None,
            status_note: None,
            anonymised_at: None,
            version: 1,
            created_by: Uuid::nil(),
            created_at: now,
            updated_at: now,
        }
    }
}
