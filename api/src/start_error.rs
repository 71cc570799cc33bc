//! Why the program could not start or a subcommand failed: what `main` reports before
//! exiting (kept apart from `startup` so that `bootstrap` and the subcommands do not
//! import the server they are part of).

use wksbm_persistence::StoreError;
use wksbm_persistence::reference::ImportError;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Setting(#[from] crate::config::SettingError),
    #[error("database: {0}")]
    Store(#[from] StoreError),
    #[error("reference data: {0}")]
    Reference(#[from] ImportError),
    #[error("cannot listen: {0}")]
    Io(#[from] std::io::Error),
    #[error("metrics: {0}")]
    Metrics(#[from] prometheus::Error),
    #[error("signing keys: {0}")]
    Keys(#[from] crate::auth::keys::KeyError),
    #[error("{0}")]
    Bootstrap(String),
    #[error("personal-data keys: {0}")]
    Vault(String),
}
