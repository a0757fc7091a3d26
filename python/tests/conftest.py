"""Shared test helpers: the repository's paths, the CLI binary to compare against
($MECHCERT_CLI, else this tree's `target/release/mechcert`, brought up to date with `cargo
build --release` once per session), and hypothesis
strategies for small random markets with disjoint values."""

from __future__ import annotations

import functools
import json
import os
import subprocess
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import strategies as st

from reference import Market

ROOT = Path(__file__).resolve().parents[2]
PROOFS = ROOT / "proofs"


@functools.cache
def cli_path() -> Path:
    env = os.environ.get("MECHCERT_CLI")
    if env:
        return Path(env)
    # up to date with the source (a no-op when it is): the CLI compared with is this tree's
    subprocess.run(["cargo", "build", "--release", "--bin", "mechcert"], cwd=ROOT, check=True)
    return ROOT / "target" / "release" / "mechcert"


@pytest.fixture(scope="session")
def cli():
    """Run the CLI with --json in the repository root; returns (exit code, parsed JSON)."""
    binary = cli_path()

    def run(*args: str) -> tuple[int, dict]:
        p = subprocess.run(
            [str(binary), *args, "--json"], cwd=ROOT, capture_output=True, text=True
        )
        return p.returncode, json.loads(p.stdout) if p.stdout.strip() else {}

    return run


@st.composite
def markets(draw, max_types: int = 3, buyers: int | st.SearchStrategy[int] = 1) -> Market:
    """m x n types (1 to max_types each), buyer values even and seller values odd integers
    (so the sides never tie), probabilities from positive integer weights."""
    m = draw(st.integers(1, max_types))
    n = draw(st.integers(1, max_types))
    b = sorted(draw(st.sets(st.integers(0, 12), min_size=m, max_size=m)))
    s = sorted(draw(st.sets(st.integers(0, 12), min_size=n, max_size=n)))
    wb = draw(st.lists(st.integers(1, 5), min_size=m, max_size=m))
    ws = draw(st.lists(st.integers(1, 5), min_size=n, max_size=n))
    i = buyers if isinstance(buyers, int) else draw(buyers)
    return Market(
        b=tuple(Fraction(2 * v) for v in b),
        pb=tuple(Fraction(w, sum(wb)) for w in wb),
        s=tuple(Fraction(2 * v + 1) for v in s),
        ps=tuple(Fraction(w, sum(ws)) for w in ws),
        buyers=i,
    )


def instance_of(mk: Market):
    import mechcert

    return mechcert.Instance(
        buyer_values=list(mk.b),
        buyer_probs=list(mk.pb),
        seller_values=list(mk.s),
        seller_probs=list(mk.ps),
        buyers=mk.buyers,
    )
