//! Fuzz target: the independent checker on arbitrary bytes. It must accept or refuse, never
//! panic, hang or blow up (its own work meter bounds every check).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = mechcert_cert::check_bytes(data);
});
