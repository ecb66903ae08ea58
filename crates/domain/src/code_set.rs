//! Small sets of numbered codes (activity fields 1–20, SDG goals 1–17) kept as bit masks, which
//! store as one integer column and compare cheaply in scope matching.

use crate::validation::Invalid;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "Vec<u8>", into = "Vec<u8>")]
pub struct CodeSet<const MAX: u8>(u32);

impl<const MAX: u8> CodeSet<MAX> {
    pub const EMPTY: Self = Self(0);

    pub fn from_codes(codes: impl IntoIterator<Item = u8>) -> Result<Self, Invalid> {
        let mut set = Self::EMPTY;
        for c in codes {
            set.insert(c)?;
        }
        Ok(set)
    }

    /// From a stored mask; bits outside 1..=MAX are rejected so corrupt data shows up.
    pub fn from_bits(bits: i64) -> Result<Self, Invalid> {
        let allowed = ((1u64 << MAX) - 1) << 1;
        if bits < 0 || (bits as u64) & !allowed != 0 {
            return Err(Invalid::UnknownChoice);
        }
        Ok(Self(bits as u32))
    }

    pub fn bits(&self) -> i64 {
        i64::from(self.0)
    }

    pub fn insert(&mut self, code: u8) -> Result<(), Invalid> {
        if !(1..=MAX).contains(&code) {
            return Err(Invalid::UnknownChoice);
        }
        self.0 |= 1 << code;
        Ok(())
    }

    pub fn contains(&self, code: u8) -> bool {
        code <= MAX && self.0 & (1 << code) != 0
    }

    pub fn intersects(&self, other: &Self) -> bool {
        self.0 & other.0 != 0
    }

    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }

    pub fn len(&self) -> usize {
        self.0.count_ones() as usize
    }

    pub fn iter(&self) -> impl Iterator<Item = u8> + '_ {
        (1..=MAX).filter(|c| self.contains(*c))
    }

    /// The mask with only `code` set, for queries that test one member.
    pub fn bit(code: u8) -> i64 {
        1i64 << code
    }
}

impl<const MAX: u8> TryFrom<Vec<u8>> for CodeSet<MAX> {
    type Error = Invalid;
    fn try_from(v: Vec<u8>) -> Result<Self, Invalid> {
        Self::from_codes(v)
    }
}

impl<const MAX: u8> From<CodeSet<MAX>> for Vec<u8> {
    fn from(s: CodeSet<MAX>) -> Vec<u8> {
        s.iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Set = CodeSet<20>;

    #[test]
    fn insert_iterate_intersect() {
        let a = Set::from_codes([1, 13, 20]).unwrap();
        assert_eq!(a.iter().collect::<Vec<_>>(), vec![1, 13, 20]);
        assert_eq!(a.len(), 3);
        assert!(a.intersects(&Set::from_codes([13]).unwrap()));
        assert!(!a.intersects(&Set::from_codes([2]).unwrap()));
        assert_eq!(Set::from_bits(a.bits()), Ok(a));
        assert_eq!(Set::from_codes([0]), Err(Invalid::UnknownChoice));
        assert_eq!(Set::from_codes([21]), Err(Invalid::UnknownChoice));
        assert_eq!(Set::from_bits(1), Err(Invalid::UnknownChoice));
        assert_eq!(Set::from_bits(1 << 21), Err(Invalid::UnknownChoice));
        assert!(!a.contains(200));
    }
}
