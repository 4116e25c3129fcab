//! Text matching for the chatbot: words normalized across English, Hindi (Devanagari) and
//! Hinglish, and "close enough" matching so that one typo ("invoce", "stauts") still counts.

/// Lower-case words: Devanagari kept (with its vowel signs), Devanagari digits made ASCII,
/// punctuation dropped except `-` and `/` inside order numbers.
pub fn normalize(text: &str) -> Vec<String> {
    let mut s = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            '\u{0966}'..='\u{096F}' => s.push(char::from(b'0' + (c as u32 - 0x0966) as u8)),
            '\u{0964}' | '\u{0965}' => s.push(' '),
            '\u{0900}'..='\u{097F}' | '-' | '/' => s.push(c),
            '\'' | '’' | '\u{200C}' | '\u{200D}' => {}
            c if c.is_alphanumeric() => s.push(c),
            _ => s.push(' '),
        }
    }
    s.split_whitespace().map(|w| w.trim_matches(['-', '/'])).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// Optimal string alignment distance (a swap of neighbours counts as one edit), capped: only
/// "≤ 1 or not" matters, so it gives up early.
pub(super) fn within_one(a: &[char], b: &[char]) -> bool {
    if a == b {
        return true;
    }
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let (n, m) = (a.len(), b.len());
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[n][m] <= 1
}

/// 2 = exact, 1 = a typo away (the word has at least 5 letters, the keyword at least 4), 0 = no.
pub(super) fn word_match(word: &[char], key: &str) -> u8 {
    let k: Vec<char> = key.chars().collect();
    if word == k.as_slice() {
        2
    } else if word.len() >= 5 && k.len() >= 4 && within_one(word, &k) {
        1
    } else {
        0
    }
}

/// Weight of `phrase` (space-separated keywords) if its words appear in a row; a typo in it
/// costs one point, so exact words win ties against near-misses ("chance" is not "change") and
/// a weak word (weight 1) must be spelled right to count.
pub(super) fn phrase_score(words: &[Vec<char>], phrase: &str, weight: u8) -> u8 {
    let keys: Vec<&str> = phrase.split(' ').collect();
    if keys.len() > words.len() {
        return 0;
    }
    let best = (0..=words.len() - keys.len())
        .map(|start| {
            keys.iter().enumerate().map(|(i, k)| word_match(&words[start + i], k)).try_fold(true, |exact, m| match m {
                0 => None,
                m => Some(exact && m == 2),
            })
        })
        .max_by_key(|m| match m {
            Some(true) => 2,
            Some(false) => 1,
            None => 0,
        });
    match best.flatten() {
        Some(true) => weight,
        Some(false) => weight.saturating_sub(1),
        None => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_case_punctuation_and_devanagari_digits() {
        assert_eq!(normalize("Where's my ORDER #PD-2026-00042?!"), vec!["wheres", "my", "order", "pd-2026-00042"]);
        assert_eq!(normalize("ऑर्डर १२३४ कब आएगा।"), vec!["ऑर्डर", "1234", "कब", "आएगा"]);
        assert_eq!(normalize("  -- / "), Vec::<String>::new());
    }

    #[test]
    fn fuzzy_matching_is_one_edit_on_longer_words_only() {
        let w = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(word_match(&w("invoice"), "invoice"), 2);
        assert_eq!(word_match(&w("invioce"), "invoice"), 1, "swap");
        assert_eq!(word_match(&w("invoce"), "invoice"), 1, "missing letter");
        assert_eq!(word_match(&w("innvoice"), "invoice"), 1, "extra letter");
        assert_eq!(word_match(&w("inovce"), "invoice"), 0, "two edits");
        assert_eq!(word_match(&w("bills"), "bill"), 1);
        assert_eq!(word_match(&w("bull"), "bill"), 0, "short words must be exact");
        assert_eq!(word_match(&w("आर्डर"), "ऑर्डर"), 1, "Devanagari too");
        assert!(within_one(&w(""), &w("a")) && !within_one(&w("ab"), &w("abcd")));
    }
}
