"""The computations of mechcert's benchmark workloads, written directly from the paper
(Kos & Manea) with fractions.Fraction: what a researcher checking the paper would write.

- single-buyer VCG' (Definition 2): expected surplus, every interim IC/IR inequality, every
  ex post IC/IR inequality (every profile, every misreport), each with its exact slack;
- multi-buyer VCG' (Section 5, four-case formula): Pi_I by enumerating every profile, and by
  compression (order statistics);
- the LPs: bb-feasible with ex post IR, second best (Section 6), as in crates/cert/FORMAT.md;
- Theorem 4 on one 2x2 instance (printed or corrected M), as mechcert's claim certifies it.
"""

from fractions import Fraction
from itertools import product

import simplex

ZERO = 0  # plain ints where the paper's objects are integers (0/1 allocations, integer values)
ONE = 1


class Env:
    def __init__(self, inst):
        self.inst = inst
        self.B, self.S = inst.b, inst.s
        self.pb, self.ps = inst.pb, inst.ps
        self.m, self.n = len(self.B), len(self.S)
        trade_on_tie = inst.seller_ties == "trade"
        self.tr = [[self.B[i] > self.S[j] or (trade_on_tie and self.B[i] == self.S[j])
                    for j in range(self.n)] for i in range(self.m)]
        # smallest buyer type trading with S_j, largest seller type trading with B_i
        self.min_buyer = [next((i for i in range(self.m) if self.tr[i][j]), None) for j in range(self.n)]
        self.max_seller = [next((j for j in reversed(range(self.n)) if self.tr[i][j]), None)
                           for i in range(self.m)]

    def trades(self, i, j):
        return self.tr[i][j]


# ---------------------------------------------------------------- single buyer: check VCG'

class Tally:
    def __init__(self):
        self.checked = 0
        self.violations = 0
        self.min = None

    def add(self, slack):
        self.checked += 1
        if self.min is None or slack < self.min:
            self.min = slack
        if slack < 0:
            self.violations += 1

    def __str__(self):
        return "checked={} violations={} min_slack={}".format(
            self.checked, self.violations, "none" if self.min is None else self.min)


def vcg_prime_tables(e):
    m, n = e.m, e.n
    x = [[ONE if e.trades(i, j) else ZERO for j in range(n)] for i in range(m)]
    tb = [[e.B[e.min_buyer[j]] if e.trades(i, j) else ZERO for j in range(n)] for i in range(m)]
    ts = [[e.S[e.max_seller[i]] if e.trades(i, j) else ZERO for j in range(n)] for i in range(m)]
    return x, tb, ts


def check_vcg_prime(e, interim=True, ex_post=True):
    """Pi of VCG' and every interim and ex post IC/IR inequality with its slack."""
    m, n, B, S, pb, ps = e.m, e.n, e.B, e.S, e.pb, e.ps
    x, tb, ts = vcg_prime_tables(e)
    xb = [sum(x[i][j] * ps[j] for j in range(n)) for i in range(m)]
    tbb = [sum(tb[i][j] * ps[j] for j in range(n)) for i in range(m)]
    xs = [sum(x[i][j] * pb[i] for i in range(m)) for j in range(n)]
    tss = [sum(ts[i][j] * pb[i] for i in range(m)) for j in range(n)]
    out = {"expected_surplus": sum(p * t for p, t in zip(pb, tbb)) - sum(p * t for p, t in zip(ps, tss))}
    if interim:
        ic_b, ir_b, ic_s, ir_s = Tally(), Tally(), Tally(), Tally()
        for a in range(m):
            truthful = B[a] * xb[a] - tbb[a]
            for c in range(m):
                if c != a:
                    ic_b.add(truthful - (B[a] * xb[c] - tbb[c]))
            ir_b.add(truthful)
        for j in range(n):
            truthful = tss[j] - S[j] * xs[j]
            for l in range(n):
                if l != j:
                    ic_s.add(truthful - (tss[l] - S[j] * xs[l]))
            ir_s.add(truthful)
        out.update(interim_ic_buyer=ic_b, interim_ic_seller=ic_s,
                   interim_ir_buyer=ir_b, interim_ir_seller=ir_s)
    if ex_post:
        ic, ir = Tally(), Tally()
        for i in range(m):
            for j in range(n):
                truthful = x[i][j] * B[i] - tb[i][j]
                for c in range(m):
                    if c != i:
                        ic.add(truthful - (x[c][j] * B[i] - tb[c][j]))
                ir.add(truthful)
                seller = ts[i][j] - x[i][j] * S[j]
                for l in range(n):
                    if l != j:
                        ic.add(seller - (ts[i][l] - x[i][l] * S[j]))
                ir.add(seller)
        out.update(ex_post_ic=ic, ex_post_ir=ir)
    return out


# ---------------------------------------------------------------- many buyers: VCG'

def shares(e, reports, s):
    """The efficient allocation among buyers under the tie rule."""
    x = [ZERO] * len(reports)
    top = max(reports)
    if not e.trades(top, s):
        return x
    tied = [i for i, r in enumerate(reports) if r == top]
    rule = e.inst.tie_break
    if rule == "lowest-index":
        x[tied[0]] = ONE
    elif rule == "highest-index":
        x[tied[-1]] = ONE
    else:
        for i in tied:
            x[i] = Fraction(1, len(tied))
    return x


def four_case_transfers(e, reports, s):
    """VCG' with I buyers at one profile: the buyers' payments and the seller's receipt."""
    B = e.B
    x = shares(e, reports, s)
    t = []
    for i, b in enumerate(reports):
        others = reports[:i] + reports[i + 1:]
        y = max(others) if others else None
        if (y is not None and y > b) or not e.trades(b, s):
            t.append(ZERO)  # case 1
        elif y == b:
            t.append(B[b] * x[i])  # case 2
        elif y is not None and e.trades(y, s):
            lie = list(reports)
            lie[i] = y
            q = shares(e, lie, s)[i]
            t.append(B[y + 1] * (1 - q) + B[y] * q)  # case 3
        else:
            t.append(B[e.min_buyer[s]])  # case 4
    top = max(reports)
    ts = e.S[e.max_seller[top]] if e.trades(top, s) else ZERO
    return t, ts


def surplus_by_enumeration(e, buyers):
    total = ZERO
    for reports in product(range(e.m), repeat=buyers):
        p = ONE
        for r in reports:
            p *= e.pb[r]
        for s in range(e.n):
            t, ts = four_case_transfers(e, reports, s)
            total += p * e.ps[s] * (sum(t) - ts)
    return total


def surplus_by_compression(e, buyers):
    """Interim tables from order statistics (lowest-index / highest-index / uniform), then
    thresholds of the interim allocations (as crates/mech/src/compress.rs documents)."""
    m, n, B, S, pb, ps = e.m, e.n, e.B, e.S, e.pb, e.ps
    F = [ZERO]
    for p in pb:
        F.append(F[-1] + p)  # F[a+1] = F(B_a), F[a] = F(B_{a-1})
    q = [sum(ps[j] for j in range(n) if e.trades(a, j)) for a in range(m)]
    rule = e.inst.tie_break

    def thresholds(xbar):
        acc, prev, out = ZERO, ZERO, []
        for k, xk in enumerate(xbar):
            acc += (xk - prev) * B[k]
            prev = xk
            out.append(acc)
        return out

    pay = ZERO
    if rule == "uniform":
        row = [(F[a + 1] ** buyers - F[a] ** buyers) / (buyers * pb[a]) * q[a] for a in range(m)]
        tb = thresholds(row)
        pay = buyers * sum(p * t for p, t in zip(pb, tb))
    else:
        lo = [[F[a] ** k for k in range(buyers)] for a in range(m)]
        hi = [[F[a + 1] ** k for k in range(buyers)] for a in range(m)]
        for r in range(buyers):
            if rule == "lowest-index":
                row = [lo[a][r] * hi[a][buyers - 1 - r] * q[a] for a in range(m)]
            else:
                row = [hi[a][r] * lo[a][buyers - 1 - r] * q[a] for a in range(m)]
            pay += sum(p * t for p, t in zip(pb, thresholds(row)))
    xs = [ONE - F[e.min_buyer[j]] ** buyers if e.min_buyer[j] is not None else ZERO for j in range(n)]
    ts = [ZERO] * n
    acc = ZERO
    for h in reversed(range(n)):
        above = xs[h + 1] if h + 1 < n else ZERO
        acc += (xs[h] - above) * S[h]
        ts[h] = acc
    return pay - sum(p * t for p, t in zip(ps, ts))


# ---------------------------------------------------------------- the LPs (FORMAT.md)

class LpBuilder:
    def __init__(self):
        self.c, self.rows, self.lower, self.upper = [], [], [], []

    def var(self, lo, hi):
        self.c.append(ZERO)
        self.lower.append(lo)
        self.upper.append(hi)
        return len(self.c) - 1

    def row(self, lin, kind):
        """lin = (dict var -> coeff, constant); the row lin <= 0 or lin = 0."""
        coeffs, const = lin
        self.rows.append(({k: v for k, v in coeffs.items() if v}, kind, -const))


def lin(*terms, const=ZERO):
    d = {}
    for coeffs, scale in terms:
        for k, v in coeffs.items():
            d[k] = d.get(k, ZERO) + v * scale
    return d, const


def incentive_rows(lp, e, xcell, t, ex_post_ir):
    """ic_b, ir_b, ic_s, ir_s (and epir_b, epir_s); xcell(i, j) -> (dict, const)."""
    m, n, B, S, pb, ps = e.m, e.n, e.B, e.S, e.pb, e.ps

    def xb(i):
        d, c = {}, ZERO
        for j in range(n):
            cd, cc = xcell(i, j)
            for k, v in cd.items():
                d[k] = d.get(k, ZERO) + v * ps[j]
            c += cc * ps[j]
        return d, c

    def xs(j):
        d, c = {}, ZERO
        for i in range(m):
            cd, cc = xcell(i, j)
            for k, v in cd.items():
                d[k] = d.get(k, ZERO) + v * pb[i]
            c += cc * pb[i]
        return d, c

    tb = [{t[i][j]: ps[j] for j in range(n)} for i in range(m)]
    ts = [{t[i][j]: pb[i] for i in range(m)} for j in range(n)]
    xbs = [xb(i) for i in range(m)]
    xss = [xs(j) for j in range(n)]

    def comb(parts):
        d, c = {}, ZERO
        for (pd, pc), scale in parts:
            for k, v in pd.items():
                d[k] = d.get(k, ZERO) + v * scale
            c += pc * scale
        return d, c

    for i in range(m):
        for k in range(m):
            if k != i:
                lp.row(comb([(xbs[i], -B[i]), ((tb[i], ZERO), ONE), (xbs[k], B[i]), ((tb[k], ZERO), -ONE)]), "le")
    for i in range(m):
        lp.row(comb([((tb[i], ZERO), ONE), (xbs[i], -B[i])]), "le")
    for j in range(n):
        for l in range(n):
            if l != j:
                lp.row(comb([((ts[j], ZERO), -ONE), (xss[j], S[j]), ((ts[l], ZERO), ONE), (xss[l], -S[j])]), "le")
    for j in range(n):
        lp.row(comb([(xss[j], S[j]), ((ts[j], ZERO), -ONE)]), "le")
    if ex_post_ir:
        for i in range(m):
            for j in range(n):
                lp.row(comb([(xcell(i, j), -B[i]), (({t[i][j]: ONE}, ZERO), ONE)]), "le")
        for i in range(m):
            for j in range(n):
                lp.row(comb([(xcell(i, j), S[j]), (({t[i][j]: ONE}, ZERO), -ONE)]), "le")


def bb_feasible(e, allocation=None, ex_post_ir=False):
    """Is there an ex post budget-balanced t with interim IC and IR (and ex post IR) for the
    allocation (default the efficient one)?"""
    lp = LpBuilder()
    if allocation is None:
        allocation = [[ONE if e.trades(i, j) else ZERO for j in range(e.n)] for i in range(e.m)]
    t = [[lp.var(None, None) for j in range(e.n)] for i in range(e.m)]
    incentive_rows(lp, e, lambda i, j: ({}, allocation[i][j]), t, ex_post_ir)
    res = simplex.solve("max", lp.c, lp.rows, lp.lower, lp.upper)
    return res[0] != "infeasible"


def second_best(e, ex_post_ir=False):
    """Max expected gains from trade over (x, t): t ex post budget balanced, interim IC, IR."""
    lp = LpBuilder()
    x = [[lp.var(ZERO, ONE) for j in range(e.n)] for i in range(e.m)]
    t = [[lp.var(None, None) for j in range(e.n)] for i in range(e.m)]
    for i in range(e.m):
        for j in range(e.n):
            lp.c[x[i][j]] = (e.B[i] - e.S[j]) * e.pb[i] * e.ps[j]
    incentive_rows(lp, e, lambda i, j: ({x[i][j]: ONE}, ZERO), t, ex_post_ir)
    res = simplex.solve("max", lp.c, lp.rows, lp.lower, lp.upper)
    assert res[0] == "optimal", res[0]
    return res[1]


# ---------------------------------------------------------------- Theorem 4 (2 x 2)

def tight_surplus(e, x):
    """Pi(x): expected surplus of the tight transfers of x (Section 6)."""
    m, n, B, S, pb, ps = e.m, e.n, e.B, e.S, e.pb, e.ps
    tb = [[ZERO] * n for _ in range(m)]
    for l in range(n):
        acc = ZERO
        for k in range(m):
            below = x[k - 1][l] if k > 0 else ZERO
            acc += (x[k][l] - below) * B[k]
            tb[k][l] = acc
    ts = [[ZERO] * n for _ in range(m)]
    for k in range(m):
        acc = ZERO
        for l in reversed(range(n)):
            above = x[k][l + 1] if l + 1 < n else ZERO
            acc += (x[k][l] - above) * S[l]
            ts[k][l] = acc
    return sum(pb[i] * ps[j] * (tb[i][j] - ts[i][j]) for i in range(m) for j in range(n))


def implementable(e, x):
    xb = [sum(x[i][j] * e.ps[j] for j in range(e.n)) for i in range(e.m)]
    xs = [sum(x[i][j] * e.pb[i] for i in range(e.m)) for j in range(e.n)]
    return all(a <= b for a, b in zip(xb, xb[1:])) and all(a >= b for a, b in zip(xs, xs[1:]))


def welfare(e, x):
    return sum((e.B[i] - e.S[j]) * e.pb[i] * e.ps[j] * x[i][j] for i in range(e.m) for j in range(e.n))


def theorem_4(e, corrected):
    """'not-applicable' unless B2 > S2 > B1 > S1 (the generator's shape) and Pi(x*) < 0;
    otherwise 'holds' or 'fails' as mechcert's claim decides."""
    (B1, B2), (S1, S2) = e.B, e.S
    (pb1, pb2), (ps1, ps2) = e.pb, e.ps
    xstar = [[ONE if e.trades(i, j) else ZERO for j in range(2)] for i in range(2)]
    if not tight_surplus(e, xstar) < 0:
        return "not-applicable"
    best = second_best(e)
    psi_s2 = (S2 - ps1 * S1) / ps2 if corrected else (S2 - ps1) / ps2
    M = (B1 - S1) * (B2 - psi_s2) - (B2 - S2) * ((B1 - pb2 * B2) / pb1 - S1)
    z = pb2 * (B2 - S2) / (ps1 * (pb2 * B2 + pb1 * S1 - B1))
    y = ps1 * (B1 - S1) / (pb2 * (S2 - ps2 * B2 - ps1 * S1))
    a = [[z, ZERO], [ONE, ONE]]
    b = [[ONE, ZERO], [ONE, y]]
    pick_a = M > 0 if corrected else M < 0
    cands = [a, b] if M == 0 else ([a] if pick_a else [b])
    ok = True
    for x in cands:
        ok &= implementable(e, x)
        ok &= bb_feasible(e, x)
        ok &= welfare(e, x) == best
    return "holds" if ok else "fails"
