//! Every authorisation decision in Hiroba is made here, by one pure function:
//! [`authorize`]`(actor, action)`. Handlers ask; they never decide.
//!
//! Public data (portals, organisation profiles, the open API) is readable by anyone and does
//! not pass through here. Everything that changes data, and everything private, does.

use crate::roles::{OrgRole, PortalRole, TokenScope};

/// A signed-in person (through a browser session or an API token) and their roles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Actor {
    pub user_id: i64,
    pub platform_admin: bool,
    pub email_verified: bool,
    pub portals: Vec<(i64, PortalRole)>,
    pub organisations: Vec<(i64, OrgRole)>,
    /// Present when acting through an API token: limits what may be done.
    pub token_scope: Option<TokenScope>,
}

impl Actor {
    pub fn portal_role(&self, portal_id: i64) -> Option<PortalRole> {
        self.portals
            .iter()
            .find(|(p, _)| *p == portal_id)
            .map(|(_, r)| *r)
    }

    pub fn org_role(&self, organisation_id: i64) -> Option<OrgRole> {
        self.organisations
            .iter()
            .find(|(o, _)| *o == organisation_id)
            .map(|(_, r)| *r)
    }

    fn operates(&self, portal_id: i64) -> bool {
        self.portal_role(portal_id) == Some(PortalRole::Operator)
    }

    fn staffs_portal(&self, portal_id: i64) -> bool {
        self.portal_role(portal_id).is_some()
    }
}

/// What someone wants to do, with the records it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action<'a> {
    /// Change one's own e-mail, password, language or API tokens.
    ManageAccount {
        user_id: i64,
    },
    /// Create a new organisation (the creator becomes its owner).
    RegisterOrganisation,
    EditOrganisation {
        organisation_id: i64,
    },
    /// See an organisation's team, invitations and log.
    ViewOrganisationPrivate {
        organisation_id: i64,
    },
    /// Invite or remove the organisation's editors.
    ManageOrganisationTeam {
        organisation_id: i64,
    },
    /// Ask to become the owner of an existing organisation.
    ClaimOrganisation {
        organisation_id: i64,
    },
    /// Approve or reject a claim; `listed_in` are the portals that show the organisation.
    DecideClaim {
        listed_in: &'a [i64],
    },
    /// See a portal's administration pages (claims, curation, team).
    ViewPortalAdmin {
        portal_id: i64,
    },
    /// Include or exclude organisations explicitly.
    CuratePortal {
        portal_id: i64,
    },
    /// Import a spreadsheet of organisations into the portal (creates them in bulk).
    ImportIntoPortal {
        portal_id: i64,
    },
    /// Change a portal's name, scope and branding.
    EditPortalSettings {
        portal_id: i64,
    },
    /// Invite or remove a portal's operators and editors.
    ManagePortalTeam {
        portal_id: i64,
    },
    ViewPortalAudit {
        portal_id: i64,
    },
    CreatePortal,
    ViewPlatformAudit,
    /// Read an organisation's private documents (officer and member lists): its staff, and
    /// the operators of the portals that list it, who check them to certify it.
    ViewPrivateDocuments {
        organisation_id: i64,
        listed_in: &'a [i64],
    },
    /// Grant or revoke a certification step on behalf of `portal_id`; `listed` says whether
    /// that portal lists the organisation.
    CertifyOrganisation {
        portal_id: i64,
        listed: bool,
    },
}

impl Action<'_> {
    /// Whether the action changes data (and so needs a read-write token).
    pub fn writes(&self) -> bool {
        !matches!(
            self,
            Action::ViewOrganisationPrivate { .. }
                | Action::ViewPortalAdmin { .. }
                | Action::ViewPortalAudit { .. }
                | Action::ViewPlatformAudit
                | Action::ViewPrivateDocuments { .. }
        )
    }
}

/// Why an action is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denied {
    /// Nobody is signed in.
    NotSignedIn,
    /// The address is not confirmed yet.
    EmailNotVerified,
    /// The token may only read.
    ReadOnlyToken,
    /// Signed in, but this is not theirs.
    Forbidden,
}

/// The one decision: may `actor` (or an anonymous visitor, `None`) do `action`?
pub fn authorize(actor: Option<&Actor>, action: &Action<'_>) -> Result<(), Denied> {
    let Some(a) = actor else {
        return Err(Denied::NotSignedIn);
    };
    if action.writes() && a.token_scope == Some(TokenScope::Read) {
        return Err(Denied::ReadOnlyToken);
    }
    let allowed = match action {
        Action::ManageAccount { user_id } => *user_id == a.user_id,
        _ if !a.email_verified => return Err(Denied::EmailNotVerified),
        // A certification is a portal's word about an organisation it lists: no one, not
        // even an administrator, gives it for one the portal does not list.
        Action::CertifyOrganisation { listed: false, .. } => false,
        _ if a.platform_admin => true,
        Action::RegisterOrganisation => true,
        Action::EditOrganisation { organisation_id }
        | Action::ViewOrganisationPrivate { organisation_id } => {
            a.org_role(*organisation_id).is_some()
        }
        Action::ManageOrganisationTeam { organisation_id } => {
            a.org_role(*organisation_id) == Some(OrgRole::Owner)
        }
        Action::ClaimOrganisation { organisation_id } => a.org_role(*organisation_id).is_none(),
        Action::DecideClaim { listed_in } => listed_in.iter().any(|p| a.operates(*p)),
        Action::ViewPortalAdmin { portal_id } | Action::CuratePortal { portal_id } => {
            a.staffs_portal(*portal_id)
        }
        Action::EditPortalSettings { portal_id }
        | Action::ImportIntoPortal { portal_id }
        | Action::ManagePortalTeam { portal_id }
        | Action::ViewPortalAudit { portal_id } => a.operates(*portal_id),
        Action::CreatePortal | Action::ViewPlatformAudit => false,
        Action::ViewPrivateDocuments {
            organisation_id,
            listed_in,
        } => a.org_role(*organisation_id).is_some() || listed_in.iter().any(|p| a.operates(*p)),
        Action::CertifyOrganisation { portal_id, listed } => *listed && a.operates(*portal_id),
    };
    if allowed {
        Ok(())
    } else {
        Err(Denied::Forbidden)
    }
}

pub fn can(actor: Option<&Actor>, action: &Action<'_>) -> bool {
    authorize(actor, action).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORG_A: i64 = 1;
    const ORG_B: i64 = 2;
    const PORTAL_P: i64 = 10;
    const PORTAL_Q: i64 = 20;

    fn actor(f: impl FnOnce(&mut Actor)) -> Actor {
        let mut a = Actor {
            user_id: 100,
            email_verified: true,
            ..Default::default()
        };
        f(&mut a);
        a
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Who {
        Anonymous,
        Unverified,
        User,
        OwnerA,
        EditorA,
        OperatorP,
        EditorP,
        Admin,
        OwnerAReadToken,
    }

    fn who(w: Who) -> Option<Actor> {
        Some(match w {
            Who::Anonymous => return None,
            Who::Unverified => actor(|a| {
                a.email_verified = false;
                a.organisations = vec![(ORG_A, OrgRole::Owner)];
            }),
            Who::User => actor(|_| {}),
            Who::OwnerA => actor(|a| a.organisations = vec![(ORG_A, OrgRole::Owner)]),
            Who::EditorA => actor(|a| a.organisations = vec![(ORG_A, OrgRole::Editor)]),
            Who::OperatorP => actor(|a| a.portals = vec![(PORTAL_P, PortalRole::Operator)]),
            Who::EditorP => actor(|a| a.portals = vec![(PORTAL_P, PortalRole::Editor)]),
            Who::Admin => actor(|a| a.platform_admin = true),
            Who::OwnerAReadToken => actor(|a| {
                a.organisations = vec![(ORG_A, OrgRole::Owner)];
                a.token_scope = Some(TokenScope::Read);
            }),
        })
    }

    use Who::*;
    const ALL: [Who; 9] = [
        Anonymous,
        Unverified,
        User,
        OwnerA,
        EditorA,
        OperatorP,
        EditorP,
        Admin,
        OwnerAReadToken,
    ];

    /// (action, who may do it); everyone else must be refused.
    fn table() -> Vec<(Action<'static>, Vec<Who>)> {
        vec![
            (
                Action::ManageAccount { user_id: 100 },
                vec![Unverified, User, OwnerA, EditorA, OperatorP, EditorP, Admin],
            ),
            (Action::ManageAccount { user_id: 999 }, vec![]),
            (
                Action::RegisterOrganisation,
                vec![User, OwnerA, EditorA, OperatorP, EditorP, Admin],
            ),
            (
                Action::EditOrganisation {
                    organisation_id: ORG_A,
                },
                vec![OwnerA, EditorA, Admin],
            ),
            (
                Action::EditOrganisation {
                    organisation_id: ORG_B,
                },
                vec![Admin],
            ),
            (
                Action::ViewOrganisationPrivate {
                    organisation_id: ORG_A,
                },
                vec![OwnerA, EditorA, Admin, OwnerAReadToken],
            ),
            (
                Action::ViewOrganisationPrivate {
                    organisation_id: ORG_B,
                },
                vec![Admin],
            ),
            (
                Action::ManageOrganisationTeam {
                    organisation_id: ORG_A,
                },
                vec![OwnerA, Admin],
            ),
            (
                Action::ManageOrganisationTeam {
                    organisation_id: ORG_B,
                },
                vec![Admin],
            ),
            (
                Action::ClaimOrganisation {
                    organisation_id: ORG_A,
                },
                vec![User, OperatorP, EditorP, Admin],
            ),
            (
                Action::ClaimOrganisation {
                    organisation_id: ORG_B,
                },
                vec![User, OwnerA, EditorA, OperatorP, EditorP, Admin],
            ),
            (
                Action::DecideClaim {
                    listed_in: &[PORTAL_P],
                },
                vec![OperatorP, Admin],
            ),
            (
                Action::DecideClaim {
                    listed_in: &[PORTAL_Q],
                },
                vec![Admin],
            ),
            (Action::DecideClaim { listed_in: &[] }, vec![Admin]),
            (
                Action::ViewPortalAdmin {
                    portal_id: PORTAL_P,
                },
                vec![OperatorP, EditorP, Admin],
            ),
            (
                Action::ViewPortalAdmin {
                    portal_id: PORTAL_Q,
                },
                vec![Admin],
            ),
            (
                Action::CuratePortal {
                    portal_id: PORTAL_P,
                },
                vec![OperatorP, EditorP, Admin],
            ),
            (
                Action::CuratePortal {
                    portal_id: PORTAL_Q,
                },
                vec![Admin],
            ),
            (
                Action::EditPortalSettings {
                    portal_id: PORTAL_P,
                },
                vec![OperatorP, Admin],
            ),
            (
                Action::EditPortalSettings {
                    portal_id: PORTAL_Q,
                },
                vec![Admin],
            ),
            (
                Action::ManagePortalTeam {
                    portal_id: PORTAL_P,
                },
                vec![OperatorP, Admin],
            ),
            (
                Action::ImportIntoPortal {
                    portal_id: PORTAL_P,
                },
                vec![OperatorP, Admin],
            ),
            (
                Action::ImportIntoPortal {
                    portal_id: PORTAL_Q,
                },
                vec![Admin],
            ),
            (
                Action::ViewPortalAudit {
                    portal_id: PORTAL_P,
                },
                vec![OperatorP, Admin],
            ),
            (
                Action::ViewPortalAudit {
                    portal_id: PORTAL_Q,
                },
                vec![Admin],
            ),
            (Action::CreatePortal, vec![Admin]),
            (Action::ViewPlatformAudit, vec![Admin]),
            (
                Action::ViewPrivateDocuments {
                    organisation_id: ORG_A,
                    listed_in: &[PORTAL_P],
                },
                vec![OwnerA, EditorA, OperatorP, Admin, OwnerAReadToken],
            ),
            (
                Action::ViewPrivateDocuments {
                    organisation_id: ORG_B,
                    listed_in: &[PORTAL_Q],
                },
                vec![Admin],
            ),
            (
                Action::CertifyOrganisation {
                    portal_id: PORTAL_P,
                    listed: true,
                },
                vec![OperatorP, Admin],
            ),
            (
                Action::CertifyOrganisation {
                    portal_id: PORTAL_P,
                    listed: false,
                },
                vec![],
            ),
            (
                Action::CertifyOrganisation {
                    portal_id: PORTAL_Q,
                    listed: true,
                },
                vec![Admin],
            ),
        ]
    }

    #[test]
    fn the_table_holds_for_everyone() {
        for (action, allowed) in table() {
            for w in ALL {
                let got = can(who(w).as_ref(), &action);
                assert_eq!(got, allowed.contains(&w), "{w:?} {action:?}");
            }
        }
    }

    #[test]
    fn refusals_say_why() {
        let edit = Action::EditOrganisation {
            organisation_id: ORG_A,
        };
        assert_eq!(authorize(None, &edit), Err(Denied::NotSignedIn));
        assert_eq!(
            authorize(who(Unverified).as_ref(), &edit),
            Err(Denied::EmailNotVerified)
        );
        assert_eq!(
            authorize(who(OwnerAReadToken).as_ref(), &edit),
            Err(Denied::ReadOnlyToken)
        );
        assert_eq!(
            authorize(who(EditorP).as_ref(), &edit),
            Err(Denied::Forbidden)
        );
        let mut admin_read = who(Admin).unwrap();
        admin_read.token_scope = Some(TokenScope::Read);
        assert_eq!(
            authorize(Some(&admin_read), &Action::CreatePortal),
            Err(Denied::ReadOnlyToken),
            "scope limits even admins"
        );
        assert!(can(Some(&admin_read), &Action::ViewPlatformAudit));
    }
}
