//! The roles an organisation plays in a region's public-benefit ecosystem (several allowed).

use crate::validation::Invalid;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EcosystemRole {
    NpoNgo,
    Company,
    Government,
    Academic,
    Intermediary,
    Funder,
}

impl EcosystemRole {
    pub const ALL: [EcosystemRole; 6] = [
        EcosystemRole::NpoNgo,
        EcosystemRole::Company,
        EcosystemRole::Government,
        EcosystemRole::Academic,
        EcosystemRole::Intermediary,
        EcosystemRole::Funder,
    ];

    pub fn code(&self) -> &'static str {
        match self {
            EcosystemRole::NpoNgo => "npo_ngo",
            EcosystemRole::Company => "company",
            EcosystemRole::Government => "government",
            EcosystemRole::Academic => "academic",
            EcosystemRole::Intermediary => "intermediary",
            EcosystemRole::Funder => "funder",
        }
    }

    pub fn parse(code: &str) -> Result<Self, Invalid> {
        Self::ALL
            .into_iter()
            .find(|r| r.code() == code.trim())
            .ok_or(Invalid::UnknownChoice)
    }

    fn bit(&self) -> i64 {
        1 << (*self as u8)
    }
}

/// A set of roles, stored as a bit mask.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(try_from = "Vec<EcosystemRole>", into = "Vec<EcosystemRole>")]
pub struct EcosystemRoles(i64);

impl EcosystemRoles {
    pub fn from_roles(roles: impl IntoIterator<Item = EcosystemRole>) -> Self {
        Self(roles.into_iter().fold(0, |acc, r| acc | r.bit()))
    }

    pub fn from_bits(bits: i64) -> Result<Self, Invalid> {
        if bits < 0 || bits >= 1 << EcosystemRole::ALL.len() {
            return Err(Invalid::UnknownChoice);
        }
        Ok(Self(bits))
    }

    pub fn bits(&self) -> i64 {
        self.0
    }

    pub fn contains(&self, role: EcosystemRole) -> bool {
        self.0 & role.bit() != 0
    }

    pub fn iter(&self) -> impl Iterator<Item = EcosystemRole> + '_ {
        EcosystemRole::ALL.into_iter().filter(|r| self.contains(*r))
    }

    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }
}

impl TryFrom<Vec<EcosystemRole>> for EcosystemRoles {
    type Error = Invalid;
    fn try_from(v: Vec<EcosystemRole>) -> Result<Self, Invalid> {
        Ok(Self::from_roles(v))
    }
}

impl From<EcosystemRoles> for Vec<EcosystemRole> {
    fn from(r: EcosystemRoles) -> Self {
        r.iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip() {
        let r = EcosystemRoles::from_roles([EcosystemRole::Funder, EcosystemRole::NpoNgo]);
        assert_eq!(
            r.iter().collect::<Vec<_>>(),
            vec![EcosystemRole::NpoNgo, EcosystemRole::Funder]
        );
        assert_eq!(EcosystemRoles::from_bits(r.bits()), Ok(r));
        assert!(EcosystemRoles::from_bits(64).is_err());
        for role in EcosystemRole::ALL {
            assert_eq!(EcosystemRole::parse(role.code()), Ok(role));
        }
    }
}
