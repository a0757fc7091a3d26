"""The package against the pure-Python reference (tests/reference.py, written from the paper
with `fractions` only) on random small markets: Π of VCG' with one and with several buyers,
the counts and slacks of `check`, and the second best."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

import reference as ref
from conftest import instance_of, markets

FAST = settings(max_examples=40, deadline=None)


@FAST
@given(markets())
def test_vcg_prime_surplus_of_one_buyer(mk):
    inst = instance_of(mk)
    pi = inst.vcg_prime_surplus()
    assert isinstance(pi, Fraction)
    # by enumeration of Definition 2's transfers, and by the paper's closed form
    assert pi == ref.surplus_1(mk)
    assert pi == ref.surplus_closed_form(mk)
    assert inst.check("vcg-prime").expected_surplus == pi


@FAST
@given(markets(max_types=3, buyers=st.integers(2, 3)))
def test_vcg_prime_surplus_of_several_buyers(mk):
    inst = instance_of(mk)
    pi = inst.vcg_prime_surplus()
    assert pi == ref.vcg_prime_many(mk)
    assert inst.check("vcg-prime", only="interim").expected_surplus == pi


@FAST
@given(markets())
def test_check_counts_of_vcg_and_vcg_prime(mk):
    m, n = len(mk.b), len(mk.s)
    trades = ref.trading_profiles(mk)
    for mech, fn in (("vcg", ref.vcg_1), ("vcg-prime", ref.vcg_prime_1)):
        rep = inst_check = instance_of(mk).check(mech)
        assert inst_check.profiles == m * n
        p = rep.properties
        # every type against every other report; every agent at every profile; every agent's
        # every misreport at every profile
        assert p["interim_ic_buyer"].checked == m * (m - 1)
        assert p["interim_ic_seller"].checked == n * (n - 1)
        assert p["interim_ir_buyer"].checked == m
        assert p["interim_ir_seller"].checked == n
        assert p["ex_post_ir"].checked == 2 * m * n
        assert p["ex_post_ic"].checked == m * n * ((m - 1) + (n - 1))
        assert p["ex_post_bb"].checked == m * n
        # both are dominant-strategy IC, ex post IR and efficient (Sec. 3)
        for key in ("interim_ic_buyer", "interim_ic_seller", "ex_post_ic", "ex_post_ir", "efficient"):
            assert p[key].holds is True and p[key].violations == 0, key
        # with disjoint values t_b (a seller value for VCG, a buyer value for VCG') and t_s
        # differ at every profile that trades
        assert p["ex_post_bb"].violations == trades
        assert p["ex_post_bb"].holds is (trades == 0)
        assert p["ex_post_ir"].min_slack == ref.ex_post_ir_min_slack(mk, fn)
        assert rep.expected_surplus == ref.surplus_1(mk, fn)


@settings(max_examples=25, deadline=None)
@given(markets(max_types=2))
def test_second_best_against_an_independent_lp(mk):
    sb = instance_of(mk).second_best()
    assert sb.welfare == ref.second_best(mk)
    assert sb.first_best_welfare == ref.first_best(mk)
    # the welfare is the gains from trade of the allocation returned
    x = sb.allocation
    gains = sum(
        (mk.pb[i] * mk.ps[j] * x[i][j] * (mk.b[i] - mk.s[j]) for i in range(len(mk.b)) for j in range(len(mk.s))),
        Fraction(0),
    )
    assert gains == sb.welfare
    # Theorem 1: efficient BB trade is possible iff Π^VCG' >= 0
    assert (sb.welfare == sb.first_best_welfare) is (ref.surplus_1(mk) >= 0 or ref.first_best(mk) == 0)


@settings(max_examples=10, deadline=None)
@given(st.integers(2, 3), st.integers(2, 3))
def test_second_best_on_uniform_grids(m, n):
    b = tuple(Fraction(2 * k) for k in range(1, m + 1))
    s = tuple(Fraction(2 * k + 1) for k in range(n))
    mk = ref.Market(b, tuple(Fraction(1, m) for _ in b), s, tuple(Fraction(1, n) for _ in s))
    assert instance_of(mk).second_best().welfare == ref.second_best(mk)
