"""Exact numbers across the boundary: mechcert's exact strings ("-3/4") to ``Fraction``,
Python numbers to what the native module accepts (never a float), and polynomials in the
parameter of a family with exact ``Fraction`` coefficients.
"""

from __future__ import annotations

import numbers
from fractions import Fraction
from typing import Iterable, Sequence, Union

from . import _native
from ._native import InputError

#: A number as the package accepts it: exact, or a string such as "1/3".
Exact = Union[Fraction, int, str]


def fraction(text: str | int) -> Fraction:
    """An exact string of mechcert ("-3/4", "7") as a ``Fraction``."""
    return Fraction(text)


def optional_fraction(text: str | None) -> Fraction | None:
    return None if text is None else Fraction(text)


def count(v: int | str) -> int:
    """A count of the CLI's JSON: a number, or its decimal string beyond 64 bits."""
    return int(v)


def refuse_float(x: float) -> InputError:
    """The CLI's error for a float where an exact number belongs."""
    return InputError(_native.float_message(x))


def to_native(x: object) -> object:
    """A Python number as the instance parser takes it: ``Fraction`` and other rationals as
    exact strings, ``int`` as is, ``str`` as is, a ``Polynomial`` as mechcert prints it, and a
    ``float`` as a float, which the parser refuses with the CLI's message. Lists and dicts are
    converted element by element."""
    if isinstance(x, bool):
        return x
    if isinstance(x, int):
        return int(x)
    if isinstance(x, float):
        return x
    if isinstance(x, Fraction):
        return str(x)
    if isinstance(x, numbers.Rational):
        return str(Fraction(int(x.numerator), int(x.denominator)))
    if isinstance(x, Polynomial):
        return str(x)
    if isinstance(x, dict):
        return {k: to_native(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [to_native(v) for v in x]
    return x


def whole(name: str, v: object) -> None:
    """Refuse anything but a whole number from 0 to 2^64 - 1 (or None) for a count argument:
    a float with the CLI's message."""
    if v is None:
        return
    if isinstance(v, float):
        raise InputError(f"{name}: {_native.float_message(v)}")
    if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v < 2**64:
        raise InputError(f"{name}={v!r}: use a whole number from 0 to 2^64 - 1")


def exact_text(x: object, what: str) -> str:
    """An exact number given by the user as mechcert's text, for a parameter of a call;
    a float raises ``InputError`` with the CLI's message."""
    if isinstance(x, bool):
        raise InputError(f"{what}: expected an exact number, found a boolean")
    if isinstance(x, float):
        raise refuse_float(x)
    if isinstance(x, (int, Fraction)):
        return str(x)
    if isinstance(x, numbers.Rational):
        return str(Fraction(int(x.numerator), int(x.denominator)))
    if isinstance(x, str):
        return x
    raise InputError(
        f"{what}: expected a number such as Fraction(1, 3), 7 or \"1/3\", found a {type(x).__name__}"
    )


def exact(x: object, what: str) -> Fraction:
    """An exact number given by the user as a ``Fraction`` (strings parsed by mechcert's rules)."""
    if isinstance(x, Fraction):
        return x
    text = exact_text(x, what)
    # mechcert's own parser decides what a valid exact string is; its printing is Fraction's
    return Fraction(_native.exact_number(text, what) if isinstance(x, str) else text)


class Polynomial:
    """A polynomial in the parameter of a family, with exact ``Fraction`` coefficients.

    ``coefficients[i]`` is the coefficient of ``k**i``; ``str()`` is mechcert's printing
    (``19/27 - 4/27*k``); calling it at an exact number evaluates it exactly.
    """

    __slots__ = ("coefficients", "parameter")

    coefficients: tuple[Fraction, ...]
    parameter: str

    def __init__(self, coefficients: Iterable[Exact], parameter: str = "k") -> None:
        cs = [exact(c, "coefficient") for c in coefficients]
        while cs and cs[-1] == 0:
            cs.pop()
        self.coefficients = tuple(cs)
        self.parameter = parameter

    @classmethod
    def parse(cls, text: str, parameter: str = "k") -> "Polynomial":
        """A polynomial as mechcert prints it (or as an instance file writes a value)."""
        return cls((Fraction(c) for c in _native.poly_coefficients(text, parameter)), parameter)

    @property
    def degree(self) -> int | None:
        """The degree, ``None`` for the zero polynomial."""
        return len(self.coefficients) - 1 if self.coefficients else None

    def is_constant(self) -> bool:
        return len(self.coefficients) <= 1

    def __call__(self, at: Exact) -> Fraction:
        """The exact value at ``at`` (a ``Fraction``, ``int`` or exact string; never a float)."""
        x = exact(at, f"{self.parameter} =")
        value = Fraction(0)
        for c in reversed(self.coefficients):
            value = value * x + c
        return value

    def __str__(self) -> str:
        return _native.poly_display([str(c) for c in self.coefficients], self.parameter)

    def __repr__(self) -> str:
        return f"Polynomial({str(self)!r})"

    def _repr_latex_(self) -> str:
        return "$" + str(self).replace("*", " ") + "$"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Polynomial):
            return self.coefficients == other.coefficients and (
                self.parameter == other.parameter or self.is_constant()
            )
        if isinstance(other, (int, Fraction)):
            return self.coefficients == Polynomial([other]).coefficients
        return NotImplemented

    def __hash__(self) -> int:
        if self.is_constant():
            return hash(self.coefficients[0] if self.coefficients else Fraction(0))
        return hash((self.coefficients, self.parameter))

    def _lift(self, other: object) -> "Polynomial":
        if isinstance(other, Polynomial):
            if other.parameter != self.parameter and not other.is_constant():
                raise InputError(
                    f"polynomials in {self.parameter} and {other.parameter} do not combine"
                )
            return other
        return Polynomial([exact(other, "operand")], self.parameter)

    def __add__(self, other: object) -> "Polynomial":
        o = self._lift(other)
        n = max(len(self.coefficients), len(o.coefficients))
        pad = lambda c: list(c) + [Fraction(0)] * (n - len(c))  # noqa: E731
        return Polynomial(
            [a + b for a, b in zip(pad(self.coefficients), pad(o.coefficients))], self.parameter
        )

    __radd__ = __add__

    def __neg__(self) -> "Polynomial":
        return Polynomial([-c for c in self.coefficients], self.parameter)

    def __sub__(self, other: object) -> "Polynomial":
        return self + (-self._lift(other))

    def __rsub__(self, other: object) -> "Polynomial":
        return self._lift(other) - self

    def __mul__(self, other: object) -> "Polynomial":
        o = self._lift(other)
        out = [Fraction(0)] * max(len(self.coefficients) + len(o.coefficients) - 1, 0)
        for i, a in enumerate(self.coefficients):
            for j, b in enumerate(o.coefficients):
                out[i + j] += a * b
        return Polynomial(out, self.parameter)

    __rmul__ = __mul__


def scalar(text: str | None, parameter: str | None) -> Fraction | Polynomial | None:
    """A quantity of a report: a ``Fraction`` on a concrete instance, a ``Polynomial`` on a
    family."""
    if text is None:
        return None
    if parameter is None:
        return Fraction(text)
    return Polynomial.parse(text, parameter)


class Piecewise:
    """A quantity of a family given per cell of the domain: ``pieces`` is a list of
    ``(domain, Polynomial)`` with the domain as mechcert prints it (``1 < k < 19/4``)."""

    __slots__ = ("pieces", "parameter")

    def __init__(self, pieces: Sequence[tuple[str, Polynomial]], parameter: str) -> None:
        self.pieces = list(pieces)
        self.parameter = parameter

    def __call__(self, at: Exact) -> Fraction:
        """The exact value at ``at``; an ``InputError`` outside every cell."""
        x = exact(at, f"{self.parameter} =")
        for domain, p in self.pieces:
            if _native.domain_contains(domain, self.parameter, str(x)):
                return p(x)
        raise InputError(f"{self.parameter} = {x} is outside the domain")

    def __str__(self) -> str:
        return "; ".join(f"{p} for {d}" for d, p in self.pieces)

    def __repr__(self) -> str:
        return f"Piecewise({self.pieces!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Piecewise):
            return self.pieces == other.pieces
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]
