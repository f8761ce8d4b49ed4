"""The knowledge base loader: good files load, bad and hostile files fail with exact messages."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BAD, GOOD, MINIMAL, Result
from weakcli.errors import InputError, KbError
from weakcli.kb import reader as loader
from weakcli.kb.limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_SCALAR_LENGTH
from weakcli.kb.load import load_kb, shipped_kb_path
from weakcli.kb.validate import validate
from weakcli.triage.engine import compile_model

BAD_FILES = sorted(BAD.glob("*.yaml"))


@pytest.mark.parametrize("path", sorted(GOOD.glob("*.yaml")), ids=lambda p: p.name)
def test_good_examples_validate(cli, path: Path) -> None:
    result: Result = cli("kb", "validate", str(path))
    assert result.code == 0, result.err
    assert result.err == ""
    assert result.out.startswith(f"{os.path.relpath(path)}: valid (version ")


def test_minimal_summary_is_exact(cli) -> None:
    shipped = load_kb(shipped_kb_path())
    # The fixture has a red flag of its own; every shipped one is merged in, with its findings
    # and sources.
    own = loader.parse(MINIMAL.read_text(encoding="utf-8"), "minimal")
    assert isinstance(own, dict)
    added = list(shipped.red_flags.values())
    merged = load_kb(MINIMAL)
    needed = {f for flag in added for rule in flag["rules"] for part in rule.values() for f in part}
    assert {f["id"] for f in own["findings"]} | needed <= set(merged.findings)
    assert {q["id"] for q in own["questions"]} < set(merged.questions)
    sources = len({s["id"] for s in own["sources"]} | {s for f in added for s in f["sources"]})
    result: Result = cli("kb", "validate", str(MINIMAL))
    assert result.out == (
        f"{os.path.relpath(MINIMAL)}: valid (version test-1): 3 causes, 2 tests, "
        f"{len(merged.findings)} findings, {len(merged.questions)} questions, "
        f"{len(shipped.red_flags) + 1} red flags, 3 treatments, 1 glossary terms, {sources} "
        "sources (with the shipped red flags, which are always screened)\n"
    )


@pytest.mark.parametrize("path", BAD_FILES, ids=lambda p: p.stem)
def test_bad_examples_fail_with_their_exact_message(cli, path: Path) -> None:
    expected = path.with_suffix(".expected").read_text(encoding="utf-8")
    result: Result = cli("kb", "validate", os.path.relpath(path))
    assert (result.code, result.out, result.err) == (1, "", expected)


def test_every_bad_example_has_an_expected_message() -> None:
    assert {p.stem for p in BAD.glob("*.expected")} == {p.stem for p in BAD_FILES}


def test_global_kb_option_and_environment_variable(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = os.path.relpath(BAD / "empty.yaml")
    assert cli("--kb", bad, "kb", "validate").err == f"Error: {bad}: file is empty\n"
    monkeypatch.setenv("WEAKCLI_KB", bad)
    assert cli("kb", "validate").err == f"Error: {bad}: file is empty\n"


def _refused(tmp_path: Path, content: bytes | str, name: str = "kb.yaml") -> str:
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    with pytest.raises(KbError) as caught:
        validate(loader.read_bytes(path), path)
    return str(caught.value).replace(str(path), "FILE")


LIMITS = [
    (
        "a: !!python/name:os.system ''\n",
        "FILE:1:4: tag 'tag:yaml.org,2002:python/name:os.system' is not allowed; remove it and "
        "write plain text",
    ),
    ("a: !custom x\n", "FILE:1:4: tag '!custom' is not allowed; remove it and write plain text"),
    (
        "a: !!binary aGVsbG8=\n",
        "FILE:1:4: tag 'tag:yaml.org,2002:binary' is not allowed; remove it and write plain text",
    ),
    (
        "a: !!set {x: null}\n",
        "FILE:1:4: tag 'tag:yaml.org,2002:set' is not allowed; remove it and write plain text",
    ),
    ("a: &x [1]\nb: *x\n", "FILE:1:4: anchors (&x) are not allowed; write the value out"),
    ("- *x\n", "FILE:1:3: aliases (*x) are not allowed; write the value out"),
    ("a: 1\na: 2\n", "FILE:2:1: duplicate key 'a'"),
    ("[" * 200_000, f"FILE:1:{MAX_DEPTH + 1}: nested more than {MAX_DEPTH} levels deep"),
    (
        "{a: " * 2_000 + "b" + "}" * 2_000,
        f"FILE:1:{4 * MAX_DEPTH + 1}: nested more than {MAX_DEPTH} levels deep",
    ),
    (
        "- " * 100_000 + "x\n",
        f"FILE:1:{2 * MAX_DEPTH + 1}: nested more than {MAX_DEPTH} levels deep",
    ),
    (
        "a: '" + "x" * (MAX_SCALAR_LENGTH + 1) + "'\n",
        f"FILE:1:4: value is {MAX_SCALAR_LENGTH + 1:,} characters; "
        f"the limit is {MAX_SCALAR_LENGTH:,}",
    ),
    (b"a: caf\xe9\n", "FILE:1:7: not UTF-8 text (byte 0xe9); save the file as UTF-8"),
    ("", "FILE: file is empty"),
    ("\ufeff", "FILE: file is empty"),
    ("# only a comment\n", "FILE: file is empty"),
    ("---\n...\n", "FILE: file is empty"),
    ("---\n", "FILE: file is empty"),
    (
        "- a\n",
        "FILE: the top level must be a mapping (version, sources, findings, ..., causes), "
        "not a list",
    ),
    (
        "just text\n",
        "FILE: the top level must be a mapping (version, sources, findings, ..., "
        "causes), not plain text",
    ),
    ("a: 1\n---\nb: 2\n", "FILE:2:1: more than one YAML document ('---'); put everything in one"),
    ("? [a]\n: b\n", "FILE:1:3: a mapping key must be plain text, not a list or mapping"),
]
"""Every limit of the reader, with its one message: the same under either YAML parser."""


@pytest.fixture(params=["libyaml", "pure-python"])
def yaml_parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test once with LibYAML's C parser and once with PyYAML's pure-Python parser."""
    import yaml

    if request.param == "pure-python":
        monkeypatch.delattr(yaml, "CBaseLoader", raising=False)
    elif not hasattr(yaml, "CBaseLoader"):
        pytest.skip("this PyYAML was built without LibYAML")
    return str(request.param)


@pytest.mark.parametrize(("content", "expected"), LIMITS)
def test_every_limit_gives_one_message_under_either_parser(
    tmp_path: Path, yaml_parser: str, content: bytes | str, expected: str
) -> None:
    assert _refused(tmp_path, content) == expected


def test_the_pure_python_parser_is_really_used(monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    monkeypatch.delattr(yaml, "CBaseLoader")
    events = loader._events("a: b\n")
    assert type(events).__name__ == "generator"
    assert type(next(events)).__name__ == "StreamStartEvent"


def test_not_valid_yaml_names_the_place(tmp_path: Path) -> None:
    assert _refused(tmp_path, "a: [1, 2\n") == (
        "FILE:2:1: not valid YAML: did not find expected ',' or ']'"
    )


def test_alias_bomb_is_refused_before_any_expansion(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    assert _refused(tmp_path, "\n".join(lines) + "\n") == (
        "FILE:1:5: anchors (&a0) are not allowed; write the value out"
    )


def test_yaml_11_surprises_stay_text() -> None:
    text = "a: no\nb: on\nc: 1:30\nd: 0755\ne: 2024-01-01\nf: ~\ng: 1e3\nh: .inf\n"
    assert loader.parse(text, "x") == {
        "a": "no",
        "b": "on",
        "c": "1:30",
        "d": "0755",
        "e": "2024-01-01",
        "f": "~",
        "g": "1e3",
        "h": ".inf",
    }


def test_a_utf8_bom_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.read_bytes())
    assert load_kb(path).version == "test-1"


def test_missing_directory_fifo_and_oversized_files(tmp_path: Path) -> None:
    def message(path: Path) -> str:
        with pytest.raises(InputError) as caught:
            loader.read_bytes(path)
        return str(caught.value).replace(str(tmp_path), "DIR")

    assert message(tmp_path / "nope.yaml") == "DIR/nope.yaml: no such file"
    assert message(tmp_path) == "DIR: is a directory, not a file"
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert message(fifo) == "DIR/fifo: is not a regular file (a device, FIFO or socket)"
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    assert (
        message(big) == f"DIR/big.yaml: file is {MAX_FILE_BYTES + 1:,} bytes; the limit is 32 MiB"
    )
    assert (
        message(Path("/dev/null")) == "/dev/null: is not a regular file (a device, FIFO or socket)"
    )


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text("a: b\n")
    path.chmod(0)
    with pytest.raises(InputError, match="cannot read: Permission denied"):
        loader.read_bytes(path)


@settings(
    max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(st.one_of(st.binary(max_size=400), st.text(max_size=400)))
def test_any_input_raises_only_kb_error(tmp_path: Path, content: bytes | str) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(
        content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content
    )
    with contextlib.suppress(KbError):
        validate(loader.read_bytes(path), path)


@settings(max_examples=150, deadline=None)
@given(
    st.recursive(
        st.one_of(st.text(max_size=20), st.none(), st.integers(), st.booleans()),
        lambda children: st.one_of(
            st.lists(children, max_size=4),
            st.dictionaries(st.text(max_size=8), children, max_size=4),
        ),
        max_leaves=30,
    )
)
def test_any_yaml_shaped_document_raises_only_kb_error(document: object) -> None:
    text = json.dumps({"causes": document})  # JSON is YAML
    with contextlib.suppress(KbError):
        validate(text.encode(), Path("doc.yaml"))


def test_a_knowledge_base_of_ones_own_keeps_the_shipped_red_flags(tmp_path: Path) -> None:
    shipped = load_kb(shipped_kb_path())
    text = MINIMAL.read_text(encoding="utf-8")
    start = text.index("red_flags:")
    end = text.index("tests:")
    path = tmp_path / "no-red-flags.yaml"
    rest = text[end:].replace("red_flags: [fixture_stroke]", "red_flags: [stroke_signs]")
    path.write_text(text[:start] + "red_flags: []\n" + rest, encoding="utf-8")
    own = load_kb(path)
    assert set(shipped.red_flags) <= set(own.red_flags)
    asked = {
        f for q in own.questions.values() for f in compile_model(own).questions[q["id"]].findings
    }
    for flag_id, flag in shipped.red_flags.items():
        assert own.red_flags[flag_id]["urgency"] == flag["urgency"]
        for rule in own.red_flags[flag_id]["rules"]:
            for finding_id in (*rule["all"], *rule["any"], *rule["not"]):
                assert finding_id in own.findings
                demographic = own.findings[finding_id]["kind"] == "demographic"
                assert demographic or finding_id in asked, (flag_id, finding_id)


def test_the_cache_is_used_and_rebuilt_when_the_file_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import weakcli.kb.store
    import weakcli.kb.validate

    path = tmp_path / "kb.yaml"
    path.write_bytes(MINIMAL.read_bytes())
    first = load_kb(path)
    with monkeypatch.context() as patched:
        patched.setattr(weakcli.kb.validate, "validate", lambda *_: pytest.fail("cache not used"))
        again = load_kb(path)
    assert again.sha256 == first.sha256
    for section in weakcli.kb.store.SECTIONS:
        assert dict(getattr(again, section)) == dict(getattr(first, section))
        assert list(getattr(again, section)) == list(getattr(first, section))
    path.write_text(MINIMAL.read_text().replace('version: "test-1"', 'version: "test-2"'))
    assert load_kb(path).version == "test-2"
    path.write_text(MINIMAL.read_text().replace("id: gbs", "id: Bad Id"))
    with pytest.raises(KbError, match=r"causes\[1\]\.id: 'Bad Id' is not an id"):
        load_kb(path)


def test_stale_cache_entries_are_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import weakcli.kb.cache

    monkeypatch.setenv("WEAKCLI_CACHE_DIR", str(tmp_path / "cache"))
    cache = weakcli.kb.cache.cache_dir()
    for number in range(weakcli.kb.cache.MAX_CACHE_ENTRIES + 3):
        path = tmp_path / f"kb-{number}.yaml"
        path.write_text(
            MINIMAL.read_text(encoding="utf-8").replace('version: "test-1"', f'version: "{number}"')
        )
        load_kb(path)
    entries = sorted(cache.glob("kb-*.json"), key=lambda p: p.stat().st_mtime_ns)
    assert len(entries) == weakcli.kb.cache.MAX_CACHE_ENTRIES
    newest = json.loads(entries[-1].read_bytes().split(b"\n", 1)[0])
    assert newest["version"] == str(weakcli.kb.cache.MAX_CACHE_ENTRIES + 2)


@pytest.mark.slow  # collects the whole suite in a new process
def test_collecting_the_tests_writes_nothing_to_the_user_folders(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("WEAKCLI_", "XDG_", "PYTEST_"))
    }
    env.update(HOME=str(home), XDG_CACHE_HOME=str(home / "cache"), XDG_DATA_HOME=str(home / "d"))
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=Path(__file__).parent.parent,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    written = sorted(str(p.relative_to(home)) for p in home.rglob("*")) if home.exists() else []
    assert written == []


def test_a_knowledge_base_of_ones_own_is_merged_in_the_same_order_whatever_the_hash_seed(
    tmp_path: Path,
) -> None:
    """The shipped red flags bring findings and questions; their order sets which question
    comes first on a tie, so it must not depend on set order."""
    code = (
        "from pathlib import Path; from weakcli.kb.validate import validate; "
        f"r = validate(Path({str(MINIMAL)!r}).read_bytes(), Path({str(MINIMAL)!r}), "
        "__import__('weakcli.kb.load', fromlist=['x']).load_kb()); "
        "print([q['id'] for q in r['questions']], [f['id'] for f in r['findings']])"
    )
    outputs = set()
    for seed in range(8):
        env = dict(os.environ, PYTHONHASHSEED=str(seed), WEAKCLI_CACHE_DIR=str(tmp_path))
        done = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
