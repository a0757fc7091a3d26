"""Every value the package returns equals the CLI's `--json` value on the same instance, on
every instance in proofs/: `check` (each mechanism), `solve second-best`, `certify` (every
claim: the certificates `certify --all proofs/` committed, which CI requires the CLI to
reproduce exactly, plus `certify --json` itself on a sample), `claims`, `search`, and
`cert-check`. Both the JSON objects (`to_dict()`) and the typed values (Fraction, Polynomial,
int) are compared."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

import mechcert
from conftest import PROOFS

INSTANCES = sorted(p.name for p in PROOFS.glob("*.toml"))


def rel(name: str) -> str:
    # the CLI runs in the repository root with this relative path, so `file` fields agree
    return f"proofs/{name}"


def load(name: str) -> mechcert.Instance:
    import os

    from conftest import ROOT

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return mechcert.Instance.load(rel(name))
    finally:
        os.chdir(cwd)


def typed_equal(rep: mechcert.Report, d: dict) -> None:
    """The typed attributes of a report equal the CLI's strings read exactly."""
    p = rep.parameter
    read = (lambda s: None if s is None else Fraction(s)) if p is None else (
        lambda s: None if s is None else mechcert.Polynomial.parse(s, p)
    )
    assert rep.expected_surplus == read(d["expected_surplus"])
    assert rep.profiles == int(d["profiles"])
    for key, v in d["properties"].items():
        got = rep.properties[key]
        assert got.holds == v["holds"]
        assert got.checked == int(v["checked"])
        assert got.violations == int(v["violations"])
        assert got.min_slack == (None if v["min_slack"] is None else Fraction(v["min_slack"]))
        for gv, cv in zip(got.first_violations, v.get("first_violations", [])):
            assert gv.inequality == cv["inequality"]
            assert gv.slack == read(cv["slack"])
    for cell, cd in zip(rep.cells, d.get("cells", [])):
        assert cell.domain == cd["domain"]
        typed_equal(cell, {**cd, "properties": cd["properties"]})


@pytest.mark.parametrize("name", INSTANCES)
@pytest.mark.parametrize("mechanism", ["vcg-prime", "vcg", "bb", "tight"])
def test_check(cli, name, mechanism):
    code, want = cli("check", rel(name), "--mechanism", mechanism)
    try:
        rep = load(name).check(mechanism)
    except mechcert.InputError as e:
        assert code == 1 and want["error"]["message"] == str(e)
        return
    except mechcert.InconsistencyError as e:
        assert code == 2 and want["error"]["message"] == str(e)
        return
    assert code == 0
    assert rep.to_dict() == want
    typed_equal(rep, want)


@pytest.mark.parametrize("name", INSTANCES)
def test_vcg_prime_surplus_is_checks(cli, name):
    code, want = cli("check", rel(name), "--only", "interim")
    inst = load(name)
    if code != 0:
        with pytest.raises(mechcert.MechcertError):
            inst.vcg_prime_surplus()
        return
    pi = inst.vcg_prime_surplus()
    if inst.parameter is None:
        assert pi == Fraction(want["expected_surplus"])
    elif isinstance(pi, mechcert.Polynomial):
        assert str(pi) == want["expected_surplus"]
    else:
        assert [(d, str(q)) for d, q in pi.pieces] == [
            (c["domain"], c["expected_surplus"]) for c in want["cells"]
        ]


@pytest.mark.parametrize("name", INSTANCES)
def test_second_best(cli, name):
    code, want = cli("solve", "second-best", rel(name))
    inst = load(name)
    if code != 0:
        with pytest.raises(mechcert.MechcertError) as e:
            inst.second_best()
        assert str(e.value) == want["error"]["message"]
        return
    sb = inst.second_best()
    assert sb.to_dict() == want
    assert sb.welfare == Fraction(want["welfare"])
    assert sb.first_best_welfare == Fraction(want["first_best_welfare"])
    assert sb.allocation == [[Fraction(x) for x in r] for r in want["allocation"]]


def certificates():
    for path in sorted((PROOFS / "certificates").glob("*.cert.json")):
        stem, claim = path.name[: -len(".cert.json")].split(".", 1)
        yield pytest.param(stem, claim, path, id=f"{stem}.{claim}")


@pytest.mark.parametrize("stem,claim,path", list(certificates()))
def test_certify_reproduces_committed_certificates(stem, claim, path):
    c = load(f"{stem}.toml").certify(claim)
    assert c.certificate == json.loads(path.read_text())
    assert c.verdict == c.certificate["verdict"]


@pytest.mark.parametrize(
    "name,claim",
    [
        ("example-2-family-two-buyers.toml", "example-2"),
        ("theorem-4-deficit.toml", "theorem-4"),
        ("example-1.toml", "theorem-1"),
        ("example-1.toml", "example-1"),
        ("example-1.toml", "no-such-claim"),
    ],
)
def test_certify_json(cli, name, claim):
    code, want = cli("certify", claim, rel(name))
    try:
        got = mechcert.certify(claim, load(name))
    except mechcert.InputError as e:
        assert code == 1 and str(e) == want["error"]["message"]
        return
    assert code == 0
    assert got.to_dict() == want


def test_claims(cli):
    code, want = cli("claims")
    assert code == 0
    assert [c._asdict() for c in mechcert.claims()] == [
        {k: c[k] for k in ("id", "section", "statement")} for c in want["claims"]
    ]
    assert [vars(c) for c in mechcert.claim_info()] == want["claims"]


@pytest.mark.parametrize("claim", ["theorem-4", "lemma-1"])
def test_search(cli, tmp_path, claim):
    code, want = cli("search", claim, "--seed", "1", "--budget", "300", "--out", str(tmp_path / "cli"))
    assert code == 0
    got = mechcert.search(claim, seed=1, budget=300, out=tmp_path / "py")
    d = got.to_dict()
    # the files are where each was told to save them; everything else is the same
    assert [f.replace(str(tmp_path / "py"), "") for f in d.pop("files") or []] == [
        f.replace(str(tmp_path / "cli"), "") for f in want.pop("files") or []
    ]
    assert d == want
    assert got.searched == want["searched"]
    if want["counterexample"] is None:
        assert got.counterexample is None
    else:
        assert got.counterexample.to_dict() == want["counterexample"]
        assert mechcert.cert_check(got.certificate)


def test_cert_check_agrees(cli):
    paths = sorted((PROOFS / "certificates").glob("*.cert.json"))[:5]
    code, want = cli("cert-check", *[str(p) for p in paths])
    assert code == 0
    for p, w in zip(paths, want["results"]):
        got = mechcert.cert_check(p)
        assert (got.claim, got.verdict, got.statement) == (w["claim"], w["verdict"], w["statement"])
