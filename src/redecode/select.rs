//! Which candidates are applied: the best set of non-overlapping repairs, and the
//! pages that explain a line (the dominant pages, the pages that support a repair,
//! the pages of its deeper layers).

use super::*;

/// Picks the non-overlapping candidates to apply: first those that pass [`ACCEPT`] on
/// their own, then those a page already accepted on this line supports. Returns them
/// in line order, with all candidates sorted by gain.
pub(super) fn select(mut candidates: Vec<Candidate>) -> (Vec<Candidate>, Vec<Candidate>) {
    candidates.sort_by(|a, b| b.gain.total_cmp(&a.gain));
    let words = words_per_page(&candidates);
    let strong = candidates
        .iter()
        .filter(|c| c.gain + shared_prior(c, &words) >= ACCEPT - EPSILON);
    let mut accepted = best_schedule(strong, &[]);
    let supporting = supporting_pages(&candidates, &accepted);
    let supported = candidates.iter().filter(|c| {
        c.gain + c.space_loss >= ACCEPT_SUPPORTED - EPSILON && supporting & c.first_page.bit() != 0
    });
    let more = best_schedule(supported, &accepted);
    accepted.extend(more);
    accepted.sort_by_key(|c| c.start);
    (accepted, candidates)
}

/// For each page, how many different words of the line it repairs well enough to
/// pass [`ACCEPT`] but for its prior: the words that share the prior in
/// [`shared_prior`]. A word repeated in the line counts once (its repair is the
/// same text), as it does towards the line's language.
pub(super) fn words_per_page(candidates: &[Candidate]) -> [u16; crate::codec::PAGE_COUNT] {
    let mut counts = [0u16; crate::codec::PAGE_COUNT];
    for page in CodePage::ALL {
        let mut seen: SmallVec<[&[char]; 4]> = SmallVec::new();
        for c in candidates
            .iter()
            .filter(|c| c.first_page == page && passes_but_for_its_prior(c))
        {
            if !seen.contains(&c.replacement.as_slice()) {
                seen.push(&c.replacement);
            }
        }
        counts[page as usize] = u16::try_from(seen.len()).unwrap_or(u16::MAX);
    }
    counts
}

/// Whether `c` would pass [`ACCEPT`] through a page without a prior.
fn passes_but_for_its_prior(c: &Candidate) -> bool {
    c.prior > 0.0 && c.gain.is_finite() && c.gain + c.prior >= ACCEPT - EPSILON
}

/// The part of `c`'s prior that the other words of its line repaired through the
/// same page pay for it: a page's prior is the doubt that a line went through a rarer
/// page at all, which a line pays once, not once per word (as [`page_scores`] counts
/// it). With `k` such words each pays a `k`-th of it, so two words through Mac Roman
/// that each gain 1.5 before its prior of 0.6 ("5√ó4 m¬≤" for "5×4 m²", which ftfy
/// repairs too) pass together where neither passes alone.
pub(super) fn shared_prior(c: &Candidate, words: &[u16; crate::codec::PAGE_COUNT]) -> f32 {
    let k = words[c.first_page as usize];
    if k < 2 || !passes_but_for_its_prior(c) {
        return 0.0;
    }
    c.prior * f32::from(k - 1) / f32::from(k)
}

/// The set of non-overlapping candidates, none overlapping `blocked`, with the largest
/// total gain (weighted interval scheduling). Choosing greedily by gain would let one
/// candidate that joins two words through a lost space beat the two better repairs
/// of those words.
pub(super) fn best_schedule<'c>(
    candidates: impl Iterator<Item = &'c Candidate>,
    blocked: &[Candidate],
) -> Vec<Candidate> {
    let blocked = Ranges::of(blocked);
    let mut pool: Vec<&Candidate> = candidates
        .filter(|c| c.gain.is_finite() && blocked.overlapping(c.start, c.end).next().is_none())
        .collect();
    pool.sort_by_key(|c| (c.end, c.start));
    // best[i]: the best total using the first i candidates, and where it came from.
    let mut best: Vec<(f32, Option<usize>)> = vec![(0.0, None); pool.len() + 1];
    for (i, c) in pool.iter().enumerate() {
        let previous = pool[..i].partition_point(|p| p.end <= c.start);
        // Every candidate counts at least a little, so that weak supported repairs
        // (gain near zero) are still taken when nothing competes with them.
        let with = best[previous].0 + c.gain.max(0.0) + SCHEDULE_PRESENCE;
        best[i + 1] = if with > best[i].0 {
            (with, Some(i))
        } else {
            (best[i].0, None)
        };
    }
    let mut chosen = Vec::new();
    let mut i = pool.len();
    while i > 0 {
        match best[i].1 {
            Some(index) => {
                let c = pool[index];
                chosen.push(c.clone());
                i = pool[..index].partition_point(|p| p.end <= c.start);
            }
            None => i -= 1,
        }
    }
    chosen
}

/// The line with the candidates applied, and for each of its characters the position
/// in `chars` it came from (a repaired word's characters all come from its start).
pub(super) fn apply(chars: &[char], accepted: &[Candidate]) -> (Vec<char>, Vec<usize>) {
    let mut out = Vec::with_capacity(chars.len());
    let mut origin = Vec::with_capacity(chars.len());
    let mut pos = 0;
    for c in accepted {
        out.extend_from_slice(&chars[pos..c.start]);
        origin.extend(pos..c.start);
        out.extend_from_slice(&c.replacement);
        origin.extend(std::iter::repeat_n(c.start, c.replacement.len()));
        pos = c.end;
    }
    out.extend_from_slice(&chars[pos..]);
    origin.extend(pos..chars.len());
    (out, origin)
}

/// Vietnamese writes letters no other language uses: horn vowels, đ, and the
/// precomposed tone marks of Latin Extended Additional.
pub(super) fn is_vietnamese(chars: &[char]) -> bool {
    chars.iter().any(|&c| {
        matches!(
            c,
            'ơ' | 'Ơ' | 'ư' | 'Ư' | 'đ' | 'Đ' | '\u{1EA0}'..='\u{1EF9}'
        )
    })
}

/// Pages that explain an accepted repair as well as the page that made it: every page
/// whose candidate for the same word gives the same text.
pub(super) fn supporting_pages(candidates: &[Candidate], accepted: &[Candidate]) -> PageMask {
    let mut mask = 0;
    let ranges = Ranges::of(candidates);
    for a in accepted {
        for c in ranges.overlapping(a.start, a.end).map(|i| &candidates[i]) {
            if c.start == a.start && c.end == a.end && c.replacement == a.replacement {
                mask |= c.first_page.bit();
            }
        }
    }
    mask
}

/// The pages that best explain the line's accepted repairs: for each page, the sum of
/// the gains of its own candidates for the accepted words; the best sum wins. A page
/// that explains every garbled word of the line well beats one that explains some of
/// them better and others worse (ISO-8859-2 against windows-1250, ISO-8859-15
/// against windows-1252).
///
/// `scores` are [`page_scores`].
pub(super) fn dominant_pages(scores: &[f32; crate::codec::PAGE_COUNT]) -> PageMask {
    let top = scores.iter().copied().fold(0f32, f32::max);
    let tie = DOMINANCE_TIE.max(top * DOMINANCE_TIE_SHARE);
    CodePage::ALL
        .iter()
        .filter(|p| top > 0.0 && scores[**p as usize] >= top - tie)
        .fold(0, |mask, p| mask | p.bit())
}

/// The share of an accepted repair's gain that another page's reading of the same
/// word must reach to count as an explanation of it in [`page_scores`]. Sister pages
/// read a word nearly as well (within a point or two of gains of 3 to 25); a reading
/// that leaves most of the mess is no explanation, however much it gains on a word
/// that costs a lot: in a Hindi line, windows-1250 over Mac Roman read "‡§Ö‡§≤‡§ó"
/// ("अलग", gain 12.1) as "‡§և§≤ग" (gain 1.45), and those 1.45 made windows-1250 the
/// line's page, so ISO-8859-2's "साल" became "सञल" (bench mojibake line 87,855, since
/// Armenian letters cost 0.3). Calibrated on the gates: a quarter repairs that line
/// and another Hindi one ("सलाह") and changes nothing else; a half also drops
/// readings that do explain their word (a synthetic ISO-8859-15 "Â€" read as "€",
/// not "¤", and Czech "letoška" read as "letoťka" in the bench corpus).
const EXPLAINED_SHARE: f32 = 0.25;

/// How well each page explains the line's accepted repairs (see [`dominant_pages`]).
pub(super) fn page_scores(
    candidates: &[Candidate],
    accepted: &[Candidate],
) -> [f32; crate::codec::PAGE_COUNT] {
    let mut scores = [0f32; crate::codec::PAGE_COUNT];
    let ranges = Ranges::of(candidates);
    let accepted_ranges = Ranges::of(accepted);
    for a in accepted {
        let mut best = [0f32; crate::codec::PAGE_COUNT];
        for c in ranges
            .overlapping(a.start, a.end)
            .map(|i| &candidates[i])
            .filter(|c| c.gain >= EXPLAINED_SHARE * a.gain)
        {
            // The prior is charged once per line below, not once per word: a line
            // with several words through a rarer page is evidence for that page.
            // A candidate that spans several accepted words (joined through lost
            // no-break spaces) explains them once, not once each: its share goes to
            // each ("╤Г (╤Г ╤Г.", IBM866 for "у (у у.", was read as windows-1251
            // because one poor reading of the whole line counted three times).
            let words = accepted_ranges.overlapping(c.start, c.end).count().max(1);
            let explained = (c.gain + c.space_loss + c.first_page.prior()) / words as f32;
            let slot = &mut best[c.first_page as usize];
            *slot = slot.max(explained);
        }
        for (score, b) in scores.iter_mut().zip(best) {
            *score += b;
        }
    }
    for page in CodePage::ALL {
        scores[page as usize] -= page.prior();
    }
    scores
}

/// The pages of the deeper layers of the line's layered repairs accepted through one
/// of the `dominant` pages: a line garbled twice was garbled twice throughout, so its
/// short words ("Рѕ" for "о") deserve the same second layer as its long ones.
///
/// Only the words whose deeper layer no other page reads differently nearly as well
/// have a say (not "ТОК", which ISO-8859-2 reads "Той" beneath the same Mac Roman
/// layer). Each gives one vote, split among the pages that explain its deeper layer
/// ([`deeper_layer_support`]): sister pages read most words alike and share those
/// votes, so the page that alone explains the words the other reads worse
/// ("забрави", "ключовете" through ISO-8859-2) has the most, and the contested word
/// is read through it too. Pages that share the most votes are all the line's; then
/// the cost model tells their readings of a contested word apart ("Žiline", not
/// IBM437's "śiline", beside words IBM437 and IBM850 read alike). When every layered
/// word is contested, the pages all their chains went through are the line's (none
/// when they differ).
pub(super) fn inner_layer_pages(accepted: &[Candidate], dominant: PageMask) -> PageMask {
    let mut votes = [0f32; crate::codec::PAGE_COUNT];
    // What the chains of every layered repair went through, for a line whose layered
    // words are all contested.
    let mut agreed: Option<PageMask> = None;
    for a in accepted
        .iter()
        .filter(|a| dominant & a.first_page.bit() != 0)
    {
        let support = deeper_layer_support(a);
        if support == 0 {
            continue;
        }
        let went_through = chain_pages(&a.chain[..a.chain.len() - 1]);
        agreed = Some(agreed.map_or(went_through, |mask| mask & went_through));
        if a.contested_layer {
            continue;
        }
        let share = 1.0 / support.count_ones() as f32;
        for page in CodePage::ALL {
            if support & page.bit() != 0 {
                votes[page as usize] += share;
            }
        }
    }
    let most = votes.iter().copied().fold(0f32, f32::max);
    if most == 0.0 {
        return agreed.unwrap_or(0);
    }
    CodePage::ALL
        .into_iter()
        .filter(|p| votes[*p as usize] >= most - EPSILON)
        .fold(0, |mask, p| mask | p.bit())
}

/// The pages of the re-decoding steps of `chain`.
fn chain_pages(chain: &[Step]) -> PageMask {
    chain
        .iter()
        .filter_map(|step| match step {
            Step::Redecode { page, .. } => Some(page.bit()),
            _ => None,
        })
        .fold(0, |mask, bit| mask | bit)
}

/// The pages that explain the deeper layers of `a` (its chain is earliest damage
/// first; the last step is the first page): the pages of those layers, and, when there
/// is one deeper layer, every page that reads the UTF-8 of the repaired text exactly
/// as that layer's page does. Empty for a repair of one layer.
fn deeper_layer_support(a: &Candidate) -> PageMask {
    let deeper = &a.chain[..a.chain.len().saturating_sub(1)];
    let mut support = chain_pages(deeper);
    if let [Step::Redecode { page, .. }] = deeper {
        let text: String = a.replacement.iter().collect();
        for other in CodePage::ALL {
            let alike = text
                .bytes()
                .all(|b| b < 0x80 || other.decode_byte(b) == page.decode_byte(b));
            if alike {
                support |= other.bit();
            }
        }
    }
    support
}

/// Whether a page outside `dominant` reads one of the accepted words differently and
/// nearly as well (within [`CLOSE_READING`]).
pub(super) fn pages_disagree(
    candidates: &[Candidate],
    accepted: &[Candidate],
    dominant: PageMask,
) -> bool {
    let ranges = Ranges::of(accepted);
    candidates.iter().any(|c| {
        dominant & c.first_page.bit() == 0
            && c.gain > 0.0
            && ranges.overlapping(c.start, c.end).any(|i| {
                let a = &accepted[i];
                c.gain + c.first_page.prior() >= a.gain - CLOSE_READING
                    && a.replacement != c.replacement
            })
    })
}

/// Character ranges indexed by start, so that the ones overlapping a range are found
/// without looking at all of them: a line with thousands of garbled words has
/// thousands of candidates, and comparing each with each was quadratic.
pub(super) struct Ranges {
    /// (start, end, index in the indexed slice), sorted by start.
    pub(super) sorted: Vec<(usize, usize, usize)>,
    pub(super) longest: usize,
}

impl Ranges {
    pub(super) fn new(ranges: impl Iterator<Item = (usize, usize)>) -> Ranges {
        let mut sorted: Vec<(usize, usize, usize)> = ranges
            .enumerate()
            .map(|(i, (start, end))| (start, end, i))
            .collect();
        sorted.sort_unstable();
        let longest = sorted.iter().map(|&(s, e, _)| e - s).max().unwrap_or(0);
        Ranges { sorted, longest }
    }

    pub(super) fn of(candidates: &[Candidate]) -> Ranges {
        Ranges::new(candidates.iter().map(|c| (c.start, c.end)))
    }

    /// Indices of the ranges that share a character with `start..end`.
    pub(super) fn overlapping(&self, start: usize, end: usize) -> impl Iterator<Item = usize> + '_ {
        // A range that overlaps starts after `start - longest`.
        let from = self
            .sorted
            .partition_point(|&(s, _, _)| s + self.longest <= start);
        self.sorted[from..]
            .iter()
            .take_while(move |&&(s, _, _)| s < end)
            .filter(move |&&(_, e, _)| start < e)
            .map(|&(_, _, i)| i)
    }
}

#[cfg(test)]
mod tests {
    use crate::redecode::tests::fix;

    #[test]
    fn words_through_one_rarer_page_share_its_prior() {
        // Mac Roman round trip of "5×4 m²": each word gains 1.5 before the prior of
        // 0.6, so neither passes alone; the line pays the prior once (ftfy repairs it).
        assert_eq!(fix("5√ó4 m¬≤"), "5×4 m²");
        assert_eq!(fix("Area: 5√ó4 m¬≤?"), "Area: 5×4 m²?");
        // One such word alone still pays the whole prior, and a repeated word is one
        // word.
        assert_eq!(fix("m¬≤"), "m¬≤");
        assert_eq!(fix("m¬≤ m¬≤"), "m¬≤ m¬≤");
    }
}
