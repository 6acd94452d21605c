"""The README's two commands stay the ones CI runs."""
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_readme_test_command_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text()
    commands = [line for line in readme.splitlines() if line.startswith("python3 -m venv .venv")]
    assert len(commands) == 2, "README must open with the main-job and the test command"
    test_command = commands[1]
    assert "pytest" in test_command
    ci_line = [line for line in (ROOT / "ci" / "test.sh").read_text().splitlines()
               if line.startswith("python3 -m venv")][0]
    assert ci_line == test_command
    assert "bash ci/test.sh" in (ROOT / ".ci" / "run").read_text()
