#!/usr/bin/env python3
"""The Python `fractions` baseline of mechcert's benchmarks (run by `mechcert-bench`).

    python3 baseline.py KIND --runs N key=value ...

KIND is check | enum | compress | lp-bb-expost | lp-second-best | search-theorem-4. Instances
are regenerated from the same SplitMix64 seed as the Rust side. Output, one item per line:
    instance <fingerprint>      the instance (the Rust side compares it with its own)
    answer <key> <value>        exact answers (fractions as p/q), identical on every run
    time_ns <n>                 wall time of one run (integer nanoseconds), one line per run
Only the computation is timed, not instance generation or interpreter start-up.
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import kosmanea  # noqa: E402
from splitmix import random_instance, search_instance  # noqa: E402


def params(argv):
    out = {}
    for a in argv:
        k, v = a.split("=", 1)
        out[k] = v
    return out


def instance_of(p):
    return random_instance(int(p["seed"]), int(p["m"]), int(p["n"]),
                           buyers=int(p.get("buyers", "1")),
                           tie_break=p.get("tie", "lowest-index"))


def run_check(p):
    e = kosmanea.Env(instance_of(p))
    interim = p.get("interim", "1") == "1"
    ex_post = p.get("ex_post", "1") == "1"
    return lambda: kosmanea.check_vcg_prime(e, interim, ex_post), e


def run_enum(p):
    e = kosmanea.Env(instance_of(p))
    b = int(p["buyers"])
    return lambda: {"surplus": kosmanea.surplus_by_enumeration(e, b)}, e


def run_compress(p):
    e = kosmanea.Env(instance_of(p))
    b = int(p["buyers"])
    return lambda: {"surplus": kosmanea.surplus_by_compression(e, b)}, e


def run_lp_bb(p):
    e = kosmanea.Env(instance_of(p))
    return lambda: {"feasible": "true" if kosmanea.bb_feasible(e, None, True) else "false"}, e


def run_lp_second_best(p):
    e = kosmanea.Env(instance_of(p))
    return lambda: {"value": kosmanea.second_best(e)}, e


def run_search(p):
    seed, budget = int(p["seed"]), int(p["budget"])
    corrected = p.get("corrected", "0") == "1"

    def go():
        applicable = 0
        for k in range(budget):
            v = kosmanea.theorem_4(kosmanea.Env(search_instance(seed, budget, k)), corrected)
            if v != "not-applicable":
                applicable += 1
            if v == "fails":
                return {"searched": k + 1, "counterexample": k}
        return {"searched": budget, "applicable": applicable, "counterexample": "none"}

    return go, None


KINDS = {
    "check": run_check,
    "enum": run_enum,
    "compress": run_compress,
    "lp-bb-expost": run_lp_bb,
    "lp-second-best": run_lp_second_best,
    "search-theorem-4": run_search,
}


def main():
    kind = sys.argv[1]
    runs = 1
    rest = sys.argv[2:]
    if rest[:1] == ["--runs"]:
        runs = int(rest[1])
        rest = rest[2:]
    job, env = KINDS[kind](params(rest))
    if env is not None:
        print("instance", env.inst.fingerprint(), flush=True)
    first = None
    for _ in range(runs):
        t0 = time.perf_counter_ns()
        ans = job()
        t1 = time.perf_counter_ns()
        text = {k: str(v) for k, v in ans.items()}
        if first is None:
            first = text
            for k, v in text.items():
                print("answer", k, v, flush=True)
        elif text != first:
            sys.exit("baseline: runs disagree: {} vs {}".format(first, text))
        print("time_ns", t1 - t0, flush=True)


if __name__ == "__main__":
    main()
