//! Command-line interface.

use crate::config::Overrides;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "hiroba",
    version,
    about = "Hiroba (ひろば): public-benefit portals for Japan's intermediary support organisations",
    long_about = "Hiroba (ひろば) runs regional and theme public-benefit portals on one shared database.\n\n\
Configuration comes from built-in defaults, a TOML file (--config, HIROBA_CONFIG or ./hiroba.toml), \
HIROBA_* environment variables and command-line flags, each overriding the one before. \
The database is a SQLite file in the data directory unless a postgres:// URL is given.",
    after_help = "Examples:\n  hiroba demo                       start a demo portal with sample data\n  hiroba serve --database-url postgres://hiroba@db/hiroba\n  hiroba migrate                    apply database migrations and exit"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// TOML configuration file.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Database URL: sqlite://PATH or postgres://USER@HOST/DB [env: HIROBA_DATABASE_URL].
    #[arg(long, global = true, value_name = "URL")]
    pub database_url: Option<String>,
    /// Directory for the SQLite file and other local data [env: HIROBA_DATA_DIR; default: data].
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Log filter, e.g. info or debug [env: HIROBA_LOG].
    #[arg(long, global = true, value_name = "FILTER")]
    pub log: Option<String>,
    /// Log format: text or json [env: HIROBA_LOG_FORMAT].
    #[arg(long, global = true, value_name = "FORMAT")]
    pub log_format: Option<String>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on, e.g. 0.0.0.0:8080 [env: HIROBA_LISTEN; default: 127.0.0.1:8080].
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<String>,
    /// Public URL of the site, for absolute links [env: HIROBA_BASE_URL].
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply pending migrations (also done on every start), then serve the web site and API.
    Serve(ServeArgs),
    /// Apply pending database migrations and exit.
    Migrate,
    /// Administration tasks (creating accounts).
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Create a fresh demo database with realistic Japanese data, then serve it.
    ///
    /// Without --database-url the demo lives in its own SQLite file (demo-data/hiroba-demo.db),
    /// recreated on every run. With a database URL, the database must be empty unless --reset
    /// is given, which DROPS EVERY TABLE in it first.
    Demo(DemoArgs),
    /// Import public registries: NTA corporate numbers, the NPO list, local-government codes.
    ///
    /// Each run is logged (see `hiroba import runs`); rows that cannot be imported are written
    /// to a CSV report (FILE.rejected.csv unless --report says otherwise).
    #[command(subcommand)]
    Import(ImportCommand),
    /// Rebuild this node's search index from the database (stop the server using it first).
    ///
    /// The index holds nothing the database does not; a server also rebuilds a missing or
    /// outdated index by itself when it starts.
    Reindex,
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create a confirmed account (or, with --platform-admin, make an existing one an administrator).
    ///
    /// The password is read from standard input with --password-stdin; otherwise a random one is
    /// generated and printed once.
    CreateUser(CreateUserArgs),
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// National Tax Agency corporate-number data (全件・差分データ; CSV or ZIP, Shift_JIS or
    /// Unicode). Imports 法人種別 399 (NPO法人, 一般社団・財団法人 and other non-profits)
    /// and the kinds given with --kind.
    Nta(NtaArgs),
    /// The Cabinet Office NPO法人 list (内閣府 NPO法人ポータルサイト, CSV with a header row).
    Npo(ImportArgs),
    /// The local-government code list (総務省 全国地方公共団体コード, CSV with a header row).
    Municipalities(ImportArgs),
    /// An operator's own list of organisations (CSV with a header row; UTF-8 or Shift_JIS).
    ///
    /// Shows how the columns map to profile fields (guessed from the header) and the first rows
    /// with their problems, then imports after you confirm (or at once with --yes). Organisations
    /// not found by 法人番号 or name are created, marked as imported so their people can claim
    /// them; with --portal they are also listed in that portal.
    Spreadsheet(SheetArgs),
    /// List the latest import runs.
    Runs(RunsArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file to import (.csv, or a .zip holding one CSV).
    pub file: PathBuf,
    /// Read and plan everything, report what would change, write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Where to write rejected rows [default: FILE.rejected.csv].
    #[arg(long, value_name = "CSV")]
    pub report: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SheetArgs {
    #[command(flatten)]
    pub common: ImportArgs,
    /// List every imported organisation in this portal (its slug).
    #[arg(long, value_name = "SLUG")]
    pub portal: Option<String>,
    /// Map a column (its number from 1, or its header) to a field, e.g. `3=email` or
    /// `備考=description`; `3=` ignores the column. Repeatable; other columns keep the guess.
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,
    /// Show the mapping and the first rows, then stop.
    #[arg(long)]
    pub preview: bool,
    /// Import without asking for confirmation.
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct NtaArgs {
    #[command(flatten)]
    pub common: ImportArgs,
    /// Also import this 法人種別 (e.g. 301 株式会社, 305 合同会社); repeatable.
    #[arg(long = "kind", value_name = "CODE", value_parser = nta_kind)]
    pub kinds: Vec<u16>,
}

fn nta_kind(s: &str) -> Result<u16, String> {
    use hiroba_domain::registries::nta::KINDS;
    s.trim()
        .parse()
        .ok()
        .filter(|k| KINDS.contains(k))
        .ok_or_else(|| {
            let codes: Vec<String> = KINDS.iter().map(|k| k.to_string()).collect();
            format!("not an NTA 法人種別 code (one of {})", codes.join(", "))
        })
}

#[derive(Debug, Args)]
pub struct RunsArgs {
    /// How many runs to show.
    #[arg(long, default_value_t = 20)]
    pub limit: u64,
}

#[derive(Debug, Args)]
pub struct CreateUserArgs {
    /// The account's e-mail address (also its sign-in name).
    #[arg(long)]
    pub email: String,
    /// The name shown to others.
    #[arg(long, default_value = "Administrator")]
    pub name: String,
    /// Make the account a platform administrator.
    #[arg(long)]
    pub platform_admin: bool,
    /// Read the password from the first line of standard input.
    #[arg(long)]
    pub password_stdin: bool,
    /// Interface language of the account: ja or en.
    #[arg(long, default_value = "ja")]
    pub lang: String,
}

/// Where `hiroba demo` keeps its database and uploads unless given --data-dir.
pub const DEMO_DATA_DIR: &str = "demo-data";

#[derive(Debug, Args)]
pub struct DemoArgs {
    #[command(flatten)]
    pub serve: ServeArgs,
    /// Seed for the generated data (the same seed gives the same data).
    #[arg(long, default_value_t = hiroba_demo::DEFAULT_SEED)]
    pub seed: u64,
    /// Empty the given database before loading (drops every table in it).
    #[arg(long)]
    pub reset: bool,
    /// Load the data and exit instead of serving.
    #[arg(long)]
    pub no_serve: bool,
}

impl Cli {
    pub fn overrides(&self) -> Overrides {
        let serve = match &self.command {
            Command::Serve(s) => Some(s),
            Command::Demo(d) => Some(&d.serve),
            Command::Migrate | Command::Admin(_) | Command::Reindex | Command::Import(_) => None,
        };
        let demo_dir = match &self.command {
            // The demo keeps its own directory so it never touches a real data directory.
            Command::Demo(_) if self.global.data_dir.is_none() => {
                Some(PathBuf::from(DEMO_DATA_DIR))
            }
            _ => self.global.data_dir.clone(),
        };
        Overrides {
            listen: serve.and_then(|s| s.listen.clone()),
            database_url: self.global.database_url.clone(),
            data_dir: demo_dir,
            base_url: serve.and_then(|s| s.base_url.clone()),
            log_format: self.global.log_format.clone(),
            log: self.global.log.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn demo_uses_its_own_directory() {
        let cli = Cli::parse_from(["hiroba", "demo", "--listen", "127.0.0.1:0"]);
        let o = cli.overrides();
        assert_eq!(o.data_dir, Some(PathBuf::from("demo-data")));
        assert_eq!(o.listen.as_deref(), Some("127.0.0.1:0"));
        let cli = Cli::parse_from(["hiroba", "serve"]);
        assert_eq!(cli.overrides().data_dir, None);
    }

    #[test]
    fn import_kinds_repeat() {
        let cli = Cli::parse_from([
            "hiroba",
            "import",
            "nta",
            "all.zip",
            "--kind",
            "301",
            "--kind",
            "305",
            "--dry-run",
        ]);
        match cli.command {
            Command::Import(ImportCommand::Nta(a)) => {
                assert_eq!(a.kinds, [301, 305]);
                assert!(a.common.dry_run);
            }
            other => panic!("{other:?}"),
        }
    }
}
