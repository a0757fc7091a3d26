"""An exact two-phase tableau simplex over fractions.Fraction: the textbook method a
researcher would write for an exact LP (Dantzig pricing, falling back to Bland's rule after
a run of degenerate pivots so that it cannot cycle).

An LP is (sense, c, rows, lower, upper): maximise or minimise c.x subject to rows
(coeffs: dict var -> Fraction, kind: "le" | "ge" | "eq", rhs) and lower <= x <= upper
(None is infinite). Answer: ("optimal", value, x), ("infeasible",), ("unbounded",).
"""

from fractions import Fraction

ZERO = Fraction(0)
ONE = Fraction(1)
BLAND_AFTER = 50


def _to_standard(c, rows, lower, upper):
    """Columns y >= 0 with x_j = shift_j + sum(sign * y_k), rows with rhs >= 0."""
    cols = []  # per original var: list of (column, sign)
    shift = []
    bound_rows = []
    ncol = 0
    for j in range(len(c)):
        lo, hi = lower[j], upper[j]
        if lo is not None:
            cols.append([(ncol, ONE)])
            shift.append(lo)
            if hi is not None:
                bound_rows.append(({ncol: ONE}, "le", hi - lo))
            ncol += 1
        elif hi is not None:
            cols.append([(ncol, -ONE)])
            shift.append(hi)
            ncol += 1
        else:
            cols.append([(ncol, ONE), (ncol + 1, -ONE)])
            shift.append(ZERO)
            ncol += 2
    std_rows = []
    for coeffs, kind, rhs in rows:
        a = {}
        r = rhs
        for j, v in coeffs.items():
            r -= v * shift[j]
            for k, sgn in cols[j]:
                a[k] = a.get(k, ZERO) + sgn * v
        std_rows.append((a, kind, r))
    std_rows.extend(bound_rows)
    cost = [ZERO] * ncol
    const = ZERO
    for j, v in enumerate(c):
        const += v * shift[j]
        for k, sgn in cols[j]:
            cost[k] += sgn * v
    return ncol, cols, shift, std_rows, cost, const


class Tableau:
    def __init__(self, ncol, std_rows):
        self.rows = []
        self.basis = []
        nslack = sum(1 for _, kind, _ in std_rows if kind != "eq")
        nart = 0
        prepared = []
        for a, kind, r in std_rows:
            if r < 0:
                a = {k: -v for k, v in a.items()}
                r = -r
                kind = {"le": "ge", "ge": "le", "eq": "eq"}[kind]
            prepared.append((a, kind, r))
            if kind != "le":
                nart += 1
        self.width = ncol + nslack + nart
        self.first_art = ncol + nslack
        slack = ncol
        art = self.first_art
        for a, kind, r in prepared:
            row = [ZERO] * (self.width + 1)
            for k, v in a.items():
                row[k] = v
            row[-1] = r
            if kind == "le":
                row[slack] = ONE
                self.basis.append(slack)
                slack += 1
            else:
                if kind == "ge":
                    row[slack] = -ONE
                    slack += 1
                row[art] = ONE
                self.basis.append(art)
                art += 1
            self.rows.append(row)

    def pivot(self, r, col):
        prow = self.rows[r]
        p = prow[col]
        if p != ONE:
            prow = [v / p for v in prow]
            self.rows[r] = prow
        nz = [(k, v) for k, v in enumerate(prow) if v]
        for i, row in enumerate(self.rows):
            if i != r:
                f = row[col]
                if f:
                    for k, v in nz:
                        row[k] -= f * v
        self.basis[r] = col

    def reduced_costs(self, cost, allowed):
        """d_j = c_j - c_B B^-1 A_j for a minimisation, over allowed columns."""
        cb = [cost[b] for b in self.basis]
        d = list(cost[: self.width])
        for cbi, row in zip(cb, self.rows):
            if cbi:
                for k in range(self.width):
                    v = row[k]
                    if v:
                        d[k] -= cbi * v
        for k in range(self.width):
            if not allowed(k):
                d[k] = ZERO
        return d

    def minimise(self, cost, allowed):
        """Primal simplex for min cost.y from the current feasible basis."""
        degenerate = 0
        while True:
            d = self.reduced_costs(cost, allowed)
            bland = degenerate >= BLAND_AFTER
            enter = None
            basic = set(self.basis)
            for k in range(self.width):
                if d[k] < 0 and k not in basic:
                    if enter is None or (not bland and d[k] < d[enter]):
                        enter = k
                        if bland:
                            break
            if enter is None:
                return "optimal"
            leave = None
            best = None
            for i, row in enumerate(self.rows):
                a = row[enter]
                if a > 0:
                    ratio = row[-1] / a
                    if best is None or ratio < best or (ratio == best and self.basis[i] < self.basis[leave]):
                        best, leave = ratio, i
            if leave is None:
                return "unbounded"
            degenerate = degenerate + 1 if best == 0 else 0
            self.pivot(leave, enter)

    def value_of(self, ncol):
        y = [ZERO] * ncol
        for i, b in enumerate(self.basis):
            if b < ncol:
                y[b] = self.rows[i][-1]
        return y


def solve(sense, c, rows, lower, upper):
    ncol, cols, shift, std_rows, cost, const = _to_standard(c, rows, lower, upper)
    t = Tableau(ncol, std_rows)
    # phase 1: minimise the sum of artificials
    w = [ZERO] * t.width
    for k in range(t.first_art, t.width):
        w[k] = ONE
    t.minimise(w, lambda k: True)
    infeas = sum(t.rows[i][-1] for i, b in enumerate(t.basis) if b >= t.first_art)
    if infeas != 0:
        return ("infeasible",)
    # drive artificials at zero out of the basis where possible
    for i, b in enumerate(list(t.basis)):
        if b >= t.first_art:
            for k in range(t.first_art):
                if t.rows[i][k] != 0:
                    t.pivot(i, k)
                    break
    # phase 2
    sign = -1 if sense == "max" else 1
    phase2 = [sign * v for v in cost] + [ZERO] * (t.width - ncol)
    if t.minimise(phase2, lambda k: k < t.first_art) == "unbounded":
        return ("unbounded",)
    y = t.value_of(ncol)
    x = []
    for j in range(len(c)):
        x.append(shift[j] + sum(sgn * y[k] for k, sgn in cols[j]))
    value = sum(cj * xj for cj, xj in zip(c, x))
    return ("optimal", value, x)
