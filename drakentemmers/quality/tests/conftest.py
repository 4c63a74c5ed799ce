import pytest

from drakentemmers.quality.criteria import evaluators_overridden


@pytest.fixture(autouse=True)
def _without_other_apps_evaluators():
    """The quality tests decide per test what the platform knows: the evaluators that the learning and colleagues
    apps provide (quality/integrations.py) are removed unless a test registers them itself."""
    with evaluators_overridden(training_hours=None, intervision=None):
        yield
