//! One stable sort for the crate's element types.
//!
//! Every call of the standard library's sorts with its own element type or key closure
//! compiles to its own copy of the algorithm, 3–8 KB of wasm each, and V8 compiles each
//! copy a page's first `annotate()` and `highlight()` reach (six of them, 29 KB, on the
//! demo's first highlight). [`by_key`] sorts `(key, position)` pairs instead, with the one
//! copy of `sort_unstable` that type needs, and then moves the elements into that order.

/// Sorts `v` by `key`, stably (equal keys keep their order).
pub fn by_key<T>(v: &mut Vec<T>, key: impl Fn(&T) -> u64) {
    let mut order: Vec<(u64, u64)> = v
        .iter()
        .enumerate()
        .map(|(i, x)| (key(x), i as u64))
        .collect();
    order.sort_unstable();
    // Often already in order (mentions are found in text order): nothing to move.
    if order.iter().enumerate().all(|(k, &(_, i))| i == k as u64) {
        return;
    }
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(
        order
            .iter()
            .filter_map(|&(_, i)| slots.get_mut(i as usize).and_then(Option::take)),
    );
}

/// A key that orders by `start`, then longest first (by `end`, descending), for offsets
/// below 2^32 (texts are at most 16 MiB).
pub fn start_then_longest(start: usize, end: usize) -> u64 {
    let (start, end) = (start.min(u32::MAX as usize), end.min(u32::MAX as usize));
    ((start as u64) << 32) | (u64::from(u32::MAX) - end as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        // Pseudo-random (start, end, tag) triples with many equal keys.
        let mut x = 0x2545_f491u32;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x
        };
        for n in [0, 1, 2, 7, 100, 1000] {
            let items: Vec<(usize, usize, u32)> = (0..n)
                .map(|k| {
                    let start = (next() % 50) as usize;
                    (start, start + (next() % 5) as usize, k)
                })
                .collect();
            let mut ours = items.clone();
            by_key(&mut ours, |&(s, e, _)| start_then_longest(s, e));
            let mut want = items.clone();
            want.sort_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
            assert_eq!(ours, want, "n = {n}");
            let mut ours = items.clone();
            by_key(&mut ours, |&(s, _, _)| s as u64);
            let mut want = items;
            want.sort_by_key(|&(s, _, _)| s);
            assert_eq!(ours, want, "n = {n}");
        }
    }

    #[test]
    fn start_then_longest_orders_starts_then_ends_descending() {
        assert!(start_then_longest(1, 9) < start_then_longest(2, 3));
        assert!(start_then_longest(2, 9) < start_then_longest(2, 3));
        assert!(start_then_longest(0, usize::MAX) <= start_then_longest(0, 0));
    }
}
