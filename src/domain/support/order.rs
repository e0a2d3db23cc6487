//! One stable sort for the whole app.
//!
//! `slice::sort_by` is instantiated anew for every element type and comparator (about 4 KB
//! of wasm each). Here the sort itself runs once, on indices, with the comparison behind a
//! `dyn`; each caller adds only the small permutation step.

use std::cmp::Ordering;

/// Sorts `items` stably by `cmp`, like `slice::sort_by`.
pub fn sort_by<T>(items: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let mut order: Vec<u32> = (0..items.len() as u32).collect();
    {
        let items: &[T] = items;
        sort_indices(&mut order, &|a, b| {
            cmp(&items[a as usize], &items[b as usize])
        });
    }
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.iter().filter_map(|&i| slots[i as usize].take()));
}

fn sort_indices(order: &mut [u32], cmp: &dyn Fn(u32, u32) -> Ordering) {
    order.sort_by(|a, b| cmp(*a, *b));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_like_the_standard_library() {
        let mut items = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        let mut expected = items.clone();
        expected.sort_by_key(|a| a.0);
        sort_by(&mut items, |a, b| a.0.cmp(&b.0));
        assert_eq!(items, expected);
        assert_eq!(
            items,
            vec![(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]
        );
    }

    #[test]
    fn keeps_every_element_of_a_reversed_list() {
        let mut items: Vec<String> = (0..500).rev().map(|i| format!("{i:04}")).collect();
        sort_by(&mut items, |a, b| a.cmp(b));
        assert_eq!(items.len(), 500);
        assert!(items.windows(2).all(|w| w[0] < w[1]));
    }
}
