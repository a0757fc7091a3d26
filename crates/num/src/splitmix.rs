//! SplitMix64, the one pseudo-random generator of mechcert (test generation, search, the LP's
//! bound perturbation): tiny, fast, no external crate, so that a seed means the same stream on
//! every machine and with every version of the dependencies.

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and good enough for test generation.
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in 0..n (n > 0), by rejection so there is no modulo bias.
    pub fn below(&mut self, n: u64) -> u64 {
        assert!(n > 0);
        let zone = u64::MAX - (u64::MAX % n);
        loop {
            let v = self.next_u64();
            if v < zone {
                return v % n;
            }
        }
    }

    /// Uniform in lo..=hi.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        assert!(lo <= hi);
        lo + self.below((hi - lo) as u64 + 1) as i64
    }

    /// Mixes a seed with a stream index, so parallel workers get independent streams.
    pub fn derive(seed: u64, index: u64) -> u64 {
        SplitMix64::new(seed ^ index.wrapping_mul(0xD6E8_FEB8_6659_FD93)).next_u64()
    }
}
