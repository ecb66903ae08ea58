//! Tokenisers for Japanese text: runs of kanji and kana become overlapping bigrams (or single
//! characters), alphabetic runs become words. Every token has a position, so a phrase query of
//! consecutive bigrams finds exactly the typed substring, and offsets into the original text.

use crate::analysis::{CharClass, Normalised, class, normalise};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Registered names of the tokenisers.
pub const BIGRAM: &str = "ja_bigram";
pub const UNIGRAM: &str = "ja_unigram";

/// How runs of kanji and kana are cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gram {
    /// Overlapping pairs; a run of one character is a token on its own.
    Bigram,
    /// Single characters (for one-character queries against short fields such as names).
    Unigram,
}

/// A token before it becomes tantivy's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub position: usize,
    /// Byte range in the original text.
    pub from: usize,
    pub to: usize,
}

/// Cuts already normalised text into pieces. A separator (space, punctuation, a line break)
/// leaves a gap of one position, so a phrase never matches across it. With bigrams, the common
/// words of [`crate::common_words`] are added as whole tokens where they occur.
pub fn pieces(n: &Normalised, gram: Gram) -> Vec<Piece> {
    cut(n, gram, gram == Gram::Bigram)
}

/// The bigrams and words of a query word, without common-word tokens (a phrase query is built
/// from them; [`crate::common_words`] decides separately whether the whole word is one).
pub fn query_pieces(text: &str) -> Vec<Piece> {
    cut(&normalise(text), Gram::Bigram, false)
}

fn cut(n: &Normalised, gram: Gram, common_words: bool) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut position = 0;
    let mut i = 0;
    let len = n.chars.len();
    // The position of the bigram (or unigram) starting at each kanji/kana character.
    let mut starts: Vec<Option<usize>> = vec![None; len];
    while i < len {
        let kind = class(n.chars[i]);
        let start = i;
        while i < len && class(n.chars[i]) == kind {
            i += 1;
        }
        match kind {
            CharClass::Other => {
                if !out.is_empty() {
                    position += 1;
                }
            }
            CharClass::Word => {
                out.push(Piece {
                    text: n.chars[start..i].iter().collect(),
                    position,
                    from: n.spans[start].0,
                    to: n.spans[i - 1].1,
                });
                position += 1;
            }
            CharClass::Cjk => {
                let run = i - start;
                let width = match gram {
                    Gram::Bigram if run >= 2 => 2,
                    _ => 1,
                };
                for (k, slot) in starts
                    .iter_mut()
                    .enumerate()
                    .take(i - width + 1)
                    .skip(start)
                {
                    *slot = Some(position);
                    out.push(Piece {
                        text: n.chars[k..k + width].iter().collect(),
                        position,
                        from: n.spans[k].0,
                        to: n.spans[k + width - 1].1,
                    });
                    position += 1;
                }
            }
        }
    }
    if common_words {
        let mut common: Vec<Piece> = crate::common_words::occurrences(&n.chars)
            .into_iter()
            .filter_map(|(word, at)| {
                let end = at + word.chars().count() - 1;
                Some(Piece {
                    text: crate::common_words::token(&word),
                    position: starts.get(at).copied().flatten()?,
                    from: n.spans[at].0,
                    to: n.spans.get(end)?.1,
                })
            })
            .collect();
        if !common.is_empty() {
            out.append(&mut common);
            out.sort_by_key(|p| p.position);
        }
    }
    out
}

/// Normalises and cuts text.
pub fn analyse(text: &str, gram: Gram) -> Vec<Piece> {
    pieces(&normalise(text), gram)
}

/// The tantivy tokeniser for one [`Gram`].
#[derive(Debug, Clone, Copy)]
pub struct JapaneseTokenizer(pub Gram);

pub struct PieceStream {
    pieces: std::vec::IntoIter<Piece>,
    token: Token,
}

impl TokenStream for PieceStream {
    fn advance(&mut self) -> bool {
        match self.pieces.next() {
            Some(p) => {
                self.token.text = p.text;
                self.token.position = p.position;
                self.token.offset_from = p.from;
                self.token.offset_to = p.to;
                self.token.position_length = 1;
                true
            }
            None => false,
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

impl Tokenizer for JapaneseTokenizer {
    type TokenStream<'a> = PieceStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PieceStream {
        PieceStream {
            pieces: analyse(text, self.0).into_iter(),
            token: Token::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, gram: Gram) -> Vec<(String, usize)> {
        analyse(text, gram)
            .into_iter()
            .filter(|p| !p.text.starts_with(crate::common_words::PREFIX))
            .map(|p| (p.text, p.position))
            .collect()
    }

    #[test]
    fn bigrams_with_positions_and_words() {
        assert_eq!(
            texts("NPO法人 子ども食堂", Gram::Bigram),
            vec![
                ("npo".into(), 0),
                ("法人".into(), 1),
                ("子ど".into(), 3),
                ("ども".into(), 4),
                ("も食".into(), 5),
                ("食堂".into(), 6),
            ]
        );
    }

    #[test]
    fn a_single_character_run_is_one_token() {
        assert_eq!(
            texts("森 と 海", Gram::Bigram),
            vec![("森".into(), 0), ("と".into(), 2), ("海".into(), 4)]
        );
    }

    #[test]
    fn unigrams() {
        assert_eq!(
            texts("森の家", Gram::Unigram),
            vec![("森".into(), 0), ("の".into(), 1), ("家".into(), 2)]
        );
    }

    #[test]
    fn symbols_and_emoji_separate_tokens() {
        assert_eq!(
            texts("こども😀食堂!!", Gram::Bigram),
            vec![("こど".into(), 0), ("ども".into(), 1), ("食堂".into(), 3)]
        );
        assert!(texts("「」、。!?😀", Gram::Bigram).is_empty());
    }

    #[test]
    fn common_words_are_whole_tokens_at_their_first_bigram() {
        let p = analyse("京都市の子ども食堂", Gram::Bigram);
        let at = |t: &str| {
            p.iter()
                .find(|x| x.text == crate::common_words::token(t))
                .map(|x| x.position)
        };
        assert_eq!(at("京都市"), Some(0));
        assert_eq!(at("子ども食堂"), Some(4));
        let positions: Vec<usize> = p.iter().map(|x| x.position).collect();
        assert!(
            positions.windows(2).all(|w| w[0] <= w[1]),
            "in position order"
        );
        assert!(
            query_pieces("京都市")
                .iter()
                .all(|x| !x.text.starts_with(crate::common_words::PREFIX))
        );
    }

    #[test]
    fn offsets_are_in_the_original_text() {
        let text = "ＮＰＯ法人ｿﾀﾞﾃ";
        let p = analyse(text, Gram::Bigram);
        assert_eq!(&text[p[0].from..p[0].to], "ＮＰＯ");
        assert_eq!(&text[p[2].from..p[2].to], "人ｿ");
        assert_eq!(&text[p[3].from..p[3].to], "ｿﾀﾞ");
    }
}
