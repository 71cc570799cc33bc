//! Reference data that ships with the binary: the provinces and Kabupaten Bantul. Synced
//! on every start-up with the same idempotent upsert that `import-wilayah` uses.

use crate::wilayah_repo::{self, ImportReport};
use crate::{Db, StoreError};
use wksbm_domain::provinsi::PROVINSI;
use wksbm_domain::wilayah::{KodeWilayah, Level, Wilayah};
use wksbm_domain::wilayah_import::{self, RowError};

/// Why an import did not happen.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{} bad row(s); nothing was imported", .0.len())]
    Rows(Vec<RowError>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Validates a whole wilayah CSV and, when every row is good, upserts it at once.
pub async fn import_wilayah_csv(db: &Db, text: &str) -> Result<ImportReport, ImportError> {
    let parents = wilayah_import::referenced_parents(text);
    let stored = wilayah_repo::existing(db, &parents).await?;
    let rows = wilayah_import::parse(text, &|k| stored.contains(k)).map_err(ImportError::Rows)?;
    Ok(wilayah_repo::upsert(db, &rows).await?)
}

fn provinces() -> Vec<Wilayah> {
    PROVINSI
        .iter()
        .filter_map(|(code, name)| {
            KodeWilayah::parse(code).ok().map(|code| Wilayah {
                code,
                parent_code: None,
                level: Level::Provinsi,
                name: (*name).to_owned(),
            })
        })
        .collect()
}

/// Loads the bundled provinces and the Bantul CSV.
pub async fn sync_bundled(db: &Db) -> Result<ImportReport, ImportError> {
    let mut report = wilayah_repo::upsert(db, &provinces()).await?;
    let bantul = import_wilayah_csv(db, wksbm_migration::WILAYAH_BANTUL_CSV).await?;
    report.inserted += bantul.inserted;
    report.updated += bantul.updated;
    report.unchanged += bantul.unchanged;
    Ok(report)
}
