//! Kanji variants (異体字) folded to the form people usually type. NFKC already folds the
//! compatibility ideographs (e.g. U+F9DC); this covers the old and variant forms that are
//! separate characters in Unicode and common in organisation names, family names and places.

/// Pairs of (variant, usual form).
#[rustfmt::skip]
const VARIANTS: &[(char, char)] = &[
    ('髙', '高'), ('﨑', '崎'), ('嵜', '崎'), ('碕', '崎'), ('嶋', '島'), ('嶌', '島'), ('邊', '辺'),
    ('邉', '辺'), ('澤', '沢'), ('濱', '浜'), ('濵', '浜'), ('齋', '斎'), ('齊', '斉'), ('廣', '広'),
    ('國', '国'), ('圀', '国'), ('櫻', '桜'), ('學', '学'), ('會', '会'), ('藝', '芸'), ('縣', '県'),
    ('澁', '渋'), ('德', '徳'), ('惠', '恵'), ('榮', '栄'), ('與', '与'), ('鐵', '鉄'), ('驛', '駅'),
    ('體', '体'), ('眞', '真'), ('圓', '円'), ('燈', '灯'), ('關', '関'), ('壽', '寿'), ('彌', '弥'),
    ('淺', '浅'), ('條', '条'), ('藏', '蔵'), ('豐', '豊'), ('兒', '児'), ('戶', '戸'), ('廳', '庁'),
    ('實', '実'), ('寶', '宝'), ('龍', '竜'), ('舘', '館'), ('槇', '槙'), ('檜', '桧'), ('冨', '富'),
    ('峯', '峰'), ('埜', '野'), ('嶽', '岳'), ('萬', '万'), ('瀨', '瀬'), ('曾', '曽'), ('栁', '柳'),
    ('籠', '篭'), ('邨', '村'), ('彥', '彦'), ('靑', '青'), ('淸', '清'), ('黑', '黒'),
    ('團', '団'), ('傳', '伝'), ('區', '区'), ('聯', '連'), ('勞', '労'), ('醫', '医'),
    ('藥', '薬'), ('畫', '画'), ('氣', '気'), ('兩', '両'), ('舊', '旧'), ('歷', '歴'), ('樂', '楽'),
    ('靜', '静'), ('發', '発'), ('稻', '稲'), ('豫', '予'), ('營', '営'), ('齡', '齢'), ('效', '効'),
    ('對', '対'), ('辯', '弁'), ('辨', '弁'), ('瓣', '弁'), ('并', '併'), ('來', '来'), ('爲', '為'),
    ('渕', '淵'), ('曻', '昇'), ('兔', '兎'), ('祗', '祇'),
];

/// The usual form of a kanji, or the kanji itself.
pub fn fold_kanji(c: char) -> char {
    // Kanji are above U+3400; everything else (most text) skips the table.
    if (c as u32) < 0x3400 {
        return c;
    }
    VARIANTS
        .iter()
        .find(|(v, _)| *v == c)
        .map(|(_, usual)| *usual)
        .unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_common_variants() {
        assert_eq!(fold_kanji('髙'), '高');
        assert_eq!(fold_kanji('﨑'), '崎');
        assert_eq!(fold_kanji('邊'), '辺');
        assert_eq!(fold_kanji('山'), '山');
        assert_eq!(fold_kanji('a'), 'a');
    }

    #[test]
    fn no_variant_maps_to_another_variant() {
        for (_, usual) in VARIANTS {
            assert_eq!(fold_kanji(*usual), *usual, "{usual} is itself folded");
        }
    }
}
