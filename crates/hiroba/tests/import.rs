//! End-to-end: `hiroba import` run as a process on a SQLite data directory.

use hiroba_domain::codes::CorporateNumber;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_hiroba");

fn hiroba(args: &[&str], dir: &std::path::Path) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_remove("HIROBA_DATABASE_URL")
        .env("HIROBA_LOG", "warn")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// An NTA row (30 columns) for a new corporation in 岡山市北区.
fn row(sequence: u32, number: &str, name: &str, kind: &str) -> String {
    let mut f = vec![String::new(); 30];
    f[0] = sequence.to_string();
    f[1] = number.into();
    f[2] = "01".into();
    f[3] = "0".into();
    f[4] = "2024-04-01".into();
    f[6] = name.into();
    f[8] = kind.into();
    f[9] = "岡山県".into();
    f[10] = "岡山市北区".into();
    f[11] = "表町１丁目４－６４".into();
    f[13] = "33".into();
    f[14] = "101".into();
    f[23] = "1".into();
    f.iter()
        .map(|v| format!("\"{v}\""))
        .collect::<Vec<_>>()
        .join(",")
        + "\n"
}

#[test]
fn import_nta_twice_then_list_runs() {
    let dir = tempfile::tempdir().unwrap();
    let n = |base: u64| CorporateNumber::from_base(base).unwrap().to_string();
    let file = [
        row(1, &n(501), "特定非営利活動法人きびの国", "399"),
        row(2, &n(502), "一般社団法人おかやま", "399"),
        row(3, &n(503), "きびだんご株式会社", "301"),
        row(4, "7000012050003", "特定非営利活動法人けたちがい", "399"),
    ]
    .concat();
    std::fs::write(dir.path().join("all.csv"), file).unwrap();

    let dry = hiroba(
        &[
            "import",
            "nta",
            "all.csv",
            "--dry-run",
            "--data-dir",
            "site",
        ],
        dir.path(),
    );
    assert!(dry.status.success(), "{}", text(&dry.stderr));
    let out = text(&dry.stdout);
    assert!(
        out.contains("Dry run: nta import") && out.contains("created 2"),
        "{out}"
    );

    let first = hiroba(
        &["import", "nta", "all.csv", "--data-dir", "site"],
        dir.path(),
    );
    assert!(first.status.success(), "{}", text(&first.stderr));
    let out = text(&first.stdout);
    assert!(
        out.contains("read 4, created 2, updated 0, unchanged 0")
            && out.contains("skipped 1, rejected 1")
            && out.contains("rows/s")
            && out.contains("新規 2"),
        "{out}"
    );
    // A first load into an empty database builds the organisations' indexes at the end.
    assert!(
        text(&first.stderr).contains("Building 7 indexes"),
        "{}",
        text(&first.stderr)
    );
    let report = std::fs::read_to_string(dir.path().join("all.csv.rejected.csv")).unwrap();
    assert!(report.starts_with("\u{FEFF}line,column,value,reason_ja,reason_en"));
    assert!(
        report.contains("4,2 corporate_number,7000012050003,チェックディジットが一致しません"),
        "{report}"
    );

    let again = hiroba(
        &[
            "import",
            "nta",
            "all.csv",
            "--kind",
            "301",
            "--data-dir",
            "site",
        ],
        dir.path(),
    );
    let out = text(&again.stdout);
    assert!(out.contains("created 1, updated 0, unchanged 2"), "{out}");
    assert!(
        !text(&again.stderr).contains("indexes"),
        "a database with organisations keeps its indexes"
    );

    let runs = hiroba(&["import", "runs", "--data-dir", "site"], dir.path());
    let out = text(&runs.stdout);
    assert_eq!(out.lines().count(), 3, "{out}");
    assert!(out.lines().last().unwrap().contains("(dry run)"), "{out}");
    assert!(out.contains("finished"));

    let bad_kind = hiroba(&["import", "nta", "all.csv", "--kind", "398"], dir.path());
    assert!(!bad_kind.status.success());
    assert!(text(&bad_kind.stderr).contains("not an NTA 法人種別 code"));

    std::fs::write(dir.path().join("empty.csv"), "").unwrap();
    let empty = hiroba(
        &["import", "npo", "empty.csv", "--data-dir", "site"],
        dir.path(),
    );
    assert!(!empty.status.success());
    assert!(
        text(&empty.stderr).contains("the file is empty"),
        "{}",
        text(&empty.stderr)
    );
}

#[test]
fn import_spreadsheet_previews_asks_and_imports() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = "団体名,メール,備考\n\
                 いずみの会,izumi@example.jp,川の清掃\n\
                 せせらぎクラブ,not-an-address,\n\
                 ほたるの里,,ホタルの観察会\n";
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(sheet);
    std::fs::write(dir.path().join("list.csv"), &bytes).unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["import", "spreadsheet", "list.csv", "--data-dir", "site"];
        args.extend_from_slice(extra);
        hiroba(&args, dir.path())
    };

    let preview = run(&["--preview"]);
    assert!(preview.status.success(), "{}", text(&preview.stderr));
    let out = text(&preview.stdout);
    assert!(out.contains("3 rows, Shift_JIS"), "{out}");
    assert!(out.contains("団体名 → name"), "{out}");
    assert!(out.contains("備考 → (ignored"), "{out}");
    assert!(out.contains("line 3 せせらぎクラブ: メール:"), "{out}");

    // Without a terminal to ask on, nothing is imported unless --yes says so.
    let unasked = run(&[]);
    assert!(!unasked.status.success());
    assert!(
        text(&unasked.stderr).contains("--yes"),
        "{}",
        text(&unasked.stderr)
    );

    let bad_map = run(&["--map", "9=email", "--yes"]);
    assert!(!bad_map.status.success());
    assert!(text(&bad_map.stderr).contains("no column 9"));
    let no_portal = run(&["--portal", "nowhere", "--yes"]);
    assert!(!no_portal.status.success());
    assert!(text(&no_portal.stderr).contains("nowhere"));

    let done = run(&["--map", "備考=description", "--yes"]);
    assert!(done.status.success(), "{}", text(&done.stderr));
    let out = text(&done.stdout);
    assert!(
        out.contains("created 2") && out.contains("rejected 1"),
        "{out}"
    );
    assert!(dir.path().join("list.csv.rejected.csv").exists());

    let again = run(&["--map", "備考=description", "--yes"]);
    assert!(
        text(&again.stdout).contains("created 0, updated 0, unchanged 2"),
        "{}",
        text(&again.stdout)
    );
    let runs = hiroba(&["import", "runs", "--data-dir", "site"], dir.path());
    assert_eq!(
        text(&runs.stdout).matches(" spreadsheet list.csv ").count(),
        2
    );
}
