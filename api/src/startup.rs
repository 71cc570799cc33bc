//! Building the server: connect, migrate, load reference data, bind, serve. Tests call
//! the same `Application::build` with port 0.

use crate::auth::keys::KeyRing;
use crate::auth::password::Hasher;
use crate::auth::ratelimit::{Limiter, Limits};
use crate::auth::tokens::TokenService;
use crate::auth::users_cache::UsersCache;
use crate::bootstrap;
use crate::config::Settings;
use crate::handlers::fallback::{RouteTable, fallback};
use crate::middleware::metrics::{self, Metrics};
use crate::middleware::{problem, request_id};
use crate::routes::{self, SPEC_PATH};
use crate::start_error::StartError;
use crate::state::AppState;
use actix_cors::Cors;
use actix_web::dev::{Server, ServerHandle};
use actix_web::http::{Method, header};
use actix_web::middleware::from_fn;
use actix_web::{App, HttpResponse, HttpServer, web};
use std::net::TcpListener;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::task::JoinHandle;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;
use wksbm_persistence::Db;
use wksbm_persistence::reference::{self};
use wksbm_persistence::wilayah_cache::WilayahCache;

pub struct Application {
    port: u16,
    server: Server,
    db: Db,
    /// The reference-data refresher and the audit checkpointer.
    background: Vec<JoinHandle<()>>,
}

/// What every request shares: keys, limiters, caches, settings the handlers read.
async fn app_state(
    s: &Settings,
    db: &Db,
    metrics: web::Data<Metrics>,
    wilayah: Arc<WilayahCache>,
) -> Result<AppState, StartError> {
    let keys = KeyRing::load(&s.jwt_key_files, &s.data_dir)?;
    let tokens = Arc::new(TokenService::new(
        keys,
        &s.jwt_issuer,
        &s.jwt_audience,
        s.access_token_ttl,
    ));
    let hasher = Hasher::new(usize::from(s.hash_concurrency))
        .map_err(|e| StartError::Bootstrap(e.to_string()))?;
    bootstrap::ensure_admin(db, &hasher, s).await?;
    let vault = Arc::new(
        crate::vault_keys::load(&s.data_keys, s.lookup_key.as_deref(), &s.data_dir)
            .map_err(StartError::Vault)?,
    );
    Ok(AppState {
        db: db.clone(),
        metrics: metrics.clone(),
        wilayah,
        tokens,
        users: Arc::new(UsersCache::new(Duration::from_secs(s.auth_cache_secs))),
        hasher,
        login: Arc::new(crate::auth::login_limits::LoginLimits::new(
            Limits {
                per_minute: s.login_per_minute as usize,
                per_hour: s.login_per_hour as usize,
            },
            Limits {
                per_minute: s.login_per_address_per_minute as usize,
                per_hour: s.login_per_address_per_hour as usize,
            },
        )),
        nik_search: Arc::new(Limiter::new(crate::guards::ppks::NIK_SEARCH_LIMITS)),
        refresh_ttl: chrono::Duration::seconds(
            i64::try_from(s.refresh_token_ttl).unwrap_or(i64::MAX),
        ),
        board_term_years: s.board_term_years,
        distribution_cap: s.distribution_cap,
        distribution_cap_days: s.distribution_cap_days,
        vault,
        places: Arc::default(),
        audit: wksbm_persistence::audit_writer::AuditWriter::start(db.clone()),
    })
}

/// Connects, migrates and loads the bundled reference data: what `serve` and `migrate`
/// both need before anything else.
pub async fn prepare_database(s: &Settings) -> Result<Db, StartError> {
    let db = Db::connect(&s.db_settings()).await?;
    db.migrate().await?;
    let report = reference::sync_bundled(&db).await?;
    tracing::info!(
        backend = db.backend().as_str(),
        database = %s.database_url_redacted(),
        inserted = report.inserted,
        updated = report.updated,
        unchanged = report.unchanged,
        "database ready, reference data loaded"
    );
    Ok(db)
}

impl Application {
    pub async fn build(s: &Settings) -> Result<Self, StartError> {
        let started = Instant::now();
        s.validate()?;
        let db = prepare_database(s).await?;
        let listener = TcpListener::bind((s.host.as_str(), s.port))?;
        let port = listener.local_addr()?.port();

        let spec = routes::openapi();
        let table = web::Data::new(RouteTable::from_spec(&spec));
        let metrics = web::Data::new(Metrics::new()?);
        let wilayah = Arc::new(WilayahCache::load(&db).await?);
        let refresher = tokio::spawn(refresh_reference_data(
            db.clone(),
            wilayah.clone(),
            Duration::from_secs(s.reference_refresh_secs),
        ));
        let state = web::Data::new(app_state(s, &db, metrics.clone(), wilayah).await?);
        let checkpointer = tokio::spawn(checkpoint_audit(
            state.clone(),
            s.jwt_issuer.clone(),
            Duration::from_secs(s.audit_checkpoint_secs),
        ));
        let origins = s.cors_origins.clone();
        let limit = usize::try_from(s.body_limit).unwrap_or(usize::MAX);

        let mut server = HttpServer::new(move || {
            App::new()
                .app_data(state.clone())
                .app_data(table.clone())
                .app_data(metrics.clone())
                .app_data(web::PayloadConfig::default().limit(limit))
                // Keep extractor errors as their own types so that the problem layer can
                // name them (actix would wrap them in an opaque InternalError).
                .app_data(web::PathConfig::default().error_handler(|e, _| e.into()))
                .app_data(web::QueryConfig::default().error_handler(|e, _| e.into()))
                .app_data(
                    web::JsonConfig::default()
                        .limit(limit)
                        .error_handler(|e, _| e.into()),
                )
                // Outermost last: request id sees everything, problems render CORS errors.
                .wrap(cors(&origins))
                .wrap(from_fn(problem::render_problems))
                .wrap(from_fn(metrics::record))
                .wrap(from_fn(request_id::request_id))
                // Before the /api/v1 scope, which would otherwise claim the spec's path.
                .service(SwaggerUi::new("/docs/{_:.*}").url(SPEC_PATH, spec.clone()))
                .into_utoipa_app()
                .configure(routes::configure)
                .into_app()
                .route("/docs", web::get().to(docs_redirect))
                .default_service(web::to(fallback))
        })
        .listen(listener)?
        .shutdown_timeout(s.shutdown_timeout);
        if let Some(w) = s.workers {
            server = server.workers(usize::from(w));
        }
        let server = server.run();
        tracing::info!(
            address = %format!("http://{}:{port}", s.host),
            docs = %format!("http://{}:{port}/docs/", s.host),
            startup_ms = started.elapsed().as_millis() as u64,
            "listening"
        );
        Ok(Application {
            port,
            server,
            db,
            background: vec![refresher, checkpointer],
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn handle(&self) -> ServerHandle {
        self.server.handle()
    }

    /// Serves until SIGTERM or SIGINT (graceful: in-flight requests finish within the
    /// shutdown timeout) or until the handle stops it.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let result = self.server.await;
        for task in &self.background {
            task.abort();
        }
        self.db.close().await;
        tracing::info!("stopped");
        result
    }
}

/// Reloads the in-memory wilayah tree when the table changed; a failed check (database
/// away) is logged and retried at the next tick.
async fn refresh_reference_data(db: Db, cache: Arc<WilayahCache>, every: Duration) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    tick.tick().await;
    loop {
        tick.tick().await;
        match cache.refresh_if_changed(&db).await {
            Ok(true) => tracing::info!("wilayah changed in the database; reloaded"),
            Ok(false) => {}
            Err(e) => tracing::warn!(error = %e, "wilayah refresh check failed"),
        }
    }
}

/// Signs a checkpoint of the audit chain at start and then every `every`, when it grew
/// (`audit_checkpoint`); a failure is logged and retried at the next tick.
async fn checkpoint_audit(state: web::Data<AppState>, issuer: String, every: Duration) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if let Err(e) = crate::audit_checkpoint::take(&state.db, state.tokens.keys(), &issuer).await
        {
            tracing::warn!(error = %e, "audit checkpoint failed");
        }
    }
}

async fn docs_redirect() -> HttpResponse {
    HttpResponse::PermanentRedirect()
        .insert_header((header::LOCATION, "/docs/"))
        .finish()
}

fn cors(origins: &[String]) -> Cors {
    let mut c = Cors::default()
        // A request from an origin not on the list is served without CORS headers (the
        // browser then withholds it) rather than refused: same-origin and server-to-server
        // clients send Origin too.
        .block_on_origin_mismatch(false)
        .allowed_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
        ])
        .allowed_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::ACCEPT,
            header::ACCEPT_LANGUAGE,
            header::IF_MATCH,
            header::IF_NONE_MATCH,
            header::HeaderName::from_static("idempotency-key"),
            request_id::HEADER,
        ])
        .expose_headers([
            header::ETAG,
            header::LINK,
            header::LOCATION,
            header::RETRY_AFTER,
            header::CONTENT_LANGUAGE,
            request_id::HEADER,
        ])
        .max_age(3600);
    for o in origins.iter().filter(|o| !o.is_empty()) {
        c = if o == "*" {
            c.allow_any_origin()
        } else {
            c.allowed_origin(o)
        };
    }
    c
}
