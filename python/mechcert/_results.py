"""What mechcert's computations return, as Python objects: each wraps the JSON object the CLI
prints with ``--json`` (``to_dict()`` returns it unchanged) and exposes its exact numbers as
``Fraction`` (or ``Polynomial`` on a family), with ``_repr_html_`` tables for notebooks.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, NamedTuple, Sequence

from ._numbers import Polynomial, count, fraction, optional_fraction, scalar


def _table(header: list[str], rows: Sequence[Sequence[object]], caption: str = "") -> str:
    esc = lambda v: html.escape("-" if v is None else str(v))  # noqa: E731
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>" for r in rows)
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


class _Wrapped:
    """A result that is the CLI's JSON object underneath."""

    _data: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of the CLI's ``--json`` output (exact numbers as strings)."""
        return json.loads(json.dumps(self._data))

    def to_json(self, **kwargs: Any) -> str:
        """The same object as JSON text."""
        return json.dumps(self._data, **kwargs)


@dataclass(frozen=True)
class Violation:
    """One failing inequality: what it is in words and its exact slack."""

    inequality: str
    slack: Fraction | Polynomial


@dataclass(frozen=True)
class PropertyResult:
    """One property of a checked mechanism.

    ``holds`` is ``None`` when the property was not decided (skipped, e.g. too many profiles).
    ``min_slack`` is the least exact slack over the inequalities checked (``None`` when nothing
    was checked or slacks depend on the parameter). ``fails_on`` is where on a family's
    domain it fails (mechcert's printing of the region), ``None`` when it does not.
    """

    name: str
    holds: bool | None
    checked: int
    violations: int
    min_slack: Fraction | None
    first_violations: list[Violation] = field(default_factory=list)
    fails_on: str | list[str] | None = None
    skipped: str | None = None

    @classmethod
    def _from(cls, name: str, d: dict[str, Any], parameter: str | None) -> "PropertyResult":
        return cls(
            name=name,
            holds=d["holds"],
            checked=count(d["checked"]),
            violations=count(d["violations"]),
            min_slack=optional_fraction(d["min_slack"]),
            first_violations=[
                Violation(v["inequality"], scalar(v["slack"], parameter))  # type: ignore[arg-type]
                for v in d.get("first_violations", [])
            ],
            fails_on=d.get("fails_on"),
            skipped=d.get("skipped"),
        )


def _holds_text(p: PropertyResult) -> str:
    """As the CLI's table says it: yes, no (with where on a family), or skipped."""
    if p.holds is None:
        return "skipped"
    if p.holds:
        return "yes"
    where = p.fails_on if isinstance(p.fails_on, str) else " or ".join(p.fails_on or [])
    return f"no, for {where}" if where else "no"


class Report(_Wrapped):
    """A mechanism checked on an instance (``mechcert check --json``).

    ``properties`` maps each property (``interim_ic_buyer``, ``interim_ic_seller``,
    ``interim_ir_buyer``, ``interim_ir_seller``, ``monotone``, ``ex_post_ic``, ``ex_post_ir``,
    ``ex_post_bb``, ``efficient``) to a :class:`PropertyResult`. On a family the properties are
    merged over the cells (a property fails if it fails in some cell) and ``cells`` holds the
    report of each cell.
    """

    def __init__(self, data: dict[str, Any], parameter: str | None = None) -> None:
        self._data = data
        self.parameter: str | None = parameter or data.get("parameter")
        p = self.parameter
        self.instance: str = data.get("instance", "")
        self.file: str = data.get("file", "")
        self.mechanism: str | None = data.get("mechanism")
        self.profiles: int = count(data["profiles"]) if data.get("profiles") is not None else 0
        self.expected_surplus: Fraction | Polynomial | None = scalar(
            data.get("expected_surplus"), p
        )
        self.base_surplus: Fraction | Polynomial | None = scalar(data.get("base_surplus"), p)
        self.properties: dict[str, PropertyResult] = {
            k: PropertyResult._from(k, v, p) for k, v in data["properties"].items()
        }
        self.cells: list[Cell] = [Cell(c, p or "k") for c in data.get("cells", [])]
        if self.mechanism is None and self.cells:
            # a family's report names the mechanism in each cell
            self.mechanism = self.cells[0].mechanism

    def holds(self, name: str) -> bool | None:
        """Whether property ``name`` holds (``None``: not decided)."""
        return self.properties[name].holds

    def __repr__(self) -> str:
        failing = [k for k, v in self.properties.items() if v.holds is False]
        return (
            f"<Report {self.mechanism or ''} on {self.instance!r}: expected surplus "
            f"{self.expected_surplus}; fails: {', '.join(failing) or 'none'}>"
        )

    def _repr_html_(self) -> str:
        rows = [
            [
                k,
                _holds_text(v),
                v.checked,
                v.violations,
                v.min_slack,
            ]
            for k, v in self.properties.items()
        ]
        caption = f"{self.mechanism or 'mechanism'} on {self.instance}: expected surplus {self.expected_surplus}"
        return _table(["property", "holds", "checked", "violations", "min slack"], rows, caption)


class Cell(Report):
    """The report of one cell of a family: where on the domain the order of all values is
    fixed (``domain``, ``order``), with the sign of the surplus there."""

    def __init__(self, data: dict[str, Any], parameter: str) -> None:
        super().__init__(data, parameter)
        self.domain: str = data["domain"]
        self.order: str = data["order"]
        self.surplus_sign: dict[str, str | None] = data.get("surplus_sign", {})


@dataclass(frozen=True, eq=False)
class SecondBest(_Wrapped):
    """The second best of Section 6 (``mechcert solve second-best --json``): the welfare, the
    first-best welfare, Theorem 3's reduced form, Π(x*), the allocation x(B_i, S_j) and the
    certificate (re-checked by the independent checker)."""

    _data: dict[str, Any]

    @property
    def welfare(self) -> Fraction:
        return fraction(self._data["welfare"])

    @property
    def first_best_welfare(self) -> Fraction:
        return fraction(self._data["first_best_welfare"])

    @property
    def reduced_welfare(self) -> Fraction:
        return fraction(self._data["reduced_welfare"])

    @property
    def pi_first_best(self) -> Fraction:
        return fraction(self._data["pi_first_best"])

    @property
    def allocation(self) -> list[list[Fraction]]:
        return [[fraction(x) for x in row] for row in self._data["allocation"]]

    @property
    def ex_post_ir(self) -> bool:
        return bool(self._data["ex_post_ir"])

    @property
    def certificate(self) -> dict[str, Any]:
        return self._data["certificate"]

    def __repr__(self) -> str:
        return f"<SecondBest welfare {self.welfare} (first best {self.first_best_welfare})>"

    def _repr_html_(self) -> str:
        alloc = self.allocation
        n = len(alloc[0]) if alloc else 0
        rows = [[f"B{i + 1}", *row] for i, row in enumerate(alloc)]
        caption = (
            f"second best {self.welfare}, first best {self.first_best_welfare}: allocation x(B_i, S_j)"
        )
        return _table(["", *[f"S{j + 1}" for j in range(n)]], rows, caption)


@dataclass(frozen=True, eq=False)
class Certified(_Wrapped):
    """A claim certified on an instance (``mechcert certify CLAIM FILE --json``): the verdict
    (``holds``, ``fails`` or ``not-applicable``), the reason and the certificate, which the
    independent checker has re-verified."""

    _data: dict[str, Any]

    @property
    def claim(self) -> str:
        return self._data["claim"]

    @property
    def verdict(self) -> str:
        return self._data["verdict"]

    @property
    def reason(self) -> str:
        return self._data["reason"]

    @property
    def certificate(self) -> dict[str, Any]:
        return self._data["certificate"]

    @property
    def holds(self) -> bool:
        return self.verdict == "holds"

    def __repr__(self) -> str:
        return f"<Certified {self.claim}: {self.verdict} — {self.reason}>"

    def _repr_html_(self) -> str:
        rows = [
            [a.get("role"), a.get("text"), "holds" if a.get("holds") else "FAILS"]
            for a in (self.certificate or {}).get("assertions", [])
            if isinstance(a, dict)
        ]
        caption = f"{self.claim}: {self.verdict} — {self.reason}"
        return _table(["role", "assertion", ""], rows, caption)


class Claim(NamedTuple):
    """A claim of the paper: its id, where the paper states it, and the statement."""

    id: str
    section: str
    statement: str


@dataclass(frozen=True)
class ClaimInfo:
    """A claim with what ``mechcert claims --json`` says besides: the reading (as printed or
    corrected) and whether it is existential (search looks for a witness)."""

    id: str
    section: str
    statement: str
    reading: str
    existential: bool
