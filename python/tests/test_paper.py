"""The paper's worked examples through the package, with the values the paper prints."""

from __future__ import annotations

from fractions import Fraction

import pytest

import mechcert
from conftest import PROOFS


def test_example_1_two_buyers():
    # Example 1: B = (2, 6), S = (1, 4), all 1/2. Π_1 by the closed form:
    # (1)(F_s(2))2 + (1 - 1/2)(F_s(6) - F_s(2))6 - F_s(1)(F_b(4) - F_b(1))1 - F_s(4)(1 - F_b(4))4
    # = 1 + 3/2 - 1/4 - 2 = 1/4; Π_2 = p(B_L) Π_1 + p(B_H)(B_H - S_H) = 1/8 + 1 = 9/8.
    inst = mechcert.Instance.load(PROOFS / "example-1.toml")
    assert inst.buyers == 2
    assert inst.vcg_prime_surplus() == Fraction(9, 8)
    one = mechcert.Instance(
        buyer_values=inst.buyer_values,
        buyer_probs=inst.buyer_probs,
        seller_values=inst.seller_values,
        seller_probs=inst.seller_probs,
    )
    assert one.vcg_prime_surplus() == Fraction(1, 4)
    # Π_I = p(B_L) Π_{I-1} + p(B_H)(B_H - S_H) for I = 3: 9/16 + 1 = 25/16
    three = mechcert.Instance.from_toml(inst.to_toml().replace("buyers = 2", "buyers = 3"))
    assert three.vcg_prime_surplus() == Fraction(25, 16)


def test_example_2_family():
    # Example 2: Π_1 = 1/3 for every k > 1; Π_2(k) = 1/3 Π_1 + 8/27 + 4/27 + 4/27 (1 - k)
    one = mechcert.Instance.load(PROOFS / "example-2-family.toml")
    assert one.parameter == "k"
    assert one.vcg_prime_surplus() == mechcert.Polynomial([Fraction(1, 3)])
    two = mechcert.Instance.load(PROOFS / "example-2-family-two-buyers.toml")
    pi2 = two.vcg_prime_surplus()
    assert isinstance(pi2, mechcert.Polynomial)
    assert pi2.coefficients == (Fraction(19, 27), Fraction(-4, 27))
    assert str(pi2) == "19/27 - 4/27*k"
    for k in (Fraction(2), Fraction(19, 4), Fraction(10)):
        printed = Fraction(1, 3) * Fraction(1, 3) + Fraction(8, 27) + Fraction(4, 27) + Fraction(4, 27) * (1 - k)
        assert pi2(k) == printed
        # the polynomial's value is Π_2 of the member of the family at k
        assert two.substitute(k).vcg_prime_surplus() == printed
    assert pi2(Fraction(19, 4)) == 0
    rep = two.check()
    assert rep.expected_surplus == pi2
    assert rep.properties["ex_post_bb"].holds is False
    assert rep.properties["interim_ic_buyer"].holds is True
    c = mechcert.certify("example-2", two)
    assert c.verdict == "holds"
    assert mechcert.cert_check(c.certificate)


def test_example_2_at_k_2_one_buyer():
    # the member k = 2 with one buyer: Π_1 = 1/3 "irrespective of k"
    inst = mechcert.Instance.load(PROOFS / "example-2-k2.toml")
    assert inst.vcg_prime_surplus() == Fraction(1, 3)


def test_theorem_4_deficit_second_best():
    # the instance's source: Π(x*) = 1 + 5/2 - 0 - 9/2 = -1 < 0 (Example 3's formula);
    # second-best welfare 25/8 at x(B1,S1) = 1, x(B2,S2) = 1/2, x(B2,S1) = 1, x(B1,S2) = 0
    inst = mechcert.Instance.load(PROOFS / "theorem-4-deficit.toml")
    sb = inst.second_best()
    assert sb.pi_first_best == -1
    assert sb.welfare == Fraction(25, 8)
    assert sb.allocation == [[1, 0], [1, Fraction(1, 2)]]
    # first best: 1/4 (2 - 0) + 1/4 (10 - 0) + 1/4 (10 - 9) = 13/4
    assert sb.first_best_welfare == Fraction(13, 4)
    assert mechcert.cert_check(sb.certificate)


def test_remark_1():
    # Remark 1's instance: B = (1, 3), S = (2, 5), all 1/2; Π by the closed form:
    # F_s(1)·1 + (1/2)(F_s(3) - F_s(1))·3 - F_s(2)(F_b(5) - F_b(2))·2 - F_s(5)(1 - F_b(5))·5
    # = 0 + 3/4 - 1/2 - 0 = 1/4
    inst = mechcert.Instance.load(PROOFS / "remark-1.toml")
    assert inst.vcg_prime_surplus() == Fraction(1, 4)


@pytest.mark.parametrize("claim", ["theorem-1", "proposition-1"])
def test_certified_claims_check(claim):
    inst = mechcert.Instance.load(PROOFS / "section-8-two-by-two.toml")
    c = mechcert.certify(claim, inst)
    assert c.verdict == "holds"
    assert mechcert.cert_check(c.certificate).claim == claim


def _market_vcg_prime_reference(buyers, sellers):
    """Section 7.2's VCG' surplus of a market by enumeration, in pure Python, for markets whose
    values are all distinct (no ties anywhere, so no tie rule matters): the q highest buyers
    trade with the q lowest sellers while the buyer's value exceeds the seller's; a winning
    buyer pays the smallest of his own values at which he would still trade, a selling seller
    receives the largest of hers at which she would still sell."""
    from itertools import product

    def winners(bs, ss):
        ob = sorted(range(len(bs)), key=lambda i: -bs[i])
        os_ = sorted(range(len(ss)), key=lambda j: ss[j])
        q = 0
        while q < min(len(bs), len(ss)) and bs[ob[q]] > ss[os_[q]]:
            q += 1
        return set(ob[:q]), set(os_[:q])

    total = Fraction(0)
    for bt in product(*[list(zip(v, p)) for v, p in buyers]):
        for st in product(*[list(zip(v, p)) for v, p in sellers]):
            bs, ss = [v for v, _ in bt], [v for v, _ in st]
            prob = Fraction(1)
            for _, p in bt + st:
                prob *= p
            wb, ws = winners(bs, ss)
            surplus = Fraction(0)
            for i in wb:
                surplus += min(
                    v for v in buyers[i][0] if i in winners(bs[:i] + [v] + bs[i + 1 :], ss)[0]
                )
            for j in ws:
                surplus -= max(
                    v for v in sellers[j][0] if j in winners(bs, ss[:j] + [v] + ss[j + 1 :])[1]
                )
            total += prob * surplus
    return total


def test_market_two_buyers_two_sellers():
    # Section 7.2's market, worked by hand in crates/verify/tests/market.rs: Π^VCG' = 29/8;
    # here also by the pure-Python enumeration above.
    inst = mechcert.Instance.load(PROOFS / "market-two-buyers-two-sellers.toml")
    assert inst.is_market
    groups = [(g["values"], g["probs"]) for g in inst.buyer_groups]
    sellers = [(g["values"], g["probs"]) for g in inst.seller_groups]
    assert groups == [([4, 10], [Fraction(1, 2)] * 2), ([6, 12], [Fraction(1, 2)] * 2)]
    assert _market_vcg_prime_reference(groups, sellers) == Fraction(29, 8)
    assert inst.vcg_prime_surplus() == Fraction(29, 8)
    assert inst.check("vcg-prime").expected_surplus == Fraction(29, 8)
    assert "market of 2 buyer(s) x 2 seller(s)" in repr(inst)
    assert "seller 2: value 2" in inst._repr_html_()
    with pytest.raises(mechcert.InputError, match="buyer_groups"):
        inst.buyer_values


def test_market_deficit_equals_the_reference():
    # two buyers of their own distributions and one seller, all values distinct; worked by hand
    # in crates/verify/tests/market.rs: Π^VCG' = -1/8
    inst = mechcert.Instance.load(PROOFS / "heterogeneous-buyers-deficit.toml")
    buyers = [(g["values"], g["probs"]) for g in inst.buyer_groups]
    sellers = [(g["values"], g["probs"]) for g in inst.seller_groups]
    assert _market_vcg_prime_reference(buyers, sellers) == Fraction(-1, 8)
    assert inst.vcg_prime_surplus() == Fraction(-1, 8)
