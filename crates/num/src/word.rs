//! Machine-word helpers shared by the exact kernels: binary gcd on `u64` and `u128`, and exact
//! division by a fixed divisor with one multiplication (for the fraction-free row and vector
//! updates of `Int` and of the LP). Everything here is exact; the dividers only ever return a
//! quotient when the division has no remainder.

/// The gcd of `a` and `b` (binary algorithm; `gcd(0, b) = b`).
pub const fn gcd_u64(mut a: u64, mut b: u64) -> u64 {
    if a == 0 {
        return b;
    }
    if b == 0 {
        return a;
    }
    let shift = (a | b).trailing_zeros();
    a >>= a.trailing_zeros();
    loop {
        b >>= b.trailing_zeros();
        if a > b {
            let t = a;
            a = b;
            b = t;
        }
        b -= a;
        if b == 0 {
            return a << shift;
        }
    }
}

/// The gcd of `a` and `b`, finishing in `u64` as soon as both fit.
pub fn gcd_u128(mut a: u128, mut b: u128) -> u128 {
    if a == 0 {
        return b;
    }
    if b == 0 {
        return a;
    }
    if a <= u64::MAX as u128 && b <= u64::MAX as u128 {
        return gcd_u64(a as u64, b as u64) as u128;
    }
    let shift = (a | b).trailing_zeros();
    a >>= a.trailing_zeros();
    loop {
        b >>= b.trailing_zeros();
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        b -= a;
        if b == 0 {
            return a << shift;
        }
        if a <= u64::MAX as u128 && b <= u64::MAX as u128 {
            return (gcd_u64(a as u64, b as u64) as u128) << shift;
        }
    }
}

macro_rules! exact_divider {
    ($name:ident, $t:ty, $newton_steps:expr) => {
        /// Exact division by a fixed nonzero divisor with one multiplication: for
        /// `d = 2^k o` with `o` odd, `n` is a multiple of `d` iff `n` has `k` trailing zeros
        /// and `(n >> k) * o^-1` (mod 2^bits) is at most `MAX / o`, and then that product is
        /// `n / d`.
        #[derive(Clone, Copy, Debug)]
        pub struct $name {
            shift: u32,
            inv: $t,
            limit: $t,
        }

        impl $name {
            /// The divider for `d`; requires `d != 0`.
            pub fn new(d: $t) -> $name {
                debug_assert!(d != 0);
                let shift = d.trailing_zeros();
                let o = d >> shift;
                // Newton's iteration for the inverse mod 2^bits: 5, 10, 20, 40, ... bits.
                let mut inv = o.wrapping_mul(3) ^ 2;
                for _ in 0..$newton_steps {
                    inv = inv.wrapping_mul((2 as $t).wrapping_sub(o.wrapping_mul(inv)));
                }
                debug_assert_eq!(o.wrapping_mul(inv), 1);
                $name {
                    shift,
                    inv,
                    limit: <$t>::MAX / o,
                }
            }

            /// `n / d` if `d` divides `n`, else `None`.
            #[inline]
            pub fn quotient(&self, n: $t) -> Option<$t> {
                if n.trailing_zeros() < self.shift {
                    return None;
                }
                let q = (n >> self.shift).wrapping_mul(self.inv);
                (q <= self.limit).then_some(q)
            }
        }
    };
}

exact_divider!(ExactDivider64, u64, 4);
exact_divider!(ExactDivider128, u128, 5);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gcds_against_euclid() {
        fn euclid(mut a: u128, mut b: u128) -> u128 {
            while b != 0 {
                (a, b) = (b, a % b);
            }
            a
        }
        let xs: [u128; 9] = [
            0,
            1,
            2,
            6,
            35,
            1 << 40,
            u64::MAX as u128,
            (u64::MAX as u128) * 12,
            u128::MAX,
        ];
        for &a in &xs {
            for &b in &xs {
                assert_eq!(gcd_u128(a, b), euclid(a, b), "gcd_u128({a}, {b})");
                if a <= u64::MAX as u128 && b <= u64::MAX as u128 {
                    assert_eq!(gcd_u64(a as u64, b as u64) as u128, euclid(a, b));
                }
            }
        }
    }

    #[test]
    fn divider_64_agrees_with_division() {
        for d in [
            1u64,
            2,
            3,
            6,
            7,
            12,
            1 << 20,
            3 << 40,
            104747,
            u64::MAX,
            u64::MAX - 1,
        ] {
            let div = ExactDivider64::new(d);
            for n in [
                0u64,
                1,
                d,
                d.wrapping_mul(5),
                12345678,
                u64::MAX,
                1 << 63,
                6 << 50,
            ] {
                let want = (n % d == 0).then(|| n / d);
                assert_eq!(div.quotient(n), want, "{n} / {d}");
            }
        }
    }

    #[test]
    fn divider_128_agrees_with_division() {
        for d in [1u128, 2, 3, 12, 104747, 1 << 70, (3 << 90) + 6, u128::MAX] {
            let div = ExactDivider128::new(d);
            for n in [
                0u128,
                1,
                d,
                d.wrapping_mul(7),
                1 << 127,
                u128::MAX,
                123456789,
            ] {
                let want = (n % d == 0).then(|| n / d);
                assert_eq!(div.quotient(n), want, "{n} / {d}");
            }
        }
    }
}
