use std::process::ExitCode;
use wksbm_api::config::{Cli, Command};
use wksbm_api::{Application, cli, routes, telemetry};

#[actix_web::main]
async fn main() -> ExitCode {
    let parsed = match Cli::load() {
        Ok(c) => c,
        Err(e) => e.exit(),
    };
    let s = parsed.settings;
    if let Err(e) = s.validate() {
        eprintln!("wksbm-api: {e}");
        return ExitCode::from(2);
    }
    if let Some(Command::Openapi) = parsed.command {
        print!("{}", routes::openapi_json());
        return ExitCode::SUCCESS;
    }
    telemetry::init(&s);
    let outcome = match parsed.command {
        None | Some(Command::Serve) => match Application::build(&s).await {
            Ok(app) => app.run_until_stopped().await.map_err(Into::into),
            Err(e) => Err(e),
        },
        Some(Command::Migrate) => cli::migrate(&s).await,
        Some(Command::ImportWilayah { file }) => match cli::import_wilayah(&s, &file).await {
            Ok(true) => Ok(()),
            Ok(false) => return ExitCode::FAILURE,
            Err(e) => Err(e),
        },
        Some(Command::AuditVerify) => match cli::audit_verify(&s).await {
            Ok(true) => Ok(()),
            Ok(false) => return ExitCode::FAILURE,
            Err(e) => Err(e),
        },
        Some(Command::Purge { dry_run }) => cli::purge(&s, dry_run).await,
        Some(Command::SeedDemo) => wksbm_api::seed_demo::seed_demo(&s).await,
        Some(Command::SeedSynthetic {
            seed,
            padukuhan,
            ppks,
            sample,
        }) => wksbm_api::seed::seed_synthetic(
            &s,
            seed,
            padukuhan as usize,
            ppks as usize,
            sample.as_deref(),
        )
        .await
        .map(|r| {
            println!(
                "seeded {} padukuhan (each with a WKSBM) and {} PPKS; PPKS written in {:.1} s ({:.0} rows/s)",
                r.padukuhan,
                r.ppks,
                r.ppks_seconds,
                r.ppks as f64 / r.ppks_seconds.max(1e-9)
            );
        }),
        Some(Command::Openapi) => Ok(()),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "wksbm-api failed");
            eprintln!("wksbm-api: {e}");
            ExitCode::FAILURE
        }
    }
}
