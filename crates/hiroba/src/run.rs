//! What each command does.

use crate::cli::{AdminCommand, Cli, Command, CreateUserArgs, DEMO_DATA_DIR, DemoArgs};
use crate::config::{self, Settings};
use anyhow::{Context, Result, bail};
use hiroba_store::{Engine, Store, StoreOptions};
use hiroba_web::AppState;
use tokio::net::TcpListener;

pub async fn run(cli: Cli) -> Result<()> {
    let file = config::config_file(
        cli.global.config.as_deref(),
        std::env::var("HIROBA_CONFIG").ok(),
    );
    let settings = config::load(file.as_deref(), &cli.overrides())
        .map_err(|e| anyhow::anyhow!("configuration: {e}"))?;
    init_logging(&settings)?;
    match &cli.command {
        Command::Migrate => {
            let store = open(&settings).await?;
            let applied = store.migrate().await?;
            if applied.is_empty() {
                println!("The database is up to date.");
            } else {
                for name in applied {
                    println!("applied {name}");
                }
            }
            store.close().await;
            Ok(())
        }
        Command::Serve(_) => {
            let store = open(&settings).await?;
            migrate(&store).await?;
            serve(&settings, store, |url| {
                println!("Hiroba is listening on {url}")
            })
            .await
        }
        Command::Demo(args) => demo(&settings, args).await,
        Command::Reindex => reindex(&settings).await,
        Command::Import(command) => {
            let store = open(&settings).await?;
            migrate(&store).await?;
            let result = crate::import::run(&store, command).await;
            store.close().await;
            result
        }
        Command::Admin(AdminCommand::CreateUser(args)) => create_user(&settings, args).await,
    }
}

async fn reindex(settings: &Settings) -> Result<()> {
    let store = open(settings).await?;
    migrate(&store).await?;
    let dir = settings.search_dir();
    let index = open_search(&dir, hiroba_search::WriterOptions::default())?;
    let follower = hiroba_search::Follower::new(std::sync::Arc::new(index), store.clone());
    let started = std::time::Instant::now();
    let count = follower
        .rebuild()
        .await
        .context("rebuilding the search index")?;
    println!(
        "Indexed {count} documents in {:.1} s ({}) / 検索索引を再構築しました",
        started.elapsed().as_secs_f64(),
        dir.display()
    );
    store.close().await;
    Ok(())
}

/// Opens this node's search index, saying plainly when another process holds it.
fn open_search(
    dir: &std::path::Path,
    options: hiroba_search::WriterOptions,
) -> Result<hiroba_search::SearchIndex> {
    hiroba_search::SearchIndex::open(dir, options).map_err(|e| {
        if e.is_locked() {
            anyhow::anyhow!(
                "the search index in {} is in use by another Hiroba process; give each process its own search_dir (HIROBA_SEARCH_DIR)",
                dir.display()
            )
        } else {
            anyhow::anyhow!("opening the search index in {}: {e}", dir.display())
        }
    })
}

async fn create_user(settings: &Settings, args: &CreateUserArgs) -> Result<()> {
    let email = hiroba_domain::codes::Email::parse(&args.email)
        .map_err(|_| anyhow::anyhow!("{:?} is not a valid e-mail address", args.email))?;
    let lang = hiroba_i18n::Lang::parse(&args.lang)
        .ok_or_else(|| anyhow::anyhow!("--lang must be ja or en"))?;
    let store = open(settings).await?;
    migrate(&store).await?;
    if let Some(existing) = store.users().by_email(email.as_str()).await? {
        if !args.platform_admin {
            bail!("an account with {} already exists", existing.email);
        }
        store
            .users()
            .set_platform_admin(existing.id, true, hiroba_store::By::SYSTEM)
            .await?;
        println!("{} is now a platform administrator.", existing.email);
        store.close().await;
        return Ok(());
    }
    let (password, generated) = if args.password_stdin {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line)?;
        (line.trim_end_matches(['\r', '\n']).to_owned(), false)
    } else {
        (hiroba_auth::new_token()[..20].to_owned(), true)
    };
    if let Err(problem) = hiroba_domain::accounts::check_password(&password, Some(email.as_str())) {
        bail!("the password is not acceptable ({problem})");
    }
    let hash = hiroba_auth::hash_password(&password)?;
    let user = store
        .users()
        .create(
            &hiroba_store::users::NewUser {
                email: email.as_str(),
                display_name: &args.name,
                password_hash: &hash,
                lang: lang.code(),
                verified: true,
                platform_admin: args.platform_admin,
            },
            hiroba_store::By::SYSTEM,
        )
        .await?;
    println!(
        "Created account {} (id {}){}.",
        user.email,
        user.id,
        if args.platform_admin {
            ", platform administrator"
        } else {
            ""
        }
    );
    if generated {
        println!("Password (shown once): {password}");
    }
    store.close().await;
    Ok(())
}

fn init_logging(settings: &Settings) -> Result<()> {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_new(&settings.log)
        .with_context(|| format!("invalid log filter {:?}", settings.log))?;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let result = match settings.log_format.as_str() {
        "json" => builder.json().try_init(),
        "text" => builder.try_init(),
        other => bail!("log_format must be text or json, not {other:?}"),
    };
    // Already initialised (tests call run twice): keep the first subscriber.
    let _ = result;
    Ok(())
}

async fn open(settings: &Settings) -> Result<Store> {
    let url = settings.database_url();
    if Engine::from_url(&url) == Some(Engine::Sqlite) {
        std::fs::create_dir_all(&settings.data_dir).with_context(|| {
            format!(
                "cannot create data directory {}",
                settings.data_dir.display()
            )
        })?;
    }
    let options = StoreOptions {
        max_connections: settings.db_max_connections,
        ..Default::default()
    };
    Store::connect(&url, &options)
        .await
        .context("opening the database")
}

async fn migrate(store: &Store) -> Result<()> {
    for name in store.migrate().await.context("applying migrations")? {
        tracing::info!(migration = %name, "applied migration");
    }
    Ok(())
}

async fn demo(settings: &Settings, args: &DemoArgs) -> Result<()> {
    let default_file = settings.database_url.trim().is_empty();
    let mut settings = settings.clone();
    if default_file {
        // The demo's own file is recreated from scratch on every run.
        settings.database_url = format!(
            "sqlite://{}",
            settings.data_dir.join("hiroba-demo.db").display()
        );
        std::fs::create_dir_all(&settings.data_dir)?;
        for suffix in ["", "-wal", "-shm"] {
            let path = settings.data_dir.join(format!("hiroba-demo.db{suffix}"));
            if path.exists() {
                std::fs::remove_file(&path)
                    .with_context(|| format!("removing {}", path.display()))?;
            }
        }
    }
    if default_file {
        // Uploads live beside the demo's database and are recreated with it, never in a
        // configured files directory that may hold real uploads.
        settings.files_dir = String::new();
        let files_dir = settings.files_dir();
        // Emptied only where the demo alone writes: its default directory.
        if settings.data_dir == std::path::Path::new(DEMO_DATA_DIR) && files_dir.exists() {
            std::fs::remove_dir_all(&files_dir)
                .with_context(|| format!("emptying {}", files_dir.display()))?;
        }
        // The search index of the previous demo database describes other rows.
        settings.search_dir = String::new();
        let search_dir = settings.search_dir();
        if search_dir.exists() {
            std::fs::remove_dir_all(&search_dir)
                .with_context(|| format!("emptying {}", search_dir.display()))?;
        }
    }
    let store = open(&settings).await?;
    if args.reset {
        store
            .reset_schema()
            .await
            .context("emptying the database")?;
    }
    migrate(&store).await?;
    if store.organisations().count().await? > 0 || store.portals().count().await? > 0 {
        bail!(
            "the database already has data; give --reset to empty it first (this drops every table)"
        );
    }
    let data = hiroba_demo::generate(args.seed);
    let files = settings.files();
    let summary = hiroba_demo::load(&store, files.as_ref(), &data)
        .await
        .context("loading demo data")?;
    println!(
        "Demo data loaded / デモデータを作成しました: {} portals, {} organisations ({})",
        summary.portals.len(),
        summary.organisations,
        hiroba_store::redacted_url(&settings.database_url()),
    );
    if args.no_serve {
        store.close().await;
        return Ok(());
    }
    let portals: Vec<String> = summary
        .portals
        .iter()
        .map(|(slug, _)| slug.clone())
        .collect();
    let accounts: Vec<String> = data
        .accounts
        .iter()
        .map(|a| format!("  {}  {}", a.email, a.name))
        .collect();
    let mail_note = (settings.mail_transport == "file").then(|| settings.mail_dir());
    serve(&settings, store, |url| {
        println!("Hiroba demo is listening on {url}");
        println!("デモを表示するには、ブラウザで {url}/ を開いてください。");
        for slug in &portals {
            println!("  {url}/p/{slug}");
        }
        println!(
            "Demo accounts / デモ用アカウント (password / パスワード: {}):",
            hiroba_demo::DEMO_PASSWORD
        );
        for line in &accounts {
            println!("{line}");
        }
        if let Some(dir) = &mail_note {
            println!("Mail is written to / メールの保存先: {}", dir.display());
        }
        println!("Press Ctrl+C to stop. / 終了するには Ctrl+C を押してください。");
    })
    .await
}

async fn serve(settings: &Settings, store: Store, on_ready: impl FnOnce(&str)) -> Result<()> {
    let listener = TcpListener::bind(&settings.listen)
        .await
        .with_context(|| format!("cannot listen on {}", settings.listen))?;
    let bound = listener.local_addr()?;
    let base_url = settings.base_url(&bound);
    let config = settings.web_config(base_url.clone());
    let mailer = settings
        .mailer()
        .map_err(|e| anyhow::anyhow!("mail: {e}"))?;
    tracing::info!(?mailer, "mail");
    let files = settings.files();
    tracing::info!(files = %files.describe(), "uploads");
    let search_dir = settings.search_dir();
    let index = open_search(&search_dir, hiroba_search::WriterOptions::default())?;
    tracing::info!(dir = %search_dir.display(), documents = index.doc_count(), "search index");
    let follower = std::sync::Arc::new(hiroba_search::Follower::new(
        std::sync::Arc::new(index),
        store.clone(),
    ));
    let following = follower
        .clone()
        .spawn(std::time::Duration::from_millis(250));
    let app = hiroba_web::router(AppState::new(
        store.clone(),
        config,
        mailer,
        files,
        follower,
    ));
    tracing::info!(%bound, engine = store.engine().name(), "serving");
    let shutdown = Shutdown::install();
    let housekeeping = spawn_housekeeping(store.clone(), i64::from(settings.api_rate_window_secs));
    on_ready(&format!("http://{bound}"));
    let served = axum_serve(listener, app, shutdown).await;
    housekeeping.abort();
    following.abort();
    served?;
    tracing::info!("stopped");
    store.close().await;
    Ok(())
}

/// Every quarter of an hour, deletes expired sessions, drafts, rate-limit windows and old
/// e-mailed links (each node on its own; the deletes are idempotent), and once a day one node
/// claims the job that reassesses every ★ level and ends expired certifications.
/// `api_window_secs` is the API rate limits' window: counts are kept at least that long.
fn spawn_housekeeping(store: Store, api_window_secs: i64) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(15 * 60));
        loop {
            every.tick().await;
            let longest = hiroba_web::auth::signin::LONGEST_WINDOW_SECS.max(api_window_secs);
            match store.sweep(chrono::Utc::now(), longest).await {
                Ok(swept) => tracing::debug!(?swept, "housekeeping"),
                Err(error) => tracing::warn!(%error, "housekeeping failed"),
            }
            let day = chrono::Duration::hours(24);
            match store
                .claim_job("disclosure-refresh", day, chrono::Utc::now())
                .await
            {
                Ok(true) => match store.refresh_all(hiroba_web::today()).await {
                    Ok(changed) => tracing::info!(changed, "★ levels and certifications refreshed"),
                    Err(error) => tracing::warn!(%error, "refreshing ★ levels failed"),
                },
                Ok(false) => {}
                Err(error) => tracing::warn!(%error, "claiming the daily job failed"),
            }
        }
    })
}

async fn axum_serve(
    listener: TcpListener,
    app: hiroba_web::Router,
    shutdown: Shutdown,
) -> Result<()> {
    hiroba_web::serve(listener, app, shutdown.wait())
        .await
        .context("server error")
}

/// Ctrl+C or SIGTERM. The handlers are installed when this is created (before the server says
/// it is ready), so a signal that arrives at once still stops the server gracefully.
struct Shutdown {
    #[cfg(unix)]
    terminate: Option<tokio::signal::unix::Signal>,
}

impl Shutdown {
    fn install() -> Shutdown {
        Shutdown {
            #[cfg(unix)]
            terminate: tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
                .ok(),
        }
    }

    async fn wait(self) {
        let ctrl_c = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        #[cfg(unix)]
        let terminate = async move {
            match self.terminate {
                Some(mut s) => {
                    s.recv().await;
                }
                None => std::future::pending::<()>().await,
            }
        };
        #[cfg(not(unix))]
        let terminate = std::future::pending::<()>();
        tokio::select! {
            _ = ctrl_c => {},
            _ = terminate => {},
        }
        tracing::info!("shutting down");
    }
}
