//! Logging: text for people, JSON for collectors; the request span puts the request id
//! on every line logged while serving a request.

use crate::config::{LogFormat, Settings};
use tracing_subscriber::EnvFilter;

pub fn init(s: &Settings) {
    let filter = EnvFilter::try_new(&s.log).unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let result = match s.log_format {
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .try_init(),
        LogFormat::Text => builder.try_init(),
    };
    // A second init (tests start many servers in one process) keeps the first subscriber.
    drop(result);
}
