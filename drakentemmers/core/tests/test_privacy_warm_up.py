"""No user waits for the privacy guard's model: web and worker processes load it when they start."""

import subprocess
import sys
from pathlib import Path

import pytest

from drakentemmers.core import privacy
from drakentemmers.core.apps import starts_long_running_process

REPO = Path(__file__).resolve().parents[3]


def test_importing_the_wsgi_module_loads_the_model_in_the_background() -> None:
    script = (
        "import time\n"
        "import drakentemmers.wsgi\n"
        "from drakentemmers.core import privacy\n"
        "from drakentemmers.core.privacy import model\n"
        "thread = privacy._warm_thread\n"
        "print('started', thread is not None and (thread.is_alive() or model.is_loaded()))\n"
        "thread.join(120)\n"
        "print('loaded', model.is_loaded())\n"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=180, check=False
    )
    assert "started True" in result.stdout, result.stderr
    assert "loaded True" in result.stdout, result.stderr


@pytest.mark.parametrize(
    ("argv", "environ", "expected"),
    [
        (["manage.py", "db_worker", "--queue-name", "*"], {}, True),
        (["manage.py", "runserver"], {"RUN_MAIN": "true"}, True),
        (["manage.py", "runserver"], {}, False),  # the autoreloader's watcher process
        (["manage.py", "runserver", "--noreload"], {}, True),
        (["manage.py", "migrate"], {}, False),
        (["manage.py", "load_regions"], {}, False),
        (["manage.py"], {}, False),
    ],
)
def test_which_processes_load_the_model_at_start(argv, environ, expected) -> None:
    assert starts_long_running_process(argv, environ) is expected


def test_background_warm_up_starts_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(privacy, "_warm_thread", None)
    monkeypatch.setattr(privacy, "warm_up", lambda: calls.append(1) or 0.0)
    first = privacy.warm_up_in_background()
    second = privacy.warm_up_in_background()
    first.join(10)
    assert first is second and calls == [1]


def test_a_failed_warm_up_does_not_raise(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> float:
        raise OSError("cache unreadable")

    monkeypatch.setattr(privacy, "_warm_thread", None)
    monkeypatch.setattr(privacy, "warm_up", broken)
    thread = privacy.warm_up_in_background()
    thread.join(10)
    assert not thread.is_alive()
