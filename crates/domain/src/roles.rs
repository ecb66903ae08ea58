//! Who someone is in a portal or an organisation, and what an API token may do.

use serde::{Deserialize, Serialize};

/// A person's role in a portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PortalRole {
    /// Runs the portal: settings, team, claims, everything its editors do.
    Operator,
    /// Curates the portal's list of organisations.
    Editor,
}

/// A person's role in an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgRole {
    /// Edits the profile and manages the organisation's team.
    Owner,
    /// Edits the profile.
    Editor,
}

/// What a personal API token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenScope {
    Read,
    ReadWrite,
}

macro_rules! codes {
    ($ty:ty { $($variant:ident => $code:literal),* $(,)? }) => {
        impl $ty {
            pub fn code(&self) -> &'static str {
                match self { $(Self::$variant => $code),* }
            }
            pub fn parse(s: &str) -> Option<Self> {
                match s.trim() { $($code => Some(Self::$variant),)* _ => None }
            }
        }
    };
}

codes!(PortalRole { Operator => "operator", Editor => "editor" });
codes!(OrgRole { Owner => "owner", Editor => "editor" });
codes!(TokenScope { Read => "read", ReadWrite => "read_write" });

/// Where an invitation leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "role")]
pub enum InvitationRole {
    Organisation(OrgRole),
    Portal(PortalRole),
}

/// The decision on a claim to manage an existing organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimStatus {
    Pending,
    Approved,
    Rejected,
}

codes!(ClaimStatus { Pending => "pending", Approved => "approved", Rejected => "rejected" });

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for r in [PortalRole::Operator, PortalRole::Editor] {
            assert_eq!(PortalRole::parse(r.code()), Some(r));
        }
        for r in [OrgRole::Owner, OrgRole::Editor] {
            assert_eq!(OrgRole::parse(r.code()), Some(r));
        }
        assert_eq!(TokenScope::parse("read_write"), Some(TokenScope::ReadWrite));
        assert_eq!(ClaimStatus::parse("approved"), Some(ClaimStatus::Approved));
        assert_eq!(OrgRole::parse("admin"), None);
    }
}
