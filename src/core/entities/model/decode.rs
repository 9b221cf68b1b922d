//! Viterbi decoding of one sentence under the BILOU constraints.

use super::tags::{allowed, may_end, may_start, N_TAGS};

/// The best tag sequence for `scores` (one row of [`N_TAGS`] scores per token) and the
/// transition scores `trans[prev * N_TAGS + next]`. Only BILOU-valid sequences are
/// considered; an empty input gives an empty output.
pub fn viterbi(scores: &[[f32; N_TAGS]], trans: &[f32]) -> Vec<u8> {
    let n = scores.len();
    if n == 0 || trans.len() < N_TAGS * N_TAGS {
        return Vec::new();
    }
    const NEG: f32 = f32::NEG_INFINITY;
    // Forbidden transitions become -inf once, so the inner loop is a plain max.
    let mut masked = [NEG; N_TAGS * N_TAGS];
    for prev in 0..N_TAGS {
        for next in 0..N_TAGS {
            if allowed(prev as u8, next as u8) {
                masked[prev * N_TAGS + next] = trans[prev * N_TAGS + next];
            }
        }
    }
    let mut best = vec![[NEG; N_TAGS]; n];
    let mut back = vec![[0u8; N_TAGS]; n];
    for (t, (b, &s)) in best[0].iter_mut().zip(&scores[0]).enumerate() {
        if may_start(t as u8) {
            *b = s;
        }
    }
    for i in 1..n {
        let prev_row = best[i - 1];
        for next in 0..N_TAGS {
            let mut arg = 0u8;
            let mut top = NEG;
            for (prev, &p) in prev_row.iter().enumerate() {
                let s = p + masked[prev * N_TAGS + next];
                if s > top {
                    top = s;
                    arg = prev as u8;
                }
            }
            if top > NEG {
                best[i][next] = top + scores[i][next];
                back[i][next] = arg;
            }
        }
    }
    let mut last = 0u8;
    let mut top = NEG;
    for (t, &b) in best[n - 1].iter().enumerate() {
        if may_end(t as u8) && b > top {
            top = b;
            last = t as u8;
        }
    }
    let mut out = vec![0u8; n];
    out[n - 1] = last;
    for i in (1..n).rev() {
        out[i - 1] = back[i][out[i] as usize];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tags::{tag, Part, O};
    use super::*;

    #[test]
    fn viterbi_repairs_an_invalid_greedy_choice() {
        // Greedy would pick I-PER for the first token, which cannot start a sentence.
        let mut a = [0f32; N_TAGS];
        a[tag(Part::Inside, 0) as usize] = 10.0;
        a[tag(Part::Begin, 0) as usize] = 8.0;
        let mut b = [0f32; N_TAGS];
        b[tag(Part::Last, 0) as usize] = 5.0;
        let trans = vec![0f32; N_TAGS * N_TAGS];
        assert_eq!(
            viterbi(&[a, b], &trans),
            vec![tag(Part::Begin, 0), tag(Part::Last, 0)]
        );
        assert_eq!(viterbi(&[[0.0; N_TAGS]], &trans), vec![O]);
        assert!(viterbi(&[], &trans).is_empty());
    }
}
