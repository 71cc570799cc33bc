//! The subcommands other than `serve`.

use crate::config::Settings;
use crate::start_error::StartError;
use crate::startup::prepare_database;
use std::path::Path;
use wksbm_persistence::reference::{self, ImportError};

pub async fn migrate(s: &Settings) -> Result<(), StartError> {
    let db = prepare_database(s).await?;
    println!("migrations applied; reference data loaded");
    db.close().await;
    Ok(())
}

/// Imports a wilayah CSV; prints every bad row with its line and returns false when any
/// row is bad (nothing is then written).
pub async fn import_wilayah(s: &Settings, file: &Path) -> Result<bool, StartError> {
    let text = std::fs::read(file).map_err(StartError::Io)?;
    let Ok(text) = String::from_utf8(text) else {
        eprintln!("{}: not UTF-8 text; save the CSV as UTF-8", file.display());
        return Ok(false);
    };
    let db = prepare_database(s).await?;
    let result = reference::import_wilayah_csv(&db, &text).await;
    db.close().await;
    match result {
        Ok(r) => {
            println!(
                "{}: {} inserted, {} updated, {} unchanged",
                file.display(),
                r.inserted,
                r.updated,
                r.unchanged
            );
            Ok(true)
        }
        Err(ImportError::Rows(rows)) => {
            for e in &rows {
                eprintln!("{}: {e}", file.display());
            }
            eprintln!(
                "{}: {} bad row(s); nothing was imported",
                file.display(),
                rows.len()
            );
            Ok(false)
        }
        Err(ImportError::Store(e)) => Err(e.into()),
    }
}

/// Walks the audit chain; prints the result and returns whether it holds.
pub async fn audit_verify(s: &Settings) -> Result<bool, StartError> {
    let db = prepare_database(s).await?;
    let report = wksbm_persistence::audit_repo::verify(&db).await;
    let cut = match &report {
        Ok(r) if r.broken.is_none() => {
            let keys = crate::auth::keys::KeyRing::load(&s.jwt_key_files, &s.data_dir)?;
            crate::audit_checkpoint::check(&db, &keys, &s.jwt_issuer, r.rows).await
        }
        _ => Ok(None),
    };
    db.close().await;
    let report = report?;
    if let Some(why) = cut? {
        eprintln!("audit log BROKEN against its latest checkpoint: {why}");
        return Ok(false);
    }
    match report.broken {
        None => {
            println!(
                "audit log intact: {} rows, and it reaches its latest checkpoint",
                report.rows
            );
            Ok(true)
        }
        Some((seq, why)) => {
            eprintln!(
                "audit log BROKEN at row {seq}: {why} ({} rows verified before it)",
                report.rows
            );
            Ok(false)
        }
    }
}

/// Anonymises PPKS records inactive for longer than the retention period; prints how
/// many (and which, on a dry run). Financial history keeps pointing at the pseudonym.
pub async fn purge(s: &Settings, dry_run: bool) -> Result<(), StartError> {
    let db = prepare_database(s).await?;
    let vault = crate::vault_keys::load(&s.data_keys, s.lookup_key.as_deref(), &s.data_dir)
        .map_err(StartError::Vault)?;
    let cutoff = crate::clock::today() - chrono::Duration::days(i64::from(s.ppks_retention_days));
    let due = wksbm_persistence::ppks_repo::past_retention(&db, &vault, cutoff).await?;
    let mut done = 0usize;
    for p in &due {
        if dry_run {
            println!(
                "would anonymise {} (inactive since {:?})",
                p.id, p.status_date
            );
            continue;
        }
        let mut a = crate::handlers::ppks_rights::anonymised(p);
        a.status_note = Some(format!("retensi {} hari berakhir", s.ppks_retention_days));
        let entry =
            wksbm_domain::audit::AuditEntry::system("ppks.purge", "ppks", p.kalurahan.clone())
                .resource(p.id)
                .fields(&["identity"]);
        wksbm_persistence::ppks_repo::anonymise(&db, &vault, &a, &p.name, p.version, &entry)
            .await?;
        done += 1;
    }
    if done > 0 {
        wksbm_persistence::ppks_repo::vacuum_erased(&db).await?;
    }
    if dry_run {
        println!(
            "{} record(s) past {} days of retention (before {cutoff}); nothing changed",
            due.len(),
            s.ppks_retention_days
        );
    } else {
        println!("{done} record(s) anonymised (inactive before {cutoff})");
        // Idempotency keys are kept 24 hours (GUIDE.md section 2), then go.
        let keys = wksbm_persistence::idempotency_repo::purge(&db).await?;
        println!("{keys} idempotency key(s) older than 24 hours deleted");
    }
    db.close().await;
    Ok(())
}
