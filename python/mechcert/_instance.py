"""``Instance``: a seller and one or more identical buyers with finitely many values and exact
probabilities (optionally values that are polynomials in a parameter), loaded from a file,
parsed from TOML text or built from Python values, and what mechcert computes on it.
"""

from __future__ import annotations

import json
import os
from fractions import Fraction
from typing import Any, Sequence

from . import _native
from ._native import InputError
from ._numbers import Exact, Piecewise, Polynomial, exact_text, scalar, to_native, whole
from ._results import Certified, Report, SecondBest, _table


def _fields(d: dict[str, Any]) -> dict[str, Any]:
    """The keys of an instance file with every number as the parser takes it."""
    return {k: to_native(v) for k, v in d.items()}


class Instance:
    """An instance of the paper's trade problem, validated exactly as an instance file is.

    Build one from a file (:meth:`load`), TOML text (:meth:`from_toml`), the JSON object of the
    instance schema (:meth:`from_dict`), or from values and probabilities::

        Instance(buyer_values=[1, 3], buyer_probs=[Fraction(1, 4), Fraction(3, 4)],
                 seller_values=[0, 2], seller_probs=["2/3", "1/3"], buyers=1)

    Numbers are ``Fraction``, ``int`` or exact strings ("1/3"); with ``parameter="k"`` values
    may be polynomials ("7k", "8k + 1") and ``domain`` restricts k ("k > 1"). A float raises
    :class:`mechcert.InputError` with the CLI's message.
    """

    __slots__ = ("_native", "_dict")

    def __init__(
        self,
        buyer_values: Sequence[Exact | Polynomial],
        buyer_probs: Sequence[Exact],
        seller_values: Sequence[Exact | Polynomial],
        seller_probs: Sequence[Exact],
        buyers: int = 1,
        *,
        name: str = "",
        source: str | None = None,
        parameter: str | None = None,
        domain: str | None = None,
        tie_break: str | None = None,
        seller_ties: str | None = None,
        allocation: Sequence[Sequence[Exact]] | None = None,
        origin: str = "<python>",
    ) -> None:
        fields: dict[str, Any] = {
            "name": name,
            "source": source,
            "buyers": buyers,
            "tie_break": tie_break,
            "seller_ties": seller_ties,
            "parameter": parameter,
            "domain": domain,
            "allocation": allocation,
            "buyer": {"values": list(buyer_values), "probs": list(buyer_probs)},
            "seller": {"values": list(seller_values), "probs": list(seller_probs)},
        }
        self._set(_native.NativeInstance.from_fields(_fields(fields), origin))

    def _set(self, native: _native.NativeInstance) -> None:
        self._native = native
        self._dict: dict[str, Any] = json.loads(native.to_json())

    @classmethod
    def _wrap(cls, native: _native.NativeInstance) -> "Instance":
        inst = cls.__new__(cls)
        inst._set(native)
        return inst

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> "Instance":
        """Read and validate an instance file (TOML, the README's schema)."""
        return cls._wrap(_native.NativeInstance.load(os.fspath(path)))

    @classmethod
    def from_toml(cls, text: str, origin: str = "<string>") -> "Instance":
        """Parse and validate instance text (TOML); ``origin`` names it in errors."""
        return cls._wrap(_native.NativeInstance.parse(text, origin))

    @classmethod
    def from_dict(cls, d: dict[str, Any], origin: str = "<dict>") -> "Instance":
        """An instance from the JSON object of the instance schema (what :meth:`to_dict`
        returns, and what a search's counterexample is)."""
        return cls._wrap(_native.NativeInstance.from_fields(_fields(d), origin))

    # -- what the instance is -------------------------------------------------------------

    @property
    def name(self) -> str:
        return self._native.name

    @property
    def origin(self) -> str:
        """Where the instance came from (a path, ``<python>``, ``<string>``), as errors name it."""
        return self._native.origin

    @property
    def parameter(self) -> str | None:
        """The parameter of a family (``"k"``), ``None`` for a concrete instance."""
        return self._native.parameter

    @property
    def domain(self) -> str | None:
        return self._dict.get("domain")

    @property
    def buyers(self) -> int:
        return int(self._dict["buyers"])

    @property
    def is_market(self) -> bool:
        """Whether this is a market of Section 7.2 (``[[buyer]]``/``[[seller]]`` arrays: several
        sellers, or buyers with their own distributions); its agents are in
        :attr:`buyer_groups` and :attr:`seller_groups`."""
        return isinstance(self._dict["buyer"], list)

    def _groups(self, side: str) -> list[dict[str, Any]]:
        tables = self._dict[side]
        if not isinstance(tables, list):
            tables = [dict(tables, count=self.buyers if side == "buyer" else 1)]
        return [
            {
                "values": [Fraction(v) for v in t["values"]],
                "probs": [Fraction(p) for p in t["probs"]],
                "count": int(t.get("count", 1)),
            }
            for t in tables
        ]

    @property
    def buyer_groups(self) -> list[dict[str, Any]]:
        """The buyers as groups of identical agents: ``values``, ``probs`` (``Fraction``) and
        ``count`` each (one group of :attr:`buyers` buyers when this is not a market)."""
        return self._groups("buyer")

    @property
    def seller_groups(self) -> list[dict[str, Any]]:
        """The sellers as groups of identical agents (one seller when this is not a market)."""
        return self._groups("seller")

    def _side(self, side: str) -> dict[str, Any]:
        if self.is_market:
            raise InputError(
                f"{self.origin}: this instance is a market with several sellers or buyers of "
                f"their own distributions: use {side}_groups for its agents"
            )
        return self._dict[side]  # type: ignore[no-any-return]

    def _values(self, side: str) -> list[Fraction | Polynomial]:
        return [scalar(v, self.parameter) for v in self._side(side)["values"]]  # type: ignore[misc]

    @property
    def buyer_values(self) -> list[Fraction | Polynomial]:
        return self._values("buyer")

    @property
    def buyer_probs(self) -> list[Fraction]:
        return [Fraction(p) for p in self._side("buyer")["probs"]]

    @property
    def seller_values(self) -> list[Fraction | Polynomial]:
        return self._values("seller")

    @property
    def seller_probs(self) -> list[Fraction]:
        return [Fraction(p) for p in self._side("seller")["probs"]]

    def to_dict(self) -> dict[str, Any]:
        """The instance as a JSON object of the instance schema (exact numbers as strings)."""
        return json.loads(json.dumps(self._dict))

    def to_toml(self) -> str:
        """The canonical TOML text (an instance file)."""
        return self._native.to_toml()

    def substitute(self, value: Exact) -> "Instance":
        """The member of a family at an exact parameter value, as a concrete instance."""
        return Instance._wrap(self._native.substitute(exact_text(value, "parameter value")))

    # -- computations -----------------------------------------------------------------------

    def vcg_prime_surplus(self) -> Fraction | Polynomial | Piecewise:
        """Π, the expected surplus of VCG' (Definition 2; Section 5's four-case formula with
        several buyers; Section 7.2's on a market): a ``Fraction``, or on a family a ``Polynomial`` in the parameter (a
        ``Piecewise`` when the domain has several cells)."""
        v = json.loads(self._native.vcg_prime_surplus())
        if isinstance(v, str):
            return Fraction(v)
        p = self.parameter or "k"
        pieces = [(c["domain"], Polynomial.parse(c["surplus"], p)) for c in v]
        if len(pieces) == 1:
            return pieces[0][1]
        return Piecewise(pieces, p)

    def check(
        self,
        mechanism: str = "vcg-prime",
        *,
        alpha: Exact | None = None,
        only: str | None = None,
        max_profiles: int | None = None,
        listed: int = 5,
    ) -> Report:
        """Check a mechanism (``vcg``, ``vcg-prime``, ``bb`` with the seller's share
        ``alpha``, ``tight``) for every IC, IR, BB and efficiency inequality, exactly
        (``mechcert check``). ``only`` is ``"interim"`` or ``"ex-post"``."""
        a = None if alpha is None else exact_text(alpha, "alpha")
        whole("max_profiles", max_profiles)
        whole("listed", listed)
        return Report(json.loads(self._native.check(mechanism, a, only, max_profiles, listed)))

    def second_best(self, ex_post_ir: bool = False) -> SecondBest:
        """The second best of Section 6 (one buyer), solved as an exact LP, with its
        certificate (``mechcert solve second-best``)."""
        return SecondBest(json.loads(self._native.second_best(ex_post_ir)))

    def certify(self, claim: str) -> Certified:
        """Certify a claim of the paper on this instance (``mechcert certify``)."""
        return Certified(json.loads(self._native.certify(claim)))

    # -- display --------------------------------------------------------------------------

    def __repr__(self) -> str:
        fam = f", {self.parameter} on {self.domain}" if self.parameter else ""
        if self.is_market:
            nb = sum(g["count"] for g in self.buyer_groups)
            ns = sum(g["count"] for g in self.seller_groups)
            return f"<Instance {self.name or self.origin!r}: market of {nb} buyer(s) x {ns} seller(s)>"
        return (
            f"<Instance {self.name or self.origin!r}: {len(self._dict['buyer']['values'])} buyer x "
            f"{len(self._dict['seller']['values'])} seller values, {self.buyers} buyer(s){fam}>"
        )

    def _repr_html_(self) -> str:
        rows = []
        if self.is_market:
            for side, label in (("buyer", "buyer"), ("seller", "seller")):
                for j, t in enumerate(self._dict[side]):
                    agent = f"{label} {j + 1}" + (f" (x{t['count']})" if "count" in t else "")
                    for i, (v, p) in enumerate(zip(t["values"], t["probs"])):
                        rows.append([f"{agent}: value {i + 1}", v, p])
            return _table(["type", "value", "probability"], rows, f"{self.name or self.origin}: market")
        for side, label in (("buyer", "B"), ("seller", "S")):
            for i, (v, p) in enumerate(zip(self._dict[side]["values"], self._dict[side]["probs"])):
                rows.append([f"{label}{i + 1}", v, p])
        fam = f"; {self.parameter} on {self.domain}" if self.parameter else ""
        caption = f"{self.name or self.origin}: {self.buyers} buyer(s){fam}"
        return _table(["type", "value", "probability"], rows, caption)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Instance):
            return NotImplemented
        return self._dict == other._dict

    __hash__ = None  # type: ignore[assignment]
