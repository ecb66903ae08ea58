//! Shared by the end-to-end tests: starting the `hiroba` binary and speaking to it over HTTP.
// Each test binary uses some of these helpers.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub const BIN: &str = env!("CARGO_BIN_EXE_hiroba");

pub struct Server {
    pub child: Child,
    pub url: String,
    pub stdout: Vec<String>,
}

impl Server {
    /// Starts `hiroba args…` and waits for the line announcing its URL.
    pub fn start(args: &[&str], dir: &std::path::Path) -> Server {
        let mut child = Command::new(BIN)
            .args(args)
            .current_dir(dir)
            .env_remove("HIROBA_DATABASE_URL")
            .env("HIROBA_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start hiroba");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut stdout = Vec::new();
        let url = loop {
            let line = lines
                .next()
                .expect("hiroba printed its URL before exiting")
                .unwrap();
            stdout.push(line.clone());
            if let Some(i) = line.find("listening on http://") {
                break line[i + "listening on ".len()..].trim().to_owned();
            }
        };
        // Keep draining stdout so the child never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Server { child, url, stdout }
    }

    pub fn get(&self, path: &str) -> (u16, String) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build()
            .into();
        let mut r = agent
            .get(&format!("{}{path}", self.url))
            .call()
            .expect("request");
        let status = r.status().as_u16();
        (status, r.body_mut().read_to_string().unwrap_or_default())
    }

    /// Signs in through the page form as a browser would (CSRF cookie and token, same-origin
    /// fetch metadata) and returns the cookies to send with later requests.
    pub fn sign_in(&self, email: &str, password: &str) -> Result<String, (u16, String)> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(Duration::from_secs(30)))
            .build()
            .into();
        let mut form = agent.get(&format!("{}/signin", self.url)).call().unwrap();
        let csrf_cookie = cookie(form.headers(), "hiroba_csrf").expect("a CSRF cookie");
        let page = form.body_mut().read_to_string().unwrap();
        let token = page
            .split("name=\"_csrf\" value=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("a CSRF field")
            .to_owned();
        let mut r = agent
            .post(&format!("{}/signin", self.url))
            .header("cookie", &format!("hiroba_csrf={csrf_cookie}"))
            .header("sec-fetch-site", "same-origin")
            .send_form([
                ("_csrf", token.as_str()),
                ("email", email),
                ("password", password),
                ("next", ""),
            ])
            .unwrap();
        let status = r.status().as_u16();
        match cookie(r.headers(), "hiroba_session") {
            Some(session) if status == 303 => Ok(format!(
                "hiroba_csrf={csrf_cookie}; hiroba_session={session}"
            )),
            _ => Err((status, r.body_mut().read_to_string().unwrap_or_default())),
        }
    }

    pub fn get_as(&self, path: &str, cookies: &str) -> (u16, String) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .build()
            .into();
        let mut r = agent
            .get(&format!("{}{path}", self.url))
            .header("cookie", cookies)
            .call()
            .expect("request");
        let status = r.status().as_u16();
        (status, r.body_mut().read_to_string().unwrap_or_default())
    }

    /// SIGTERM, then the process must exit cleanly.
    pub fn stop(mut self) {
        let pid = self.child.id().to_string();
        Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        for _ in 0..100 {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(
                    status.success(),
                    "hiroba exited with {status} after SIGTERM"
                );
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        panic!("hiroba did not stop within 10 s of SIGTERM");
    }
}

/// A failed assertion must not leave servers running (they would also hold the test's output
/// pipes open).
impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn cookie(headers: &ureq::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next()?.split_once('='))
        .find(|(n, v)| *n == name && !v.is_empty())
        .map(|(_, v)| v.to_owned())
}

pub fn hiroba(args: &[&str], dir: &std::path::Path, stdin: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_remove("HIROBA_DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

pub fn count_files(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| {
                    let path = e.path();
                    if path.is_dir() { count_files(&path) } else { 1 }
                })
                .sum()
        })
        .unwrap_or(0)
}

/// Percent-encodes a query value.
pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
