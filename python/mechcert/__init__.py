"""mechcert for Python: certify claims about trade mechanisms exactly (Kos & Manea, *Efficient
Trade Mechanism with Discrete Values*), with exact numbers as ``fractions.Fraction``.

    >>> import mechcert
    >>> from fractions import Fraction
    >>> inst = mechcert.Instance(buyer_values=[1, 3], buyer_probs=[Fraction(1, 4), Fraction(3, 4)],
    ...                          seller_values=[0, 2], seller_probs=["2/3", "1/3"])
    >>> inst.vcg_prime_surplus()
    Fraction(1, 4)

Every value equals what the CLI prints with ``--json`` on the same instance (the computations
are the same library functions); ``to_dict()`` of every result is that JSON object. Errors are
:class:`InputError` (the CLI's exit code 1), :class:`InconsistencyError` (exit code 2) and its
subclass :class:`CertificateError` (a certificate the independent checker rejects).
"""

from __future__ import annotations

import json
import os
from typing import Any

from . import _native
from ._instance import Instance
from ._native import CertificateError, InconsistencyError, InputError, MechcertError
from ._numbers import Piecewise, Polynomial, whole
from ._results import (
    Cell,
    Certified,
    Claim,
    ClaimInfo,
    PropertyResult,
    Report,
    SecondBest,
    Violation,
    _Wrapped,
)

__version__: str = _native.__version__

__all__ = [
    "CertificateError",
    "Cell",
    "CertCheck",
    "Certified",
    "Claim",
    "ClaimInfo",
    "InconsistencyError",
    "InputError",
    "Instance",
    "MechcertError",
    "Piecewise",
    "Polynomial",
    "PropertyResult",
    "Report",
    "SearchResult",
    "SecondBest",
    "Violation",
    "cert_check",
    "certify",
    "claim_info",
    "claims",
    "search",
]


def claims() -> list[Claim]:
    """Every claim id with its paper section and statement (``mechcert claims``)."""
    return [Claim(c["id"], c["section"], c["statement"]) for c in _claims_json()]


def claim_info() -> list[ClaimInfo]:
    """Every claim with its reading and whether it is existential (``mechcert claims --json``)."""
    return [ClaimInfo(**c) for c in _claims_json()]


def _claims_json() -> list[dict[str, Any]]:
    return json.loads(_native.claims())["claims"]


def certify(claim: str, instance: Instance | str | os.PathLike[str]) -> Certified:
    """Certify a claim on an instance (an :class:`Instance` or an instance file); the
    certificate is re-checked by the independent checker (``mechcert certify``)."""
    if not isinstance(instance, Instance):
        instance = Instance.load(instance)
    return instance.certify(claim)


class CertCheck(_Wrapped):
    """What the independent checker accepted: the claim, the verdict, and the checker's own
    statement of the claim."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data
        self.claim: str = data["claim"]
        self.verdict: str = data["verdict"]
        self.statement: str | None = data["statement"]

    def __bool__(self) -> bool:
        return True

    def __eq__(self, other: object) -> bool:
        if other is True:
            return True
        if isinstance(other, CertCheck):
            return self._data == other._data
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<CertCheck ok: {self.claim} {self.verdict}>"


def cert_check(certificate: dict[str, Any] | str | os.PathLike[str]) -> CertCheck:
    """Re-verify a certificate (a dict, JSON text, or a certificate file) with the independent
    checker. Returns a true value describing what was checked; raises
    :class:`CertificateError` when it does not check and :class:`InputError` when it cannot be
    read within the checker's documented limits (``mechcert cert-check``)."""
    if isinstance(certificate, dict):
        text = json.dumps(certificate)
    elif isinstance(certificate, os.PathLike) or (
        isinstance(certificate, str) and not certificate.lstrip().startswith("{")
    ):
        text = _native.read_certificate(os.fspath(certificate))
    else:
        text = str(certificate)
    return CertCheck(json.loads(_native.cert_check(text)))


class SearchResult(_Wrapped):
    """A counterexample search (``mechcert search --json``): how many instances were searched
    and applied, and the shrunk counterexample (a witness, for an existential claim) with its
    certificate, or ``None``."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data
        self.claim: str = data["claim"]
        self.searched: int = int(data["searched"])
        self.applicable: int = int(data["applicable"])
        self.seed: int = int(data["seed"])
        self.note: str | None = data.get("note")
        ce = data.get("counterexample")
        self.counterexample: Instance | None = (
            None if ce is None else Instance.from_dict(ce, origin="<search>")
        )
        self.certificate: dict[str, Any] | None = data.get("certificate")
        self.files: list[str] | None = data.get("files")

    def __repr__(self) -> str:
        found = "none found" if self.counterexample is None else repr(self.counterexample)
        return f"<SearchResult {self.claim}: {self.searched} searched ({self.applicable} applicable); {found}>"

    def _repr_html_(self) -> str:
        head = f"<p>{self!r}</p>".replace("<S", "&lt;S", 1).replace(">", "&gt;", 1)
        return head + (self.counterexample._repr_html_() if self.counterexample else "")


def search(
    claim: str,
    seed: int = 1,
    budget: int = 10_000,
    *,
    types: tuple[int, int] | None = None,
    buyers: int | None = None,
    out: str | os.PathLike[str] | None = None,
) -> SearchResult:
    """Search for a counterexample to a claim (a witness, for an existential claim) among
    ``budget`` instances drawn from ``seed``, and shrink it (``mechcert search``). With
    ``out`` the shrunk instance and its certificate are saved there as the CLI saves them."""
    for name, v in (("seed", seed), ("budget", budget), ("buyers", buyers)):
        whole(name, v)
    if types is not None:
        whole("types[0]", types[0])
        whole("types[1]", types[1])
    d = _native.search(
        claim, seed, budget, types, buyers, None if out is None else os.fspath(out)
    )
    return SearchResult(json.loads(d))
