//! Short words packed into one integer, and a small hash map keyed by them: word-list
//! look-ups that compare integers instead of strings and never allocate.

/// A word of at most 16 bytes as one integer (its bytes, big-endian); `None` when longer
/// or when it starts with a NUL byte (it would pack like the word without it). Distinct
/// words pack to distinct integers, non-zero but for `""`.
pub fn pack(word: &[u8]) -> Option<u128> {
    if word.first() == Some(&0) {
        return None;
    }
    pack_with(word, Some)
}

/// Packs `word` as [`pack`] does after mapping each byte with `map` (`None`: no packing),
/// in two `u64` halves: wasm has no 128-bit integers nor a byte-swap instruction, and
/// copying into a buffer read big-endian cost more than the look-up it served.
#[inline(always)]
fn pack_with(word: &[u8], map: impl Fn(u8) -> Option<u8>) -> Option<u128> {
    if word.len() > 16 {
        return None;
    }
    let (high, low) = word.split_at(word.len().saturating_sub(8));
    let fold = |bytes: &[u8]| {
        bytes
            .iter()
            .try_fold(0u64, |v, &b| Some((v << 8) | u64::from(map(b)?)))
    };
    Some((u128::from(fold(high)?) << 64) | u128::from(fold(low)?))
}

/// `pack(stem + [end])`, from `pack(stem)` and the stem's length.
pub fn push(packed: Option<u128>, len: usize, end: u8) -> Option<u128> {
    packed
        .filter(|_| len < 16)
        .map(|p| (p << 8) | u128::from(end))
}

/// `word` lowercased exactly as `str::to_lowercase` would, then packed; `None` when the
/// result is not ASCII or longer than 16 bytes (no ASCII word list can hold it then).
pub fn pack_lower(word: &str) -> Option<u128> {
    if word.is_ascii() {
        return pack_ascii_lower(word);
    }
    // Rare: a non-ASCII letter may still lowercase to ASCII (the Kelvin sign → `k`).
    let lower = word.to_lowercase();
    if lower.is_ascii() {
        pack(lower.as_bytes())
    } else {
        None
    }
}

/// `word` with ASCII letters lowercased, packed; `None` when `word` is not ASCII or longer
/// than 16 bytes. For lowercase ASCII lists this is exactly `eq_ignore_ascii_case`.
pub fn pack_ascii_lower(word: &str) -> Option<u128> {
    if word.starts_with('\0') {
        return None;
    }
    pack_with(word.as_bytes(), |b| {
        b.is_ascii().then(|| b.to_ascii_lowercase())
    })
}

/// A map from packed words to values: open addressing with linear probing, a quarter full
/// at most, so that a look-up is one multiplication and nearly always one or two integer
/// compares.
#[derive(Debug, Clone)]
pub struct PackedMap<V: Copy> {
    /// `(packed key, value)`; key `0` marks an empty slot.
    slots: Vec<(u128, V)>,
}

impl<V: Copy + Default> PackedMap<V> {
    /// Builds the map; a later pair with the same key replaces the earlier one, and keys
    /// longer than 16 bytes or empty are left out (see [`PackedMap::holds_all`]).
    pub fn new<'a>(pairs: impl IntoIterator<Item = (&'a str, V)>) -> PackedMap<V> {
        let pairs: Vec<(u128, V)> = pairs
            .into_iter()
            .filter_map(|(key, v)| Some((pack(key.as_bytes()).filter(|&p| p != 0)?, v)))
            .collect();
        let size = (pairs.len() * 4).next_power_of_two().max(16);
        let mut map = PackedMap {
            slots: vec![(0, V::default()); size],
        };
        for (p, v) in pairs {
            let mut k = map.home(p);
            while map.slots[k].0 != 0 && map.slots[k].0 != p {
                k = (k + 1) & (size - 1);
            }
            map.slots[k] = (p, v);
        }
        map
    }

    /// True when every word of `list` can be a key (non-empty, at most 16 bytes).
    pub fn holds_all(list: &[&str]) -> bool {
        list.iter().all(|w| !w.is_empty() && w.len() <= 16)
    }

    fn home(&self, p: u128) -> usize {
        let h = ((p as u64) ^ ((p >> 64) as u64)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> 32) as usize & (self.slots.len() - 1)
    }

    /// The value of packed key `p`, if any.
    pub fn get(&self, p: Option<u128>) -> Option<V> {
        let p = p.filter(|&p| p != 0)?;
        let mut k = self.home(p);
        loop {
            let &(q, v) = self.slots.get(k)?;
            if q == p {
                return Some(v);
            }
            if q == 0 {
                return None;
            }
            k = (k + 1) & (self.slots.len() - 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The packing as first written: the bytes right-aligned in 16, read big-endian.
    fn reference(word: &[u8]) -> Option<u128> {
        if word.first() == Some(&0) {
            return None;
        }
        let mut buf = [0u8; 16];
        buf.get_mut(16usize.checked_sub(word.len())?..)?
            .copy_from_slice(word);
        Some(u128::from_be_bytes(buf))
    }

    #[test]
    fn packing_in_halves_gives_the_big_endian_integer() {
        let mut words: Vec<Vec<u8>> = vec![vec![], vec![0], b"a\0".to_vec(), vec![0xff; 16]];
        // Every length from 0 to 18, with bytes across the range (ASCII and not).
        let mut x: u32 = 12345;
        for len in 0..=18 {
            for _ in 0..20 {
                let w: Vec<u8> = (0..len)
                    .map(|_| {
                        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                        (x >> 16) as u8
                    })
                    .collect();
                words.push(w);
            }
        }
        for w in &words {
            assert_eq!(pack(w), reference(w), "{w:?}");
            if let Ok(s) = std::str::from_utf8(w) {
                let want = if s.is_ascii() {
                    reference(s.to_ascii_lowercase().as_bytes())
                } else {
                    None
                };
                assert_eq!(pack_ascii_lower(s), want, "{s:?}");
            }
        }
        for s in [
            "Hello",
            "SAID",
            "abcdefghIJKLMNOP",
            "abcdefghIJKLMNOPq",
            "a",
            "",
        ] {
            assert_eq!(
                pack_ascii_lower(s),
                reference(s.to_ascii_lowercase().as_bytes())
            );
        }
    }

    #[test]
    fn finds_exactly_the_keys() {
        let map = PackedMap::new([("he", 1u8), ("she", 2), ("abcdefghijklmnop", 3), ("", 4)]);
        assert_eq!(map.get(pack(b"he")), Some(1));
        assert_eq!(map.get(pack_lower("SHE")), Some(2));
        assert_eq!(map.get(pack(b"abcdefghijklmnop")), Some(3));
        assert_eq!(map.get(pack(b"")), None);
        assert_eq!(map.get(pack(b"h")), None);
        assert_eq!(map.get(pack(b"hex")), None);
        assert_eq!(map.get(push(pack(b"sh"), 2, b'e')), Some(2));
        assert_eq!(pack_lower("\u{212A}ing"), pack(b"king"));
        assert_eq!(pack_lower("\u{C9}mile"), None);
        assert_eq!(pack_ascii_lower("SaiD-2"), pack(b"said-2"));
        assert_eq!(pack_ascii_lower("\u{212A}ing"), None);
        assert_eq!(pack(b"abc"), Some(0x61_62_63));
        assert_eq!(map.get(pack(b"\0he")), None);
        assert_eq!(map.get(pack_ascii_lower("\0HE")), None);
        assert_eq!(map.get(pack_lower("\0\u{212A}")), None);
    }
}
