//! Fuzz target: the instance reader on arbitrary bytes. It must return an instance or an
//! error, never panic, hang or blow up; an instance it accepts must survive a round trip
//! through its own TOML and JSON writers unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mechcert_model::Instance;

fuzz_target!(|data: &[u8]| {
    let Ok(inst) = Instance::from_bytes(data, "fuzz.toml") else {
        return;
    };
    let toml = inst.to_toml();
    let again = Instance::parse(&toml, "fuzz.toml")
        .unwrap_or_else(|e| panic!("an accepted instance's own TOML is refused: {e}\n{toml}"));
    assert_eq!(again.to_json(), inst.to_json(), "TOML round trip changed the instance");
    let back = Instance::from_json(&inst.to_json(), "fuzz.json")
        .unwrap_or_else(|e| panic!("an accepted instance's own JSON is refused: {e}"));
    assert_eq!(back.to_json(), inst.to_json(), "JSON round trip changed the instance");
});
