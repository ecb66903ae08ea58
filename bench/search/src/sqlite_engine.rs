//! Baseline: SQLite with an FTS5 index using the trigram tokenizer (substring search without a
//! dictionary, the usual choice for Japanese in SQLite), facets counted with GROUP BY.

use crate::report::{Answer, Load};
use anyhow::{Context, Result, bail};
use hiroba_search::SearchDocument;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqliteSynchronous};
use sqlx::{AssertSqlSafe, Connection, Executor, Row};
use std::path::Path;
use std::time::Instant;

const SCHEMA: &str = "
CREATE TABLE orgs (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL, kana TEXT NOT NULL, mission TEXT NOT NULL, body TEXT NOT NULL,
    place TEXT NOT NULL, corporate_number TEXT, prefecture INTEGER, municipality INTEGER,
    legal_form TEXT, level INTEGER NOT NULL
);
CREATE TABLE org_fields (
    org_id INTEGER NOT NULL, field INTEGER NOT NULL, PRIMARY KEY (org_id, field)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE orgs_fts USING fts5(
    name, kana, mission, body, place, content='orgs', content_rowid='id', tokenize='trigram'
);
";

/// Built once the rows are in, as a bulk load would.
const INDEXES: &str = "
INSERT INTO orgs_fts(orgs_fts) VALUES ('rebuild');
INSERT INTO orgs_fts(orgs_fts) VALUES ('optimize');
CREATE INDEX orgs_prefecture ON orgs (prefecture);
CREATE INDEX orgs_legal_form ON orgs (legal_form);
CREATE INDEX orgs_level ON orgs (level);
CREATE INDEX orgs_corporate_number ON orgs (corporate_number);
CREATE INDEX org_fields_field ON org_fields (field);
ANALYZE;
";

/// Rows per INSERT statement (11 parameters each, well under SQLite's limit).
const ROWS_PER_INSERT: usize = 100;

async fn connect(path: &Path, loading: bool) -> Result<SqliteConnection> {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        // A bulk load into a fresh file needs no journal; searching uses the usual WAL.
        .journal_mode(if loading {
            SqliteJournalMode::Off
        } else {
            SqliteJournalMode::Wal
        })
        .synchronous(SqliteSynchronous::Off)
        // A generous page cache and memory-mapped reads, as a tuned server would use.
        .pragma("cache_size", "-262144")
        .pragma("mmap_size", "4294967296");
    Ok(SqliteConnection::connect_with(&options).await?)
}

/// SQLite's version, after checking FTS5 and its trigram tokenizer are compiled in.
pub async fn check(path: &Path) -> Result<String> {
    let mut conn = connect(path, true).await?;
    let version: String = sqlx::query_scalar("SELECT sqlite_version()")
        .fetch_one(&mut conn)
        .await?;
    let fts5: i64 = sqlx::query_scalar("SELECT sqlite_compileoption_used('ENABLE_FTS5')")
        .fetch_one(&mut conn)
        .await?;
    if fts5 != 1 {
        bail!("SQLite {version} lacks FTS5");
    }
    conn.execute(
        "CREATE VIRTUAL TABLE temp.probe USING fts5(x, tokenize='trigram'); DROP TABLE temp.probe;",
    )
    .await
    .context("FTS5 trigram tokenizer")?;
    Ok(version)
}

pub async fn load(docs: &[SearchDocument], path: &Path) -> Result<Load> {
    let mut conn = connect(path, true).await?;
    conn.execute(SCHEMA).await?;
    let t = Instant::now();
    for batch in docs.chunks(10_000) {
        let mut tx = conn.begin().await?;
        for chunk in batch.chunks(ROWS_PER_INSERT) {
            insert_orgs(&mut tx, chunk).await?;
            insert_fields(&mut tx, chunk).await?;
        }
        tx.commit().await?;
    }
    let insert = t.elapsed();
    let t = Instant::now();
    conn.execute(INDEXES).await?;
    let finish = t.elapsed();
    conn.close().await?;
    Ok(Load {
        docs: docs.len(),
        insert,
        finish,
        bytes_on_disk: std::fs::metadata(path)?.len(),
        note: "FTS5 trigram (external content), rebuilt and optimised after the rows".into(),
    })
}

async fn insert_orgs(conn: &mut SqliteConnection, chunk: &[SearchDocument]) -> Result<()> {
    let row = format!("({})", ["?"; 11].join(","));
    let sql = format!(
        "INSERT INTO orgs (id, name, kana, mission, body, place, corporate_number, prefecture, \
         municipality, legal_form, level) VALUES {}",
        vec![row; chunk.len()].join(",")
    );
    let mut q = sqlx::query(AssertSqlSafe(sql));
    for d in chunk {
        q = q
            .bind(d.id)
            .bind(&d.name)
            .bind(&d.reading)
            .bind(&d.mission)
            .bind(&d.body)
            .bind(&d.place)
            .bind(d.corporate_number.as_deref())
            .bind(d.prefecture.map(i64::from))
            .bind(d.municipality.map(i64::from))
            .bind(d.legal_form.map(|f| f.info().code))
            .bind(i64::from(d.level));
    }
    q.execute(&mut *conn).await?;
    Ok(())
}

async fn insert_fields(conn: &mut SqliteConnection, chunk: &[SearchDocument]) -> Result<()> {
    let pairs: Vec<(i64, i64)> = chunk
        .iter()
        .flat_map(|d| d.activity_fields.iter().map(|f| (d.id, i64::from(*f))))
        .collect();
    if pairs.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "INSERT OR IGNORE INTO org_fields (org_id, field) VALUES {}",
        vec!["(?,?)"; pairs.len()].join(",")
    );
    let mut q = sqlx::query(AssertSqlSafe(sql));
    for (id, field) in pairs {
        q = q.bind(id).bind(field);
    }
    q.execute(&mut *conn).await?;
    Ok(())
}

/// How an application would put a query to FTS5: each word as a quoted phrase; words shorter
/// than a trigram (1–2 characters, common in Japanese) cannot use the index and fall back to
/// LIKE over the text columns.
struct Plan {
    from: &'static str,
    conditions: Vec<String>,
    binds: Vec<String>,
    order: String,
}

fn plan(text: &str) -> Plan {
    let words: Vec<&str> = text.split_whitespace().collect();
    let (long, short): (Vec<&str>, Vec<&str>) = words.iter().partition(|w| w.chars().count() >= 3);
    let mut conditions = Vec::new();
    let mut binds = Vec::new();
    let uses_fts = !long.is_empty();
    if uses_fts {
        let phrases: Vec<String> = long
            .iter()
            .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
            .collect();
        binds.push(phrases.join(" AND "));
        conditions.push(format!("orgs_fts MATCH ?{}", binds.len()));
    }
    for w in &short {
        binds.push(format!("%{}%", escape_like(w)));
        let n = binds.len();
        conditions.push(format!(
            "(o.name LIKE ?{n} ESCAPE '\\' OR o.kana LIKE ?{n} ESCAPE '\\' OR o.mission LIKE ?{n} ESCAPE '\\' \
             OR o.body LIKE ?{n} ESCAPE '\\' OR o.place LIKE ?{n} ESCAPE '\\')"
        ));
    }
    if conditions.is_empty() {
        conditions.push("0".into());
    }
    let order = if uses_fts {
        // Field weights as in hiroba-search: name, reading, mission, body, place.
        "bm25(orgs_fts, 4.0, 3.0, 1.5, 1.0, 1.2)".to_owned()
    } else {
        // Without FTS there is no relevance score: names that contain the word first.
        "(o.name LIKE ?1 ESCAPE '\\') DESC, o.level DESC, o.id".to_owned()
    };
    Plan {
        from: if uses_fts {
            "orgs_fts JOIN orgs o ON o.id = orgs_fts.rowid"
        } else {
            "orgs o"
        },
        conditions,
        binds,
        order,
    }
}

fn escape_like(w: &str) -> String {
    w.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Whether a query is a 法人番号 (13 digits), looked up exactly.
pub fn corporate_number(text: &str) -> Option<&str> {
    let t = text.trim();
    (t.len() == 13 && t.bytes().all(|b| b.is_ascii_digit())).then_some(t)
}

pub struct SqliteEngine {
    conn: SqliteConnection,
}

impl SqliteEngine {
    pub async fn open(path: &Path) -> Result<SqliteEngine> {
        Ok(SqliteEngine {
            conn: connect(path, false).await?,
        })
    }

    /// Whether a query needs the LIKE fallback for a word too short for trigrams.
    pub fn falls_back(text: &str) -> bool {
        text.split_whitespace().any(|w| w.chars().count() < 3)
    }

    /// Top 20 by bm25, then counts by prefecture and by activity field over every match.
    pub async fn search(&mut self, text: &str) -> Result<Answer> {
        if let Some(number) = corporate_number(text) {
            let names: Vec<String> =
                sqlx::query_scalar("SELECT name FROM orgs WHERE corporate_number = ?1 LIMIT 20")
                    .bind(number)
                    .fetch_all(&mut self.conn)
                    .await?;
            return Ok(Answer {
                total: names.len() as u64,
                names,
            });
        }
        let p = plan(text);
        let conditions = p.conditions.join(" AND ");
        let top = format!(
            "SELECT o.name FROM {} WHERE {conditions} ORDER BY {} LIMIT 20",
            p.from, p.order
        );
        let by_prefecture = format!(
            "SELECT o.prefecture, count(*) FROM {} WHERE {conditions} GROUP BY o.prefecture",
            p.from
        );
        let by_field = format!(
            "SELECT f.field, count(*) FROM {} JOIN org_fields f ON f.org_id = o.id \
             WHERE {conditions} GROUP BY f.field",
            p.from
        );
        let mut q = sqlx::query_scalar::<_, String>(AssertSqlSafe(top));
        for b in &p.binds {
            q = q.bind(b);
        }
        let names = q.fetch_all(&mut self.conn).await?;
        let mut total = 0;
        for (i, sql) in [by_prefecture, by_field].into_iter().enumerate() {
            let mut q = sqlx::query(AssertSqlSafe(sql));
            for b in &p.binds {
                q = q.bind(b);
            }
            let rows = q.fetch_all(&mut self.conn).await?;
            if i == 0 {
                // Every organisation has a prefecture: its counts add up to the matches.
                total = rows.iter().map(|r| r.get::<i64, _>(1) as u64).sum();
            }
        }
        Ok(Answer { total, names })
    }
}
