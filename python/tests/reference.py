"""A small pure-Python reference for the package's tests, written from the paper with
``fractions`` only (no mechcert code): VCG and VCG' of one buyer (Definitions 1 and 2) and of
I identical buyers (Section 5's four-case formula, lowest-index tie break) by enumerating
every profile, the paper's closed form of Π^VCG', the first-best welfare, and the second best
of Section 6 as an LP solved by a dense exact simplex (Bland's rule).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Market:
    """Values strictly increasing, disjoint between the sides; probabilities sum to 1."""

    b: tuple[Fraction, ...]
    pb: tuple[Fraction, ...]
    s: tuple[Fraction, ...]
    ps: tuple[Fraction, ...]
    buyers: int = 1


# --- one buyer ---------------------------------------------------------------------------


def vcg_prime_1(mk: Market, i: int, j: int) -> tuple[Fraction, Fraction, Fraction]:
    """(x, t_b, t_s) of Definition 2 at reports (B_i, S_j)."""
    bi, sj = mk.b[i], mk.s[j]
    if bi > sj:
        return (
            Fraction(1),
            min(bk for bk in mk.b if bk > sj),
            max(sk for sk in mk.s if sk < bi),
        )
    return Fraction(0), Fraction(0), Fraction(0)


def vcg_1(mk: Market, i: int, j: int) -> tuple[Fraction, Fraction, Fraction]:
    """(x, t_b, t_s) of Definition 1."""
    bi, sj = mk.b[i], mk.s[j]
    return (Fraction(1), sj, bi) if bi > sj else (Fraction(0), Fraction(0), Fraction(0))


def surplus_1(mk: Market, mech=vcg_prime_1) -> Fraction:
    """Π = E[t_b - t_s] over every profile."""
    total = Fraction(0)
    for i, j in itertools.product(range(len(mk.b)), range(len(mk.s))):
        _, tb, ts = mech(mk, i, j)
        total += mk.pb[i] * mk.ps[j] * (tb - ts)
    return total


def surplus_closed_form(mk: Market) -> Fraction:
    """The paper's Π^VCG' = Σ_i (1 - F_b(B_{i-1}))(F_s(B_i) - F_s(B_{i-1})) B_i
    - Σ_j F_s(S_j)(F_b(S_{j+1}) - F_b(S_j)) S_j, with F_s(B_0) = F_b(B_0) = 0 and
    F_b(S_{n+1}) = 1 (footnote 4)."""
    fb = lambda v: sum((p for b, p in zip(mk.b, mk.pb) if b <= v), Fraction(0))  # noqa: E731
    fs = lambda v: sum((p for s, p in zip(mk.s, mk.ps) if s <= v), Fraction(0))  # noqa: E731
    total = Fraction(0)
    for i, bi in enumerate(mk.b):
        prev = mk.b[i - 1] if i > 0 else None
        fb_prev = fb(prev) if prev is not None else Fraction(0)
        fs_prev = fs(prev) if prev is not None else Fraction(0)
        total += (1 - fb_prev) * (fs(bi) - fs_prev) * bi
    for j, sj in enumerate(mk.s):
        fb_next = fb(mk.s[j + 1]) if j + 1 < len(mk.s) else Fraction(1)
        total -= fs(sj) * (fb_next - fb(sj)) * sj
    return total


def first_best(mk: Market) -> Fraction:
    """Σ p_b p_s max(B - S, 0): gains from trade of x*."""
    return sum(
        (pb * ps * (b - s) for b, pb in zip(mk.b, mk.pb) for s, ps in zip(mk.s, mk.ps) if b > s),
        Fraction(0),
    )


def ex_post_ir_min_slack(mk: Market, mech=vcg_prime_1) -> Fraction:
    """The least gain of an agent at a profile: the buyer's x B - t_b, the seller's t_s - x S."""
    gains = []
    for i, j in itertools.product(range(len(mk.b)), range(len(mk.s))):
        x, tb, ts = mech(mk, i, j)
        gains += [x * mk.b[i] - tb, ts - x * mk.s[j]]
    return min(gains)


def trading_profiles(mk: Market) -> int:
    return sum(1 for b in mk.b for s in mk.s if b > s)


# --- I identical buyers --------------------------------------------------------------------


def vcg_prime_many(mk: Market) -> Fraction:
    """Π_I of Section 5's VCG' by enumerating every profile (B^1..B^I, S): the buyers'
    transfers by the four cases, ties among buyers to the lowest index, and the seller's
    max{S_h : S_h < max B}."""
    I = mk.buyers
    total = Fraction(0)
    for prof in itertools.product(range(len(mk.b)), repeat=I):
        vals = [mk.b[k] for k in prof]
        pr = Fraction(1)
        for k in prof:
            pr *= mk.pb[k]
        for j, sj in enumerate(mk.s):
            p = pr * mk.ps[j]
            top = max(vals)
            pay = Fraction(0)
            for i in range(I):
                bi = vals[i]
                others = vals[:i] + vals[i + 1 :]
                y = max(others) if others else None
                # x_i*(v, B^-i, S): i wins reporting v iff v > S, v >= every other, and i is
                # the lowest index among the others reporting v
                wins = lambda v: v > sj and all(  # noqa: E731
                    v > o or (v == o and i < k)
                    for k, o in ((k, vals[k]) for k in range(I) if k != i)
                )
                if y is None or y < sj:
                    if bi > sj:  # only buyer above the seller (or alone)
                        pay += min(bk for bk in mk.b if bk > sj)
                elif max(y, sj) > bi:
                    pass
                elif bi == y:  # y > S here
                    pay += bi * (1 if wins(bi) else 0)
                else:  # bi > y > S
                    ybar = min(bk for bk in mk.b if bk > y)
                    xw = 1 if wins(y) else 0
                    pay += ybar * (1 - xw) + y * xw
            receive = max((sh for sh in mk.s if sh < top), default=Fraction(0)) if top > sj else 0
            total += p * (pay - receive)
    return total


# --- the second best as an LP --------------------------------------------------------------


def simplex_max(c: list[Fraction], a: list[list[Fraction]], b: list[Fraction]) -> Fraction:
    """max c.z subject to a z <= b, z >= 0, with b >= 0 (the origin is feasible): the dense
    tableau simplex with Bland's rule, exactly."""
    m, n = len(a), len(c)
    t = [row[:] + [Fraction(int(k == i)) for k in range(m)] + [b[i]] for i, row in enumerate(a)]
    obj = [-x for x in c] + [Fraction(0)] * m + [Fraction(0)]
    basis = [n + i for i in range(m)]
    while True:
        col = next((j for j in range(n + m) if obj[j] < 0), None)
        if col is None:
            return obj[-1]
        cands = [(t[i][-1] / t[i][col], basis[i], i) for i in range(m) if t[i][col] > 0]
        if not cands:
            raise ValueError("unbounded")
        _, _, r = min(cands)
        piv = t[r][col]
        t[r] = [v / piv for v in t[r]]
        for i in range(m):
            if i != r and t[i][col] != 0:
                f = t[i][col]
                t[i] = [v - f * w for v, w in zip(t[i], t[r])]
        f = obj[col]
        obj = [v - f * w for v, w in zip(obj, t[r])]
        basis[r] = col


def second_best(mk: Market) -> Fraction:
    """Section 6: max Σ p_b p_s x (B - S) over x in [0, 1]^{m x n} and budget-balanced
    transfers t (free: t = u - w, u, w >= 0) with interim IC and IR for both sides."""
    m, n = len(mk.b), len(mk.s)
    nx = m * n
    xi = lambda i, j: i * n + j  # noqa: E731
    ui = lambda i, j: nx + i * n + j  # noqa: E731
    wi = lambda i, j: 2 * nx + i * n + j  # noqa: E731
    size = 3 * nx
    rows: list[list[Fraction]] = []
    rhs: list[Fraction] = []

    def row() -> list[Fraction]:
        return [Fraction(0)] * size

    # buyer: U(B_i) = B_i xbar(B_i) - tbar(B_i); IR: -U <= 0; IC: B_i xbar(B_k) - tbar(B_k) - U(B_i) <= 0
    def buyer_terms(r: list[Fraction], i: int, k: int, sign: int) -> None:
        for j in range(n):
            r[xi(k, j)] += sign * mk.ps[j] * mk.b[i]
            r[ui(k, j)] -= sign * mk.ps[j]
            r[wi(k, j)] += sign * mk.ps[j]

    def seller_terms(r: list[Fraction], j: int, k: int, sign: int) -> None:
        for i in range(m):
            r[ui(i, k)] += sign * mk.pb[i]
            r[wi(i, k)] -= sign * mk.pb[i]
            r[xi(i, k)] -= sign * mk.pb[i] * mk.s[j]

    # for each type a: IR (-U(a) <= 0) and IC against every other report k
    # (utility of reporting k minus U(a) <= 0)
    def ir_and_ic(types: int, terms) -> None:
        for a_ in range(types):
            for k in range(types):
                r = row()
                if k != a_:
                    terms(r, a_, k, 1)
                terms(r, a_, a_, -1)
                rows.append(r)
                rhs.append(Fraction(0))

    ir_and_ic(m, buyer_terms)
    ir_and_ic(n, seller_terms)
    for i in range(m):
        for j in range(n):
            r = row()
            r[xi(i, j)] = Fraction(1)
            rows.append(r)
            rhs.append(Fraction(1))
    c = row()
    for i in range(m):
        for j in range(n):
            c[xi(i, j)] = mk.pb[i] * mk.ps[j] * (mk.b[i] - mk.s[j])
    return simplex_max(c, rows, rhs)
