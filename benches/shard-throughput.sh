#!/usr/bin/env bash
# Sharded search against the unsharded one on this machine (README, "Searching on a cluster"):
# the wall time of `mechcert search CLAIM` with 1 and 2 rayon threads, of K = 2 shard processes
# started together (1 thread each, then 2 threads each), and of the merge; each configuration
# RUNS times, interleaved so that load from other processes spreads over all of them, and the
# median, with the CPU time (user + system, summed over the processes of a configuration).
# Every run's merged JSON is compared with the unsharded JSON (counts and result).
#
# Usage: benches/shard-throughput.sh [BUDGET] [RUNS] [CLAIM]   (after `cargo build --release`)
set -euo pipefail
cd "$(dirname "$0")/.."
budget=${1:-200000}
runs=${2:-5}
claim=${3:-theorem-4-corrected}
bin=target/release/mechcert
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
search=("$claim" --seed 1 --budget "$budget")

now() { date +%s%N; }
# run a command, adding its user + system CPU milliseconds to $tmp/cpu
timed() { /usr/bin/time -f "%U %S" -o "$tmp/t.$$.$BASHPID" "$@"; awk '{printf "%d\n", ($1 + $2) * 1000}' "$tmp/t.$$.$BASHPID" >>"$tmp/cpu"; }
cpu() { awk '{s += $1} END {print s}' "$tmp/cpu"; rm -f "$tmp/cpu"; }
ms() { echo $((($(now) - $1) / 1000000)); }
median() { tr ' ' '\n' <<<"$*" | sed '/^$/d' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
essence() { python3 -c 'import json,sys; v=json.load(open(sys.argv[1])); [v.pop(k,None) for k in ("files","shards")]; print(json.dumps(v,sort_keys=True))' "$1"; }

u1=() u2=() s1=() s2=() mg=() cu1=() cu2=() cs1=() cs2=()
for r in $(seq "$runs"); do
    t=$(now); RAYON_NUM_THREADS=1 timed $bin search "${search[@]}" --json --out "$tmp/u" >"$tmp/u1.json"; u1+=("$(ms "$t")"); cu1+=("$(cpu)")
    t=$(now); RAYON_NUM_THREADS=2 timed $bin search "${search[@]}" --json --out "$tmp/u" >"$tmp/u2.json"; u2+=("$(ms "$t")"); cu2+=("$(cpu)")
    for threads in 1 2; do
        rm -rf "$tmp/r"
        t=$(now)
        for i in 0 1; do
            RAYON_NUM_THREADS=$threads timed $bin search "${search[@]}" --shard "$i/2" --out "$tmp/r" >/dev/null &
        done
        wait
        if [ "$threads" = 1 ]; then s1+=("$(ms "$t")"); cs1+=("$(cpu)"); else s2+=("$(ms "$t")"); cs2+=("$(cpu)"); fi
    done
    t=$(now); $bin search merge "$tmp"/r/*.json --json --out "$tmp/m" >"$tmp/m.json"; mg+=("$(ms "$t")")
    [ "$(essence "$tmp/m.json")" = "$(essence "$tmp/u2.json")" ] || { echo "merge differs from the unsharded search"; exit 2; }
    echo "run $r (wall/CPU ms): unsharded 1 thread ${u1[-1]}/${cu1[-1]}, 2 threads ${u2[-1]}/${cu2[-1]}; 2 shards x 1 thread ${s1[-1]}/${cs1[-1]}, 2 shards x 2 threads ${s2[-1]}/${cs2[-1]}; merge ${mg[-1]}; load $(cut -d' ' -f1 /proc/loadavg)"
done
echo "medians of $runs runs, $claim, budget $budget (wall ms, CPU ms):"
echo "  unsharded, RAYON_NUM_THREADS=1   $(median "${u1[*]}")  $(median "${cu1[*]}")"
echo "  unsharded, RAYON_NUM_THREADS=2   $(median "${u2[*]}")  $(median "${cu2[*]}")"
echo "  2 shards,  RAYON_NUM_THREADS=1   $(median "${s1[*]}")  $(median "${cs1[*]}")   (both processes, started together)"
echo "  2 shards,  RAYON_NUM_THREADS=2   $(median "${s2[*]}")  $(median "${cs2[*]}")"
echo "  merge                            $(median "${mg[*]}")"
grep -h instances_per_second_per_core "$tmp"/r/*.json | sed 's/^ */  last run, 2 threads per shard: /'
