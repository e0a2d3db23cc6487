//! Identifiers and deterministic randomness.
//!
//! The domain never reads a global random source: ids come from an [`IdSource`] passed
//! in, so deciding a command is deterministic and a deal created offline keeps its id.

/// Where new UUIDs and eTags come from.
pub trait IdSource {
    /// Sixteen random bytes.
    fn random_bytes(&mut self) -> [u8; 16];

    /// A version 4 UUID in its usual text form.
    fn uuid(&mut self) -> String {
        uuid_v4_from(self.random_bytes())
    }

    /// A fresh eTag for a written record.
    fn etag(&mut self) -> String {
        let b = self.random_bytes();
        let mut s = String::with_capacity(16);
        push_hex(&mut s, &b[..8]);
        s
    }
}

/// Appends `bytes` as lower-case hex (two digits each): ids are made for every record an
/// import or a demo writes, so without `format!`'s allocation per byte.
fn push_hex(out: &mut String, bytes: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
}

/// Formats sixteen bytes as a version 4 (random) UUID.
pub fn uuid_v4_from(mut b: [u8; 16]) -> String {
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let mut s = String::with_capacity(36);
    for (i, part) in [&b[0..4], &b[4..6], &b[6..8], &b[8..10], &b[10..16]]
        .into_iter()
        .enumerate()
    {
        if i > 0 {
            s.push('-');
        }
        push_hex(&mut s, part);
    }
    s
}

/// SplitMix64: a small, fast, seedable generator for demo data and tests.
#[derive(Debug, Clone)]
pub struct SeededIds {
    state: u64,
}

impl SeededIds {
    pub fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

impl IdSource for SeededIds {
    fn random_bytes(&mut self) -> [u8; 16] {
        let a = self.next_u64().to_le_bytes();
        let b = self.next_u64().to_le_bytes();
        let mut out = [0u8; 16];
        out[..8].copy_from_slice(&a);
        out[8..].copy_from_slice(&b);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_version_4_and_distinct() {
        let mut ids = SeededIds::new(7);
        let a = ids.uuid();
        let b = ids.uuid();
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "4", "version nibble");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"), "variant bits");
    }

    /// Part of the stored format: ids and eTags already stored were written so.
    #[test]
    fn uuids_and_etags_are_written_as_lower_case_hex() {
        let bytes: [u8; 16] = std::array::from_fn(|i| i as u8 * 17);
        assert_eq!(uuid_v4_from(bytes), "00112233-4455-4677-8899-aabbccddeeff");
        struct Fixed;
        impl IdSource for Fixed {
            fn random_bytes(&mut self) -> [u8; 16] {
                std::array::from_fn(|i| 0xf0 - i as u8)
            }
        }
        assert_eq!(Fixed.etag(), "f0efeeedecebeae9");
    }

    #[test]
    fn the_same_seed_gives_the_same_sequence() {
        let mut a = SeededIds::new(42);
        let mut b = SeededIds::new(42);
        assert_eq!(a.uuid(), b.uuid());
        assert_eq!(a.etag(), b.etag());
    }
}

/// A UUID-shaped id derived from `parts`: the same parts always give the same id, so a
/// command decides the same outcome wherever it runs (browser today, a server later).
pub fn derive(parts: &[&str]) -> String {
    let hash = |seed: u64| {
        let mut h = seed;
        for part in parts {
            for b in part.bytes().chain([0x1f]) {
                h ^= b as u64;
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        // Spread the bits (FNV alone is weak in the low bytes).
        SeededIds::new(h).next_u64()
    };
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&hash(0xcbf2_9ce4_8422_2325).to_le_bytes());
    bytes[8..].copy_from_slice(&hash(0x6c62_272e_07bb_0142).to_le_bytes());
    uuid_v4_from(bytes)
}

#[cfg(test)]
mod derive_tests {
    use super::derive;

    #[test]
    fn derived_ids_are_stable_and_sensitive_to_every_part() {
        assert_eq!(derive(&["a", "b"]), derive(&["a", "b"]));
        assert_ne!(derive(&["a", "b"]), derive(&["ab"]), "parts are separated");
        assert_ne!(derive(&["a", "b"]), derive(&["a", "c"]));
        assert_eq!(derive(&["x"]).len(), 36);
    }
}
