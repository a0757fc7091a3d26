"""A tour of mechcert from Python (paste into a notebook cell by cell): load an instance, check
a mechanism, certify a claim and re-check its certificate, search for a counterexample, solve
the second best, and plot Π(k) of a family with matplotlib when it is installed. Every number
is exact (``fractions.Fraction``). Run from the repository root after ``pip install ./python``:

    python examples/tour.py
"""

from fractions import Fraction
from pathlib import Path

import mechcert

PROOFS = Path(__file__).resolve().parents[1] / "proofs"

# -- load an instance, or build one from exact numbers --------------------------------------
example1 = mechcert.Instance.load(PROOFS / "example-1.toml")
print(example1)
inst = mechcert.Instance(
    buyer_values=[1, 3],
    buyer_probs=[Fraction(1, 4), Fraction(3, 4)],
    seller_values=[0, 2],
    seller_probs=["2/3", "1/3"],
    buyers=1,
)
print("Π of VCG' (Example 1, two buyers):", example1.vcg_prime_surplus())  # 9/8
print("Π of VCG' (the instance above):  ", inst.vcg_prime_surplus())  # -1/12

# -- check a mechanism: every IC, IR, BB and efficiency inequality, exactly -----------------
rep = inst.check("vcg-prime")
for name, p in rep.properties.items():
    print(f"  {name:18} holds={p.holds!s:5} checked={p.checked:3} violations={p.violations} min_slack={p.min_slack}")
# in a notebook, `rep` alone displays the same table (rep._repr_html_())

# -- certify a claim and re-check the certificate with the independent checker --------------
c = mechcert.certify("theorem-1", inst)
print(c.claim, c.verdict, "-", c.reason)
print("certificate checks:", bool(mechcert.cert_check(c.certificate)))

# -- search for a counterexample (small budget) ---------------------------------------------
found = mechcert.search("theorem-4", seed=1, budget=500)
print(found)
if found.counterexample is not None:
    print(found.counterexample.to_toml())

# -- the second best (Section 6) -------------------------------------------------------------
deficit = mechcert.Instance.load(PROOFS / "theorem-4-deficit.toml")
sb = deficit.second_best()
print("second best", sb.welfare, "first best", sb.first_best_welfare)
for i, row in enumerate(sb.allocation, 1):
    print(f"  x(B{i}, ·) =", [str(x) for x in row])

# -- a family in k: Π_2(k) of Example 2 as an exact polynomial ------------------------------
family = mechcert.Instance.load(PROOFS / "example-2-family-two-buyers.toml")
pi = family.vcg_prime_surplus()
print("Π_2(k) =", pi, "; Π_2(19/4) =", pi(Fraction(19, 4)), "; Π_2(2) =", pi(2))

try:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:
    print("(matplotlib is not installed: no plot)")
else:
    ks = [1 + Fraction(i, 10) for i in range(1, 80)]
    # exact values, converted to floats only to draw them
    plt.plot([float(k) for k in ks], [float(pi(k)) for k in ks])
    plt.axhline(0, color="grey", linewidth=0.5)
    plt.xlabel("k")
    plt.ylabel("Π_2(k)")
    plt.title(f"Example 2: Π_2(k) = {pi}")
    import tempfile

    out = Path(tempfile.gettempdir()) / "example-2-surplus.png"
    plt.savefig(out)
    print("plot written to", out)
