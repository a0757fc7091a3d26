//! Every limit on what mechcert reads, defined once. The checker applies them to
//! certificates; `mechcert-model` applies the instance limits when it reads an instance file,
//! so an instance that loads is one the checker accepts (and nothing valid is refused later
//! as an internal inconsistency). README (instance files) and FORMAT.md ("Limits") list them
//! with the reasons; `crate::work` bounds the checker's total work.

/// The largest file mechcert reads (instances, certificates), in bytes: 8 MiB, about 200
/// times the largest certificate in `proofs/`. Checked before reading, and again while
/// reading (a file may grow).
pub const MAX_FILE_BYTES: u64 = 8 << 20;

/// The most decimal digits of one integer (a numerator or a denominator), wherever a number
/// is written: instance values and probabilities, number strings of a certificate, and
/// integer literals inside expressions.
pub const MAX_DIGITS: usize = 10_000;

/// The most buyers an instance may have (instance files and certificates, and a quantity's
/// `buyers`). Exact values with I buyers carry about I digits per type.
pub const MAX_BUYERS: usize = 10_000;

/// The most values on one side of an instance (buyer or seller types). `check` handles
/// 20000 x 2 in about 5 s (every type against every report); beyond, interim checks alone
/// grow past a minute.
pub const MAX_TYPES: usize = 20_000;

/// The largest degree of an instance value that depends on the parameter. Proving the order
/// of values and locating where a buyer value meets a seller value costs Sturm sequences and
/// exact root isolation, whose cost grows about with the fourth power of the degree.
pub const MAX_VALUE_DEGREE: usize = 8;

/// The most digits of the numerator and of the denominator of every coefficient of an
/// instance value that depends on the parameter (`123/45*k^2`): exact root isolation refines
/// to the size of the coefficients, and its cost grows about with their cube.
pub const MAX_VALUE_COEFF_DIGITS: usize = 20;

/// The most work of checking a family (an instance whose values depend on the parameter),
/// `family_work`: `check` splits the domain into cells where the order of the values is
/// fixed and checks every cell. 20 x 20 linear values take about 4 s and are refused; 10 x 10
/// linear values, or 3 x 3 of degree 8, are far inside.
pub const MAX_FAMILY_WORK: u64 = 200_000;

/// The estimate of `MAX_FAMILY_WORK` for m x n values of degree up to d: at most
/// 2 d m n + 1 cells (every buyer value meets every seller value at most d times), each
/// checked on m n pairs of types (`None` beyond `u64`).
pub fn family_work(m: usize, n: usize, degree: usize) -> Option<u64> {
    let mn = u64::try_from(m).ok()?.checked_mul(u64::try_from(n).ok()?)?;
    let cells = mn
        .checked_mul(2)?
        .checked_mul(u64::try_from(degree).ok()?)?
        .checked_add(1)?;
    cells.checked_mul(mn)
}

/// The most agents on one side of a market with heterogeneous agents (`[[buyer]]` and
/// `[[seller]]` arrays, Section 7.2): every profile is enumerated, and each agent's VCG'
/// transfer varies its own report.
pub const MAX_MARKET_AGENTS: usize = 12;

/// The most report profiles (the product of every agent's number of types) of a market with
/// heterogeneous agents: `check` enumerates each with every misreport of every agent, and the
/// existence LP has one transfer per agent and profile. 3 x 3 agents with 3 types each (729
/// profiles) are far inside.
pub const MAX_MARKET_PROFILES: u64 = 20_000;

/// The most work (bit operations, `mechcert_mech::compress::vcg_prime_interim_work`) of the
/// exact interim tables of several buyers that `check` computes and checks: at most about
/// 3 s. Example 1 with 10,000 buyers (0.2 s) and 8 x 8 types with 1,000 buyers (1.6 s) are
/// inside; 8 x 8 with 2,000 buyers (7 s) and 30 x 30 with 1,000 buyers (over 30 s, tables of
/// gigabytes at 10,000 buyers) are refused with the largest number of buyers that fits.
pub const MAX_INTERIM_WORK: u128 = 250_000_000;

/// The most work of the ex post checks (and interim tables by enumeration) that `check`
/// runs by default, in steps: profiles x (1 + I (m - 1) + (n - 1)) outcomes x the cost of
/// an outcome (1 for one buyer's tables, 25 I for a mechanism of I buyers). About 4 s:
/// 1000 x 1000 types with one buyer is inside, 2 x 2 types with 20 buyers is not (its ex
/// post properties are then skipped, with the reason; `--max-profiles` overrides).
pub const DEFAULT_MAX_EX_POST_WORK: u128 = 2_000_000_000;

/// The largest text of one expression (a `formula`, a `poly`, an allocation entry, an
/// instance value), in bytes, checked before it is read.
pub const MAX_EXPR_BYTES: usize = 100_000;

/// The most nodes of one expression: one per number, symbol, `{name}` reference and
/// function call, and one per operator.
pub const MAX_EXPR_NODES: usize = 10_000;

/// The deepest nesting of an expression (parentheses, function arguments, unary minus).
pub const MAX_EXPR_DEPTH: usize = 100;

/// The largest exponent of `^` in an expression.
pub const MAX_EXPONENT: u64 = 1_000_000;

/// The largest size, in bits of numerator plus denominator, of any number an expression
/// computes (about 39,000 digits): checked before each power and product is computed.
pub const MAX_NUMBER_BITS: u64 = 1 << 17;

/// The largest degree of a polynomial an expression computes (`poly-identity` degree bounds
/// too).
pub const MAX_DEGREE: usize = 256;

/// The most buyers for which the checker enumerates report profiles (the work per profile
/// grows with the square of the number of buyers); beyond, it enumerates multisets of types
/// (surpluses) or refuses (mechanism properties).
pub const MAX_ENUMERATED_BUYERS: usize = 64;

/// The most work units the checker spends on one certificate (`crate::work`): about 2 s on
/// the 2-core machine of BENCHMARKS.md. The heaviest certificate in `proofs/` takes a tenth.
pub const WORK_BUDGET: u64 = 15_000_000;

/// The most work units one `mechanism` quantity may take for its enumeration of profiles
/// (`enumeration_work`): a certificate's condition "few enough profiles to check every
/// misreport" compares its estimate with this number. A sixth of the budget: Section 5's
/// construction checks three mechanisms and their interim tables in one certificate.
pub const MAX_ENUMERATION_WORK: u64 = WORK_BUDGET / 6;

/// The checker's estimate of the work to enumerate every report profile of a mechanism with
/// `buyers` buyers over m x n types and check it ex post: m^I n profiles, each with
/// 1 + I (m - 1) + (n - 1) outcomes (truthful and every unilateral misreport), each outcome
/// about I^2 m steps (`None` beyond `u64`). The same formula is written into certificates as
/// `m^I*n*(1 + I*(m - 1) + n - 1)*I^2*m`.
pub fn enumeration_work(m: usize, n: usize, buyers: usize) -> Option<u64> {
    let (m, n, i) = (
        u64::try_from(m).ok()?,
        u64::try_from(n).ok()?,
        u64::try_from(buyers).ok()?,
    );
    let mut profiles = n;
    for _ in 0..buyers {
        profiles = profiles.checked_mul(m)?;
    }
    let outcomes = 1 + i * m.saturating_sub(1) + n.saturating_sub(1);
    profiles
        .checked_mul(outcomes)?
        .checked_mul(i.checked_mul(i)?.checked_mul(m)?)
}

/// The formula of `enumeration_work` as certificates write it.
pub const ENUMERATION_WORK_FORMULA: &str = "m^I*n*(1 + I*(m - 1) + n - 1)*I^2*m";

/// Profiles up to which the checker computes a surplus (`vcg-prime-surplus`, `vcg-surplus`)
/// by enumerating every profile; beyond (or beyond `MAX_ENUMERATED_BUYERS` buyers) it
/// enumerates the multisets of buyer types instead.
pub const SURPLUS_BY_ENUMERATION_UP_TO: u64 = 20_000;

/// The most multisets of buyer types times seller types the checker enumerates.
pub const MAX_MULTISETS: u64 = 10_000_000;

/// The number of report profiles m^I n (`None` beyond `u64`).
pub fn profiles(m: usize, n: usize, buyers: usize) -> Option<u64> {
    let m = u64::try_from(m).ok()?;
    let mut p = u64::try_from(n).ok()?;
    for _ in 0..buyers {
        p = p.checked_mul(m)?;
    }
    Some(p)
}

/// The number of multisets of I buyer types out of m times the n seller types,
/// C(I + m - 1, m - 1) n, when at most `MAX_MULTISETS` (`None` beyond).
pub fn multisets(m: usize, n: usize, buyers: usize) -> Option<u64> {
    let (i, n) = (u128::try_from(buyers).ok()?, u128::try_from(n).ok()?);
    let mut k: u128 = 1;
    for t in 1..u128::try_from(m).ok()? {
        // C(i + t, t) = C(i + t - 1, t - 1) (i + t) / t, exactly
        k = k.checked_mul(i + t)? / t;
        if k.saturating_mul(n) > u128::from(MAX_MULTISETS) {
            return None;
        }
    }
    u64::try_from(k * n).ok().filter(|&c| c <= MAX_MULTISETS)
}

/// The checker's work to compute interim tables by enumerating `profiles` profiles of
/// `buyers` buyers over m types: about I^2 m steps per profile.
pub fn enumeration_interim_work(profiles: u64, buyers: usize, m: usize) -> u64 {
    let (i, m) = (buyers as u64, m as u64);
    profiles.saturating_mul(1 + i.saturating_mul(i).saturating_mul(m))
}

/// The checker's work to compute a surplus over `multisets` multisets of m types whose
/// weights have `weight_bits` bits (about I log2 of the buyer probabilities' common
/// denominator) and whose values have `values_bits` bits.
pub fn multiset_work(multisets: u64, m: usize, weight_bits: u64, values_bits: u64) -> u64 {
    multisets.saturating_mul(2 * m as u64 + op_work(weight_bits, values_bits))
}

/// The checker's work for one surplus quantity with `buyers` buyers over m x n types
/// (`None`: beyond its limits): every profile up to `SURPLUS_BY_ENUMERATION_UP_TO`, else the
/// multisets. A producer that bounds `weight_bits` and `values_bits` from above bounds the
/// checker's work from above.
pub fn surplus_work(
    m: usize,
    n: usize,
    buyers: usize,
    weight_bits: u64,
    values_bits: u64,
) -> Option<u64> {
    match profiles(m, n, buyers) {
        Some(p) if buyers <= MAX_ENUMERATED_BUYERS && p <= SURPLUS_BY_ENUMERATION_UP_TO => {
            Some(enumeration_interim_work(p, buyers, m))
        }
        _ => multisets(m, n, buyers).map(|c| multiset_work(c, m, weight_bits, values_bits)),
    }
}

/// How many Π_I, for I = 1, 2, ..., a large-market certificate records: while I <=
/// `MAX_BUYERS` and the checker's work for all of them (`surplus_work`) stays within half of
/// `WORK_BUDGET`, and at most `below` of them. The sizes are bounded from above by the
/// instance's numbers: `weight_bits_per_buyer` the bits (numerator plus denominator) of the
/// buyer probabilities summed, `values_bits` those of the seller probabilities plus twice
/// those of the values. Producer and checker both decide with this function.
pub fn recordable_surpluses(
    m: usize,
    n: usize,
    below: usize,
    weight_bits_per_buyer: u64,
    values_bits: u64,
) -> usize {
    let mut spent = 0u64;
    (1..below)
        .take_while(|&i| {
            let w = surplus_work(
                m,
                n,
                i,
                weight_bits_per_buyer.saturating_mul(i as u64),
                values_bits,
            );
            match w {
                Some(w) if i <= MAX_BUYERS && spent.saturating_add(w) <= WORK_BUDGET / 2 => {
                    spent += w;
                    true
                }
                _ => false,
            }
        })
        .count()
}

/// Work units of one exact operation on two numbers of `a` and `b` bits (numerator plus
/// denominator): 2 for small numbers, growing with the product of their sizes in 64-bit
/// words (multiplication and the gcd that keeps a fraction in lowest terms). One unit is
/// about 40 ns on the machine of BENCHMARKS.md (an addition of two 33,000-bit fractions
/// takes 43 ms and is charged about 10^6 units).
pub fn op_work(a: u64, b: u64) -> u64 {
    let (la, lb) = (a / 64 + 1, b / 64 + 1);
    1 + la.saturating_mul(lb)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_multiset_limit_by_hand() {
        // two types: C(I + 1, 1) = I + 1 multisets of I buyers, times n sellers; 10^7 is the
        // limit, and it is allowed
        assert_eq!(multisets(2, 1, 9_999_999), Some(10_000_000));
        assert_eq!(multisets(2, 1, 10_000_000), None);
        assert_eq!(multisets(2, 2, 4_999_999), Some(10_000_000));
        assert_eq!(multisets(2, 2, 5_000_000), None);
        // three types, 2 sellers: C(4, 2) * 2 = 12 for I = 2
        assert_eq!(multisets(3, 2, 2), Some(12));
    }

    #[test]
    fn enumeration_work_by_hand() {
        // one buyer, 2 x 2: 4 profiles, 1 + 1 + 1 outcomes each, 1 * 2 steps: 24
        assert_eq!(enumeration_work(2, 2, 1), Some(24));
        // Example 2 with two buyers: 27 profiles, 1 + 2*2 + 2 = 7 outcomes, 4 * 3 = 12 steps
        assert_eq!(enumeration_work(3, 3, 2), Some(27 * 7 * 12));
        assert_eq!(enumeration_work(30, 30, 64), None);
    }

    #[test]
    fn counts_by_hand() {
        assert_eq!(profiles(3, 3, 2), Some(27));
        assert_eq!(profiles(30, 30, 64), None);
        // C(I + 2, 2) n: I = 4470 gives 9,997,156, I = 4471 10,001,628 > 10^7
        assert_eq!(multisets(3, 1, 4470), Some(9_997_156));
        assert_eq!(multisets(3, 1, 4471), None);
        assert_eq!(multisets(2, 3, 10), Some(33));
        assert_eq!(multisets(1, 5, 10_000), Some(5));
        // Example 1 with 10 buyers: 2^10 * 2 = 2048 profiles, enumerated, 1 + 100 * 2 steps each
        assert_eq!(surplus_work(2, 2, 10, 10, 10), Some(2048 * 201));
    }

    #[test]
    fn op_work_grows_with_size() {
        assert_eq!(op_work(10, 10), 2);
        // two 64-word numbers: 1 + 65 * 65
        assert_eq!(op_work(64 * 64, 64 * 64), 1 + 65 * 65);
    }
}
