//! Reads a decimal number as the nearest `f64`, without the standard library's float parser.
//!
//! Why: `str::parse::<f64>` brings a table of 1,302 128-bit powers of five and the
//! Eisel-Lemire machinery into the wasm: 13 KB of the first load's brotli (measured by
//! reading every number as nothing). The numbers the app reads are mostly short (deal
//! values, exchange rates), and those are exact with one IEEE multiplication or division
//! (Clinger's fast path). Any other number (17 significant digits, as JSON writers print
//! some values, or extreme exponents) starts from a close guess and is settled by comparing
//! it exactly, in big integers, with the midpoints to its neighbours: slow, rare, and
//! correctly rounded (ties to even), as `str::parse` is; the tests hold the two to the same
//! bits.

use std::cmp::Ordering;

/// The `f64` nearest to `text`, a number in JSON's grammar (`-12.5e3`; the caller checked
/// it), or `None` when it is beyond `f64`'s range (it would round to infinity).
pub fn parse_f64(text: &str) -> Option<f64> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let value = parse_unsigned(rest)?;
    Some(if negative { -value } else { value })
}

/// Most significant digits kept: more cannot change the nearest `f64` of a number written
/// by a program, and a longer text is still read (its tail counted in the exponent, and
/// whether it was zero).
const MAX_DIGITS: usize = 800;

fn parse_unsigned(text: &str) -> Option<f64> {
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], &text[at + 1..]),
        None => (text, ""),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    // The significant digits (leading zeros dropped) and the power of ten they are scaled by.
    let mut digits: Vec<u8> = Vec::new();
    let mut scale: i64 = 0;
    let mut inexact_tail = false;
    for (i, b) in whole.bytes().chain(fraction.bytes()).enumerate() {
        let d = b.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        if i >= whole.len() {
            scale -= 1;
        }
        if digits.is_empty() && d == 0 {
            continue;
        }
        if digits.len() < MAX_DIGITS {
            digits.push(d);
        } else {
            scale += 1;
            inexact_tail |= d != 0;
        }
    }
    if inexact_tail {
        // A digit beyond the kept ones only breaks a tie: one more nonzero digit does too.
        digits.push(1);
        scale -= 1;
    }
    while digits.last() == Some(&0) {
        digits.pop();
        scale += 1;
    }
    if digits.is_empty() {
        return Some(0.0);
    }
    scale += exponent_of(exponent)?;
    // The number is below 10^magnitude and at least a tenth of it.
    let magnitude = digits.len() as i64 + scale;
    if magnitude > 310 {
        return None;
    }
    if magnitude < -330 {
        return Some(0.0);
    }
    let scale = scale as i32;
    if digits.len() <= 15 && (-22..=22).contains(&scale) {
        // Clinger's fast path: both operands are exact, so one operation rounds once.
        let m = digits.iter().fold(0u64, |m, &d| m * 10 + u64::from(d)) as f64;
        let power = exact_power_of_ten(scale.unsigned_abs());
        return Some(if scale < 0 { m / power } else { m * power });
    }
    settle(&digits, scale)
}

/// The exponent's value, saturated far beyond any `f64` (the range checks above decide).
fn exponent_of(text: &str) -> Option<i64> {
    if text.is_empty() {
        return Some(0);
    }
    let (negative, digits) = match text.as_bytes()[0] {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let mut value: i64 = 0;
    for b in digits.bytes() {
        let d = b.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        value = (value * 10 + i64::from(d)).min(1_000_000);
    }
    Some(if negative { -value } else { value })
}

/// 10^n for n ≤ 22, exactly (each product is a whole number below 2^53 · 2^k).
fn exact_power_of_ten(n: u32) -> f64 {
    (0..n).fold(1.0, |p, _| p * 10.0)
}

/// The nearest `f64` to `digits` · 10^scale, found from a guess within a few units in the
/// last place by stepping to the neighbour while the number lies beyond a midpoint.
fn settle(digits: &[u8], scale: i32) -> Option<f64> {
    let lead = digits.len().min(19);
    let first = digits[..lead]
        .iter()
        .fold(0u64, |m, &d| m * 10 + u64::from(d));
    let rest = scale + (digits.len() - lead) as i32;
    // In two halves, so neither power overflows or underflows on its own.
    let half = rest / 2;
    let guess = first as f64 * 10f64.powi(half) * 10f64.powi(rest - half);
    nearest(&Big::from_digits(digits), scale, guess)
}

/// The nearest `f64` to `number` · 10^scale, stepping from `start` one unit in the last
/// place at a time.
fn nearest(number: &Big, scale: i32, start: f64) -> Option<f64> {
    let mut x = if start.is_infinite() { f64::MAX } else { start };
    // Each step moves one unit towards the number, never back; the guess is within a few
    // dozen units, so the bound only guards against a mistake turning into a hang.
    for _ in 0..10_000 {
        if x == 0.0 {
            // Zero's upper midpoint is half the smallest subnormal; a tie goes to zero (even).
            match compare(number, scale, 1, -1075) {
                Ordering::Greater => x = f64::from_bits(1),
                _ => return Some(0.0),
            }
            continue;
        }
        let (f, k) = parts(x);
        let above = compare(number, scale, 2 * f + 1, k - 1);
        if above == Ordering::Greater || (above == Ordering::Equal && f % 2 == 1) {
            x = f64::from_bits(x.to_bits() + 1);
            if x.is_infinite() {
                return None;
            }
            continue;
        }
        // Just above a power of two the neighbour below is half as far.
        let below = match f == 1 << 52 && k > -1074 {
            true => compare(number, scale, 4 * f - 1, k - 2),
            false => compare(number, scale, 2 * f - 1, k - 1),
        };
        if below == Ordering::Less || (below == Ordering::Equal && f % 2 == 1) {
            x = f64::from_bits(x.to_bits() - 1);
            continue;
        }
        return Some(x);
    }
    Some(x)
}

/// `x` (positive, finite) as f · 2^k with a whole f.
fn parts(x: f64) -> (u64, i32) {
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    match exponent {
        0 => (fraction, -1074),
        _ => (fraction | 1 << 52, exponent - 1075),
    }
}

/// `number` · 10^scale against `m` · 2^k, exactly.
fn compare(number: &Big, scale: i32, m: u64, k: i32) -> Ordering {
    let mut left = number.clone();
    let mut right = Big::from_u64(m);
    match scale < 0 {
        true => right.times_power_of_ten(scale.unsigned_abs()),
        false => left.times_power_of_ten(scale.unsigned_abs()),
    }
    match k < 0 {
        true => left.shift_left(k.unsigned_abs()),
        false => right.shift_left(k.unsigned_abs()),
    }
    left.cmp(&right)
}

/// A whole number in 32-bit limbs, least significant first, without leading zero limbs.
#[derive(Clone, PartialEq, Eq)]
struct Big(Vec<u32>);

impl Big {
    fn from_u64(value: u64) -> Self {
        let mut big = Big(vec![value as u32, (value >> 32) as u32]);
        big.trim();
        big
    }

    fn from_digits(digits: &[u8]) -> Self {
        let mut big = Big(Vec::new());
        for chunk in digits.chunks(9) {
            let value = chunk.iter().fold(0u32, |v, &d| v * 10 + u32::from(d));
            big.times_add(10u32.pow(chunk.len() as u32), value);
        }
        big
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    /// self · factor + add.
    fn times_add(&mut self, factor: u32, add: u32) {
        let mut carry = u64::from(add);
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(factor) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
        self.trim();
    }

    fn times_power_of_ten(&mut self, mut n: u32) {
        while n >= 9 {
            self.times_add(1_000_000_000, 0);
            n -= 9;
        }
        self.times_add(10u32.pow(n), 0);
    }

    fn shift_left(&mut self, bits: u32) {
        if self.0.is_empty() {
            return;
        }
        let (limbs, bits) = ((bits / 32) as usize, bits % 32);
        if bits > 0 {
            let mut carry = 0;
            for limb in &mut self.0 {
                let v = (u64::from(*limb) << bits) | carry;
                *limb = v as u32;
                carry = v >> 32;
            }
            if carry > 0 {
                self.0.push(carry as u32);
            }
        }
        self.0.splice(0..0, std::iter::repeat_n(0, limbs));
    }
}

impl PartialOrd for Big {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Big {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What the standard library's parser makes of `text`, as `parse_f64` answers.
    fn std(text: &str) -> Option<f64> {
        text.parse::<f64>().ok().filter(|v| v.is_finite())
    }

    fn same(text: &str) {
        let mine = parse_f64(text).map(f64::to_bits);
        assert_eq!(mine, std(text).map(f64::to_bits), "{text}");
    }

    #[test]
    fn hard_cases_round_as_the_standard_library_does() {
        for text in [
            "0",
            "-0",
            "0.0e5",
            "1",
            "125000",
            "99.5",
            "0.1",
            "0.3",
            "0.30000000000000004",
            "1.0873",
            "-2.25",
            "1e22",
            "1e23",
            "9007199254740992",
            "9007199254740993",
            "9007199254740995",
            "123456789012345678901234567890",
            "1.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000011102230246251565404236316680908203124",
            "1.00000000000000011102230246251565404236316680908203126",
            "2.2250738585072011e-308",
            "2.2250738585072012e-308",
            "2.2250738585072014e-308",
            "4.9406564584124654e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "1e-400",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "1e309",
            "1e1000000000000",
            "1e-1000000000000",
            "7.2057594037927933e16",
            "5e-324",
            "3e-324",
            "1.5e-323",
            "0.000000000000000000000000000000000000001",
            "8.98846567431158e307",
            "4.4501477170144023e-308",
        ] {
            same(text);
        }
        let long = format!("1.{}1", "0".repeat(900));
        same(&long);
        let long_tie = format!("9007199254740993{}", "0".repeat(900));
        same(&long_tie);
        same(&format!("{long_tie}1e-900"));
    }

    /// `m` · 2^k as a number and a scale of ten.
    fn dyadic(m: u64, k: i32) -> (Big, i32) {
        let mut number = Big::from_u64(m);
        if k >= 0 {
            number.shift_left(k as u32);
            return (number, 0);
        }
        for _ in 0..-k {
            number.times_add(5, 0);
        }
        (number, k)
    }

    #[test]
    fn below_a_power_of_two_the_neighbour_is_half_as_far() {
        for e in [0, -1, 52, 53, 200, -1000, 1000, 1023, -1021] {
            let power = 2f64.powi(e);
            let neighbour = f64::from_bits(power.to_bits() - 1);
            // Between the neighbour below and the midpoint: rounds down.
            let (number, scale) = dyadic((1 << 55) - 3, e - 55);
            for start in [power, neighbour, f64::from_bits(power.to_bits() + 3)] {
                assert_eq!(nearest(&number, scale, start), Some(neighbour), "2^{e}");
            }
            // The midpoint itself: a tie, to the even one, the power.
            let (number, scale) = dyadic((1 << 54) - 1, e - 54);
            assert_eq!(nearest(&number, scale, neighbour), Some(power), "2^{e}");
            // Above the power, the usual midpoint.
            let above = f64::from_bits(power.to_bits() + 1);
            let (number, scale) = dyadic((1 << 53) + 1, e - 53);
            assert_eq!(nearest(&number, scale, above), Some(power), "2^{e}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 20_000, failure_persistence: None, ..ProptestConfig::default() })]

        /// Every finite double, as JSON writers print it (shortest) and with more digits.
        #[test]
        fn every_double_reads_back_the_same(bits in any::<u64>(), precision in 0usize..25) {
            let x = f64::from_bits(bits);
            prop_assume!(x.is_finite());
            let shortest = zmij::Buffer::new().format_finite(x).to_string();
            prop_assert_eq!(parse_f64(&shortest).map(f64::to_bits), Some(bits), "{}", shortest);
            let longer = format!("{x:.precision$e}");
            prop_assert_eq!(parse_f64(&longer).map(f64::to_bits), std(&longer).map(f64::to_bits), "{}", longer);
        }

        /// Any digits at any scale.
        #[test]
        fn any_decimal_rounds_as_the_standard_library_does(
            whole in "[0-9]{1,30}",
            fraction in "[0-9]{0,30}",
            exponent in -360i32..360,
        ) {
            let text = match fraction.is_empty() {
                true => format!("{whole}e{exponent}"),
                false => format!("{whole}.{fraction}e{exponent}"),
            };
            prop_assert_eq!(parse_f64(&text).map(f64::to_bits), std(&text).map(f64::to_bits), "{}", text);
        }
    }
}
