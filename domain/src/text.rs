//! Text folding for search: one key per name so that `q` matches regardless of case and
//! accents, the same way on PostgreSQL and SQLite.

/// Lower-cases, strips common Latin diacritics and collapses whitespace.
pub fn search_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for c in s.chars() {
        let folded = fold(c);
        if folded.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.extend(folded.to_lowercase());
            last_space = false;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

fn fold(c: char) -> char {
    match c {
        'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' => 'a',
        'Ç' | 'ç' => 'c',
        'È'..='Ë' | 'è'..='ë' | 'Ē' | 'ē' => 'e',
        'Ì'..='Ï' | 'ì'..='ï' | 'Ī' | 'ī' => 'i',
        'Ñ' | 'ñ' => 'n',
        'Ò'..='Ö' | 'ò'..='ö' | 'Ø' | 'ø' | 'Ō' | 'ō' => 'o',
        'Ù'..='Ü' | 'ù'..='ü' | 'Ū' | 'ū' => 'u',
        'Ý' | 'ý' | 'ÿ' => 'y',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_spaces() {
        assert_eq!(search_key("  Sumbermulyo "), "sumbermulyo");
        assert_eq!(search_key("Désa  Ñgemplak"), "desa ngemplak");
        assert_eq!(search_key("BANGUNTAPAN"), search_key("banguntapan"));
    }
}
