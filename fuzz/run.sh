#!/usr/bin/env bash
# Run mechcert's fuzz targets (libFuzzer via cargo-fuzz) on the stable toolchain.
#
#   fuzz/run.sh [SECONDS] [TARGET...]     default: 60 seconds each, every target
#
# Targets: instance (the instance reader), poly_domain (the polynomial and domain parsers),
# certificate (the independent checker on bytes). Seeds come from the committed corpora in
# fuzz/corpus/ and from proofs/ (instances, their polynomials and domains, certificates).
# `--sanitizer none` keeps cargo-fuzz off nightly-only flags, so the machine's stable Rust
# builds it; a crash, a run over FUZZ_TIMEOUT seconds (default 10; raise it on a loaded machine)
# on one input (a hang) or more than 1 GiB of memory
# is a failure, and libFuzzer leaves the input in fuzz/artifacts/TARGET/.
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(instance poly_domain certificate)
command -v cargo-fuzz > /dev/null || cargo install cargo-fuzz --locked

seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
mkdir -p "$seeds/instance" "$seeds/poly_domain" "$seeds/certificate"
cp ../proofs/*.toml "$seeds/instance/"
cp ../proofs/certificates/*.json "$seeds/certificate/"
# Every quoted value, probability and domain of the bundled instances, one per seed file.
i=0
grep -ho '"[^"]*"' ../proofs/*.toml | tr -d '"' | sort -u | while IFS= read -r s; do
    i=$((i + 1))
    printf '%s' "$s" > "$seeds/poly_domain/proofs-$i"
done

for t in "${targets[@]}"; do
    mkdir -p "corpus/$t"
    echo "== fuzz $t for ${secs}s"
    cargo fuzz run --sanitizer none -O "$t" "corpus/$t" "$seeds/$t" -- \
        -max_total_time="$secs" -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb=1024 -max_len=65536 -print_final_stats=1
done
