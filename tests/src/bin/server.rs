//! The server alone, for tests that must kill it (SIGKILL) and start it again: the same
//! settings and start-up as `wksbm-api serve`.

use std::process::ExitCode;

#[actix_web::main]
async fn main() -> ExitCode {
    let s = match wksbm_api::config::Cli::load() {
        Ok(c) => c.settings,
        Err(e) => e.exit(),
    };
    wksbm_api::telemetry::init(&s);
    match wksbm_api::Application::build(&s).await {
        Ok(app) => match app.run_until_stopped().await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("wksbm-server: {e}");
                ExitCode::FAILURE
            }
        },
        Err(e) => {
            eprintln!("wksbm-server: {e}");
            ExitCode::FAILURE
        }
    }
}
