//! People's accounts: what a sign-up or a password change must satisfy.

use crate::codes::Email;
use crate::validation::{FieldErrors, Invalid, required_text};
use serde::{Deserialize, Serialize};

pub const PASSWORD_MIN: usize = 10;
pub const PASSWORD_MAX: usize = 256;
pub const DISPLAY_NAME_MAX: usize = 50;

/// Passwords people pick first (after NFKC and lower-casing); a real deployment can extend the
/// list, the point is to refuse the obvious ones with a clear message.
const COMMON: &[&str] = &[
    "password",
    "password1",
    "password123",
    "passw0rd",
    "1234567890",
    "12345678910",
    "0123456789",
    "qwertyuiop",
    "qwerty1234",
    "1q2w3e4r5t",
    "abcdefghij",
    "iloveyou12",
    "1111111111",
    "0000000000",
    "aaaaaaaaaa",
    "asdfghjkl;",
    "zxcvbnm123",
    "hiroba1234",
    "hirobahiroba",
    "npo1234567",
    "letmein123",
    "welcome123",
    "administrator",
    "okayama123",
    "kyoto12345",
    "tokyo12345",
    "japan12345",
];

/// Checks a new password (NIST SP 800-63B style: length and a deny-list, no composition rules).
pub fn check_password(password: &str, email: Option<&str>) -> Result<(), Invalid> {
    let chars = password.chars().count();
    if chars < PASSWORD_MIN {
        return Err(Invalid::PasswordTooShort { min: PASSWORD_MIN });
    }
    if chars > PASSWORD_MAX {
        return Err(Invalid::TooLong { max: PASSWORD_MAX });
    }
    let folded = crate::kana::nfkc(password).to_lowercase();
    let distinct: std::collections::HashSet<char> = folded.chars().collect();
    if COMMON.contains(&folded.as_str()) || distinct.len() <= 2 {
        return Err(Invalid::PasswordTooCommon);
    }
    let local = email
        .and_then(|e| e.split('@').next())
        .filter(|l| l.len() >= 4);
    if local.is_some_and(|l| folded.contains(&l.to_lowercase())) {
        return Err(Invalid::PasswordContainsEmail);
    }
    Ok(())
}

/// A sign-up form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SignUpInput {
    pub display_name: String,
    pub email: String,
    pub password: String,
    pub password_confirmation: String,
    pub lang: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignUp {
    pub display_name: String,
    pub email: Email,
    pub password: String,
}

impl SignUpInput {
    pub fn validate(&self) -> Result<SignUp, FieldErrors> {
        let mut errs = FieldErrors::new();
        let display_name = errs.check(
            "display_name",
            required_text(&self.display_name, DISPLAY_NAME_MAX),
        );
        let email = errs.check(
            "email",
            if self.email.trim().is_empty() {
                Err(Invalid::Required)
            } else {
                Email::parse(&self.email)
            },
        );
        let password = errs.check(
            "password",
            check_password(&self.password, email.as_ref().map(|e| e.as_str())),
        );
        if password.is_some() && self.password != self.password_confirmation {
            errs.push("password_confirmation", Invalid::PasswordMismatch);
        }
        errs.into_result(|| SignUp {
            display_name: display_name.expect("validated"),
            email: email.expect("validated"),
            password: self.password.clone(),
        })
    }
}

/// Checks a new password and its confirmation, for the reset and change forms.
pub fn check_new_password(
    password: &str,
    confirmation: &str,
    email: &str,
) -> Result<(), FieldErrors> {
    let mut errs = FieldErrors::new();
    if errs
        .check("password", check_password(password, Some(email)))
        .is_some()
        && password != confirmation
    {
        errs.push("password_confirmation", Invalid::PasswordMismatch);
    }
    errs.into_result(|| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords() {
        assert_eq!(
            check_password("short", None),
            Err(Invalid::PasswordTooShort { min: 10 })
        );
        assert_eq!(
            check_password("Password123", None),
            Err(Invalid::PasswordTooCommon)
        );
        assert_eq!(
            check_password("ｐａｓｓｗｏｒｄ１２３", None),
            Err(Invalid::PasswordTooCommon),
            "full-width is folded"
        );
        assert_eq!(
            check_password("ababababababab", None),
            Err(Invalid::PasswordTooCommon)
        );
        assert_eq!(
            check_password("yamada-hanako-2026", Some("yamada@example.jp")),
            Err(Invalid::PasswordContainsEmail)
        );
        assert_eq!(
            check_password(&"x1".repeat(200), None),
            Err(Invalid::TooLong { max: 256 })
        );
        assert!(
            check_password("きびだんごを三つ持って", None).is_ok(),
            "Japanese pass phrases are welcome"
        );
        assert!(check_password("correct horse battery", Some("yamada@example.jp")).is_ok());
    }

    #[test]
    fn sign_up_reports_each_field() {
        let errs = SignUpInput {
            display_name: " ".into(),
            email: "yamada@".into(),
            password: "abc".into(),
            password_confirmation: "abc".into(),
            lang: "ja".into(),
        }
        .validate()
        .unwrap_err();
        let fields: Vec<_> = errs.0.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["display_name", "email", "password"]);
        let mismatch = SignUpInput {
            display_name: "山田 花子".into(),
            email: "ＹＡＭＡＤＡ＠example.jp".into(),
            password: "correct horse battery".into(),
            password_confirmation: "correct horse batterz".into(),
            lang: String::new(),
        }
        .validate()
        .unwrap_err();
        assert_eq!(mismatch.0[0].field, "password_confirmation");
        let ok = SignUpInput {
            password_confirmation: "correct horse battery".into(),
            ..mismatch_input()
        }
        .validate()
        .unwrap();
        assert_eq!(ok.email.as_str(), "YAMADA@example.jp");
    }

    fn mismatch_input() -> SignUpInput {
        SignUpInput {
            display_name: "山田 花子".into(),
            email: "ＹＡＭＡＤＡ＠example.jp".into(),
            password: "correct horse battery".into(),
            password_confirmation: String::new(),
            lang: String::new(),
        }
    }
}
