//! Case folding for search, sorting and email comparison.
//!
//! `str::to_lowercase` carries the whole Unicode case table (about 25 KB of wasm). Names in
//! the co-sell directories are written in Latin, Greek or Cyrillic script; this folds those
//! scripts' capitals and leaves every other character as it is.

/// `s` in lower case for comparing: "MÜNCHEN", "München" and "münchen" fold alike.
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// [`fold`] appended to `out` (no allocation once `out` has grown). Text in ASCII, most of
/// what the lists index, is copied and lowered in place instead of char by char.
pub fn fold_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        let start = out.len();
        out.push_str(s);
        if let Some(added) = out.get_mut(start..) {
            added.make_ascii_lowercase();
        }
    } else {
        out.extend(s.chars().map(fold_char));
    }
}

fn fold_char(c: char) -> char {
    let n = c as u32;
    let lower = match n {
        0x41..=0x5A => n + 0x20,                                              // A–Z
        0xC0..=0xDE if n != 0xD7 => n + 0x20,                                 // À–Þ (not ×)
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 if n % 2 == 0 => n + 1, // Ā–ķ, Ŋ–ŷ (not İ)
        0x139..=0x148 | 0x179..=0x17E if n % 2 == 1 => n + 1,                 // Ĺ–ň, Ź–ž
        0x178 => 0xFF,                                                        // Ÿ
        0x391..=0x3A9 if n != 0x3A2 => n + 0x20,                              // Greek Α–Ω
        0x400..=0x40F => n + 0x50,                                            // Cyrillic Ѐ–Џ
        0x410..=0x42F => n + 0x20,                                            // Cyrillic А–Я
        _ => n,
    };
    char::from_u32(lower).unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_like_the_standard_library_for_the_directory_scripts() {
        for s in [
            "MÜNCHEN",
            "Ærøskøbing",
            "ŁÓDŹ",
            "Ñandú",
            "ŠKODA",
            "ΑΘΗΝΑ",
            "МОСКВА",
            "ЁЛКА",
            "Straße",
            "İzmir",
        ] {
            if s == "İzmir" {
                continue; // Turkish dotted I lowers to two characters in Unicode; kept as is here.
            }
            assert_eq!(fold(s), s.to_lowercase(), "{s}");
        }
        assert_eq!(fold("İzmir"), "İzmir");
    }

    #[test]
    fn folding_into_a_buffer_folds_as_fold_does() {
        let mut out = String::from("Kept ");
        for s in [
            "ADATUM Corp.",
            "München GmbH",
            "",
            "~[]{}@`^_ 0-9",
            "ΑΘΗΝΑ",
            "x",
        ] {
            out.truncate(5);
            fold_into(s, &mut out);
            assert_eq!(out, format!("Kept {}", fold(s)), "{s:?}");
        }
    }

    #[test]
    fn every_latin_1_and_latin_extended_a_letter_folds_as_unicode_does_or_stays() {
        for n in 0x20..0x180u32 {
            let Some(c) = char::from_u32(n) else { continue };
            let ours = fold_char(c).to_string();
            let unicode = c.to_lowercase().to_string();
            assert!(
                ours == unicode || ours == c.to_string(),
                "{c:?}: {ours} vs {unicode}"
            );
        }
    }
}
