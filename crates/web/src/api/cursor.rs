//! Opaque cursors: the position (rank, sort key, id) of the last item, base64url-encoded.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hiroba_domain::Invalid;
use hiroba_store::paging::Cursor;

pub fn encode(c: &Cursor) -> String {
    URL_SAFE_NO_PAD.encode(format!("{}:{}:{}", c.id, c.rank, c.sort_key))
}

pub fn decode(s: &str) -> Result<Cursor, Invalid> {
    let bytes = URL_SAFE_NO_PAD
        .decode(s.trim())
        .map_err(|_| Invalid::UnknownChoice)?;
    let text = String::from_utf8(bytes).map_err(|_| Invalid::UnknownChoice)?;
    let mut parts = text.splitn(3, ':');
    let (Some(id), Some(rank), Some(sort_key)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(Invalid::UnknownChoice);
    };
    Ok(Cursor {
        rank: rank.parse().map_err(|_| Invalid::UnknownChoice)?,
        sort_key: sort_key.to_owned(),
        id: id.parse().map_err(|_| Invalid::UnknownChoice)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_rejects_garbage() {
        let c = Cursor {
            rank: 12,
            sort_key: "おかやま:こども".into(),
            id: 42,
        };
        assert_eq!(decode(&encode(&c)).unwrap(), c);
        for bad in ["", "!!!", "bm9jb2xvbg", "YWJjOmRlZg"] {
            assert!(decode(bad).is_err(), "{bad}");
        }
    }
}
