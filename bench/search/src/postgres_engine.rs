//! Baseline: PostgreSQL with pg_trgm, the usual way to search Japanese substrings there: ILIKE
//! on the text behind a trigram GIN index, ranked by similarity to the name, facets counted
//! with GROUP BY. The benchmark creates its own database and drops it afterwards.

use crate::report::{Answer, Load};
use crate::sqlite_engine::corporate_number;
use anyhow::{Context, Result};
use hiroba_search::SearchDocument;
use sqlx::postgres::{PgConnectOptions, PgConnection};
use sqlx::{AssertSqlSafe, ConnectOptions, Connection, Executor, Row};
use std::fmt::Write as _;
use std::str::FromStr;
use std::time::Instant;

const SCHEMA: &str = "
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE orgs (
    id bigint PRIMARY KEY,
    name text NOT NULL, kana text NOT NULL, mission text NOT NULL, body text NOT NULL,
    place text NOT NULL, corporate_number text, prefecture smallint, municipality integer,
    legal_form text, level smallint NOT NULL, activity_fields smallint[] NOT NULL,
    search_text text GENERATED ALWAYS AS (
        name || E'\\n' || kana || E'\\n' || mission || E'\\n' || body || E'\\n' || place
    ) STORED
);
";

/// Built once the rows are in, as a bulk load would.
const INDEXES: &str = "
CREATE INDEX orgs_search_text ON orgs USING gin (search_text gin_trgm_ops);
CREATE INDEX orgs_prefecture ON orgs (prefecture);
CREATE INDEX orgs_legal_form ON orgs (legal_form);
CREATE INDEX orgs_level ON orgs (level);
CREATE INDEX orgs_corporate_number ON orgs (corporate_number);
CREATE INDEX orgs_activity_fields ON orgs USING gin (activity_fields);
";

/// The benchmark's own database on the server at `url`.
pub struct Database {
    admin: PgConnectOptions,
    pub name: String,
}

impl Database {
    pub async fn create(url: &str) -> Result<Database> {
        let admin = PgConnectOptions::from_str(url)?.disable_statement_logging();
        let name = format!("hiroba_bench_{}", std::process::id());
        let mut conn = admin.connect().await.context("connecting to PostgreSQL")?;
        // The name is ours (a number), not input.
        sqlx::raw_sql(AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name}")))
            .execute(&mut conn)
            .await?;
        // Japanese needs a UTF-8 character classification for pg_trgm to make trigrams of it.
        sqlx::raw_sql(AssertSqlSafe(format!(
            "CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0 \
             LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
        )))
        .execute(&mut conn)
        .await?;
        conn.close().await?;
        Ok(Database { admin, name })
    }

    /// A session with the settings that suit the baseline best: no JIT compile time on short
    /// queries, and plans made for each query's own pattern (a generic plan cannot tell a
    /// two-character pattern, which no trigram index helps, from a longer one).
    pub async fn connect(&self) -> Result<PgConnection> {
        let mut conn = self.admin.clone().database(&self.name).connect().await?;
        conn.execute("SET jit = off; SET plan_cache_mode = force_custom_plan;")
            .await?;
        Ok(conn)
    }

    pub async fn drop(self) -> Result<()> {
        let mut conn = self.admin.connect().await?;
        sqlx::raw_sql(AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        )))
        .execute(&mut conn)
        .await?;
        conn.close().await?;
        Ok(())
    }
}

/// Server version, and whether pg_trgm cuts Japanese into trigrams under this locale.
pub async fn check(db: &Database) -> Result<String> {
    let mut conn = db.connect().await?;
    conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        .await?;
    let version: String = sqlx::query_scalar("SHOW server_version")
        .fetch_one(&mut conn)
        .await?;
    let trigrams: i32 = sqlx::query_scalar("SELECT cardinality(show_trgm('子ども食堂'))")
        .fetch_one(&mut conn)
        .await?;
    anyhow::ensure!(trigrams > 0, "pg_trgm makes no trigrams of Japanese here");
    // "15.20 (Debian 15.20-0+deb12u1)" → "15.20"
    Ok(version
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_owned())
}

pub async fn load(docs: &[SearchDocument], db: &Database) -> Result<Load> {
    let mut conn = db.connect().await?;
    conn.execute(SCHEMA).await?;
    let t = Instant::now();
    for batch in docs.chunks(10_000) {
        let mut copy = conn
            .copy_in_raw(
                "COPY orgs (id, name, kana, mission, body, place, corporate_number, prefecture, \
                 municipality, legal_form, level, activity_fields) FROM STDIN",
            )
            .await?;
        copy.send(copy_rows(batch).into_bytes()).await?;
        copy.finish().await?;
    }
    let insert = t.elapsed();
    let t = Instant::now();
    // Room to build the trigram index in memory, as one would for a bulk load.
    conn.execute("SET maintenance_work_mem = '1GB'").await?;
    conn.execute(INDEXES).await?;
    // On its own: VACUUM cannot run in the implicit transaction of a multi-statement string.
    conn.execute("VACUUM ANALYZE orgs").await?;
    let finish = t.elapsed();
    let bytes: i64 = sqlx::query_scalar("SELECT pg_total_relation_size('orgs')")
        .fetch_one(&mut conn)
        .await?;
    conn.close().await?;
    Ok(Load {
        docs: docs.len(),
        insert,
        finish,
        bytes_on_disk: bytes as u64,
        note: "COPY, then a pg_trgm GIN index on the concatenated text and btree indexes".into(),
    })
}

/// Rows in COPY's text format.
fn copy_rows(batch: &[SearchDocument]) -> String {
    fn text(out: &mut String, s: &str) {
        for c in s.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c => out.push(c),
            }
        }
        out.push('\t');
    }
    fn opt<T: std::fmt::Display>(out: &mut String, v: Option<T>) {
        match v {
            Some(v) => {
                let _ = write!(out, "{v}\t");
            }
            None => out.push_str("\\N\t"),
        }
    }
    let mut out = String::with_capacity(batch.len() * 1024);
    for d in batch {
        let _ = write!(out, "{}\t", d.id);
        text(&mut out, &d.name);
        text(&mut out, &d.reading);
        text(&mut out, &d.mission);
        text(&mut out, &d.body);
        text(&mut out, &d.place);
        match &d.corporate_number {
            Some(n) => text(&mut out, n),
            None => out.push_str("\\N\t"),
        }
        opt(&mut out, d.prefecture);
        opt(&mut out, d.municipality);
        opt(&mut out, d.legal_form.map(|f| f.info().code));
        let fields: Vec<String> = d.activity_fields.iter().map(u8::to_string).collect();
        let _ = writeln!(out, "{}\t{{{}}}", d.level, fields.join(","));
    }
    out
}

fn escape_like(w: &str) -> String {
    w.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

pub struct PostgresEngine {
    conn: PgConnection,
}

impl PostgresEngine {
    pub async fn open(db: &Database) -> Result<PostgresEngine> {
        Ok(PostgresEngine {
            conn: db.connect().await?,
        })
    }

    /// Every word as ILIKE (the SQL varies only in how many words; they are bound) '%word%' on the indexed text; top 20 by similarity of the name to
    /// the query, then counts by prefecture and by activity field over every match.
    pub async fn search(&mut self, text: &str) -> Result<Answer> {
        if let Some(number) = corporate_number(text) {
            let names: Vec<String> =
                sqlx::query_scalar("SELECT name FROM orgs WHERE corporate_number = $1 LIMIT 20")
                    .bind(number)
                    .fetch_all(&mut self.conn)
                    .await?;
            return Ok(Answer {
                total: names.len() as u64,
                names,
            });
        }
        let patterns: Vec<String> = text
            .split_whitespace()
            .map(|w| format!("%{}%", escape_like(w)))
            .collect();
        let mut conditions: Vec<String> = (1..=patterns.len())
            .map(|i| format!("search_text ILIKE ${i}"))
            .collect();
        if conditions.is_empty() {
            conditions.push("false".into());
        }
        let conditions = conditions.join(" AND ");
        let q_param = patterns.len() + 1;
        let top = format!(
            "SELECT name FROM orgs WHERE {conditions} \
             ORDER BY similarity(name, ${q_param}) DESC, id LIMIT 20"
        );
        let by_prefecture =
            format!("SELECT prefecture, count(*) FROM orgs WHERE {conditions} GROUP BY prefecture");
        let by_field = format!(
            "SELECT f, count(*) FROM orgs, unnest(activity_fields) AS f \
             WHERE {conditions} GROUP BY f"
        );
        let mut q = sqlx::query_scalar::<_, String>(AssertSqlSafe(top));
        for p in &patterns {
            q = q.bind(p);
        }
        let names = q.bind(text).fetch_all(&mut self.conn).await?;
        let mut total = 0;
        for (i, sql) in [by_prefecture, by_field].into_iter().enumerate() {
            let mut q = sqlx::query(AssertSqlSafe(sql));
            for p in &patterns {
                q = q.bind(p);
            }
            let rows = q.fetch_all(&mut self.conn).await?;
            if i == 0 {
                total = rows.iter().map(|r| r.get::<i64, _>(1) as u64).sum();
            }
        }
        Ok(Answer { total, names })
    }
}
