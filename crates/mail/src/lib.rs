//! Outgoing e-mail. Messages are plain text in the recipient's language (Fluent messages
//! `mail-*` in the i18n crate). They go out over SMTP (lettre) or, by default for local use, are
//! written as `.eml` files to a folder, with a log line saying where.

use hiroba_i18n::{I18n, Lang, Value};
use lettre::message::{Mailbox, header::ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("invalid address {0:?}")]
    Address(String),
    #[error("mail configuration: {0}")]
    Config(String),
    #[error("could not build the message: {0}")]
    Build(#[from] lettre::error::Error),
    #[error("could not send: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    #[error("could not write the message file: {0}")]
    File(#[from] lettre::transport::file::Error),
}

/// How the SMTP connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// Plain text: only for a local relay or a test server.
    None,
    /// STARTTLS upgrade (usually port 587).
    StartTls,
    /// TLS from the first byte (usually port 465).
    Tls,
}

impl Security {
    pub fn parse(s: &str) -> Option<Security> {
        match s {
            "none" => Some(Security::None),
            "starttls" => Some(Security::StartTls),
            "tls" => Some(Security::Tls),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub username: Option<String>,
    pub password: Option<String>,
}

enum Transport {
    File(PathBuf, AsyncFileTransport<Tokio1Executor>),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

pub struct Mailer {
    transport: Transport,
    from: Mailbox,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.transport {
            Transport::File(dir, _) => write!(f, "Mailer(file: {})", dir.display()),
            Transport::Smtp(_) => f.write_str("Mailer(smtp)"),
        }
    }
}

fn mailbox(address: &str) -> Result<Mailbox, MailError> {
    address
        .parse()
        .map_err(|_| MailError::Address(address.to_owned()))
}

impl Mailer {
    /// Writes each message as an `.eml` file in `dir` (created if needed).
    pub fn to_folder(dir: impl Into<PathBuf>, from: &str) -> Result<Mailer, MailError> {
        let dir = dir.into();
        std::fs::create_dir_all(&dir)
            .map_err(|e| MailError::Config(format!("{}: {e}", dir.display())))?;
        Ok(Mailer {
            transport: Transport::File(dir.clone(), AsyncFileTransport::new(dir)),
            from: mailbox(from)?,
        })
    }

    pub fn smtp(settings: &SmtpSettings, from: &str) -> Result<Mailer, MailError> {
        let tls = || {
            TlsParameters::new(settings.host.clone())
                .map_err(|e| MailError::Config(format!("TLS for {}: {e}", settings.host)))
        };
        let mut builder =
            AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(settings.host.clone())
                .port(settings.port)
                .timeout(Some(Duration::from_secs(20)));
        builder = match settings.security {
            Security::None => builder.tls(Tls::None),
            Security::StartTls => builder.tls(Tls::Required(tls()?)),
            Security::Tls => builder.tls(Tls::Wrapper(tls()?)),
        };
        if let (Some(user), Some(password)) = (&settings.username, &settings.password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(Mailer {
            transport: Transport::Smtp(builder.build()),
            from: mailbox(from)?,
        })
    }

    pub async fn send(&self, to: &str, mail: &Rendered) -> Result<(), MailError> {
        let message = Message::builder()
            .from(self.from.clone())
            .to(mailbox(to)?)
            .subject(mail.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(mail.body.clone())?;
        match &self.transport {
            Transport::File(dir, t) => {
                let id = t.send(message).await?;
                tracing::info!(to, file = %dir.join(format!("{id}.eml")).display(), "mail written to a file (mail_transport = file)");
            }
            Transport::Smtp(t) => {
                t.send(message).await?;
                tracing::info!(to, subject = %mail.subject, "mail sent");
            }
        }
        Ok(())
    }
}

/// A message ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub body: String,
}

/// The messages Hiroba sends.
#[derive(Debug, Clone)]
pub enum Mail {
    /// Confirm the address given at sign-up.
    VerifyEmail {
        link: String,
    },
    /// Someone signed up with an address that already has an account.
    AlreadyRegistered {
        signin_link: String,
        reset_link: String,
    },
    ResetPassword {
        link: String,
    },
    /// Confirm a new address for an existing account.
    ChangeEmail {
        link: String,
    },
    /// Tell the old address that the account's address changed.
    EmailChanged {
        new_email: String,
    },
    Invitation {
        link: String,
        inviter: String,
        target: String,
        role: String,
    },
    ClaimSubmitted {
        link: String,
        organisation: String,
        claimant: String,
    },
    ClaimApproved {
        link: String,
        organisation: String,
    },
    ClaimRejected {
        organisation: String,
        note: String,
    },
}

impl Mail {
    fn id(&self) -> &'static str {
        match self {
            Mail::VerifyEmail { .. } => "verify",
            Mail::AlreadyRegistered { .. } => "already-registered",
            Mail::ResetPassword { .. } => "reset",
            Mail::ChangeEmail { .. } => "change-email",
            Mail::EmailChanged { .. } => "email-changed",
            Mail::Invitation { .. } => "invitation",
            Mail::ClaimSubmitted { .. } => "claim-submitted",
            Mail::ClaimApproved { .. } => "claim-approved",
            Mail::ClaimRejected { .. } => "claim-rejected",
        }
    }

    fn args(&self) -> Vec<(&'static str, String)> {
        let s = |v: &String| v.clone();
        match self {
            Mail::VerifyEmail { link }
            | Mail::ResetPassword { link }
            | Mail::ChangeEmail { link } => {
                vec![("link", s(link))]
            }
            Mail::AlreadyRegistered {
                signin_link,
                reset_link,
            } => {
                vec![
                    ("signin_link", s(signin_link)),
                    ("reset_link", s(reset_link)),
                ]
            }
            Mail::EmailChanged { new_email } => vec![("new_email", s(new_email))],
            Mail::Invitation {
                link,
                inviter,
                target,
                role,
            } => {
                vec![
                    ("link", s(link)),
                    ("inviter", s(inviter)),
                    ("target", s(target)),
                    ("role", s(role)),
                ]
            }
            Mail::ClaimSubmitted {
                link,
                organisation,
                claimant,
            } => {
                vec![
                    ("link", s(link)),
                    ("organisation", s(organisation)),
                    ("claimant", s(claimant)),
                ]
            }
            Mail::ClaimApproved { link, organisation } => {
                vec![("link", s(link)), ("organisation", s(organisation))]
            }
            Mail::ClaimRejected { organisation, note } => {
                vec![("organisation", s(organisation)), ("note", s(note))]
            }
        }
    }

    /// Subject and body in `lang`, with the common signature.
    pub fn render(&self, i18n: &I18n, lang: Lang) -> Rendered {
        let args: Vec<(&str, Value<'_>)> = self
            .args()
            .into_iter()
            .map(|(k, v)| (k, Value::from(v)))
            .collect();
        let id = self.id();
        let body = i18n.message(lang, &format!("mail-{id}-body"), &args);
        let footer = i18n.message(lang, "mail-footer", &[]);
        Rendered {
            subject: format!(
                "[{}] {}",
                i18n.message(lang, "site-name", &[]),
                i18n.message(lang, &format!("mail-{id}-subject"), &args)
            ),
            body: format!("{body}\n\n--\n{footer}\n"),
        }
    }

    /// Every kind, with sample values, for tests that check both languages render them.
    pub fn samples() -> Vec<Mail> {
        let link = "https://hiroba.example/x".to_owned();
        vec![
            Mail::VerifyEmail { link: link.clone() },
            Mail::AlreadyRegistered {
                signin_link: link.clone(),
                reset_link: link.clone(),
            },
            Mail::ResetPassword { link: link.clone() },
            Mail::ChangeEmail { link: link.clone() },
            Mail::EmailChanged {
                new_email: "new@example.jp".into(),
            },
            Mail::Invitation {
                link: link.clone(),
                inviter: "山田".into(),
                target: "ひだまり".into(),
                role: "編集者".into(),
            },
            Mail::ClaimSubmitted {
                link: link.clone(),
                organisation: "ひだまり".into(),
                claimant: "山田".into(),
            },
            Mail::ClaimApproved {
                link,
                organisation: "ひだまり".into(),
            },
            Mail::ClaimRejected {
                organisation: "ひだまり".into(),
                note: "書類を確認できませんでした".into(),
            },
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mail_renders_in_both_languages_with_its_link() {
        let i18n = I18n::new();
        for mail in Mail::samples() {
            for lang in Lang::ALL {
                for suffix in ["subject", "body"] {
                    assert!(
                        i18n.has(lang, &format!("mail-{}-{suffix}", mail.id())),
                        "{} {suffix} in {}",
                        mail.id(),
                        lang.code()
                    );
                }
                let r = mail.render(&i18n, lang);
                assert!(r.subject.starts_with('['), "{r:?}");
                for (_, value) in mail.args() {
                    assert!(
                        r.body.contains(&value),
                        "{} in {}: body lacks {value}",
                        mail.id(),
                        lang.code()
                    );
                }
            }
        }
    }

    #[tokio::test]
    async fn the_folder_transport_writes_an_eml_file() {
        let dir = tempfile::tempdir().unwrap();
        let mailer =
            Mailer::to_folder(dir.path().join("mail"), "Hiroba <noreply@hiroba.example>").unwrap();
        let i18n = I18n::new();
        let mail = Mail::VerifyEmail {
            link: "https://hiroba.example/verify?token=abc".into(),
        }
        .render(&i18n, Lang::Ja);
        mailer
            .send("山田 <yamada@example.jp>", &mail)
            .await
            .unwrap();
        let files: Vec<_> = std::fs::read_dir(dir.path().join("mail"))
            .unwrap()
            .collect();
        assert_eq!(files.len(), 1);
        let text = std::fs::read_to_string(files[0].as_ref().unwrap().path()).unwrap();
        assert!(text.contains("To: =?utf-8?b?") || text.contains("yamada@example.jp"));
        assert!(text.contains("Content-Type: text/plain; charset=utf-8"));
        assert!(mailer.send("not an address", &mail).await.is_err());
    }
}
