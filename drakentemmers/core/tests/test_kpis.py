from drakentemmers.core import kpis
from drakentemmers.core.kpis import Kpi, KpiGroup, KpiValue


def make(key="x.y", group=KpiGroup.MATCHING, about_clients=True, order=100):
    return Kpi(
        key=key, label="l", counts="c", group=group, measure="builtins.len", about_clients=about_clients, order=order
    )


def test_cells_about_clients_under_five_are_suppressed_from_one_upwards():
    kpi = make()
    assert kpis.suppressed(kpi, KpiValue(4))
    assert kpis.suppressed(kpi, KpiValue(1))
    assert not kpis.suppressed(kpi, KpiValue(0))
    assert not kpis.suppressed(kpi, KpiValue(5))
    assert not kpis.suppressed(kpi, KpiValue(None))


def test_a_share_is_suppressed_by_its_denominator_not_its_value():
    kpi = make()
    assert kpis.suppressed(kpi, KpiValue(75.0, numerator=3, denominator=4))
    assert not kpis.suppressed(kpi, KpiValue(2.0, numerator=1, denominator=50))


def test_figures_not_about_clients_are_never_suppressed():
    assert not kpis.suppressed(make(about_clients=False), KpiValue(2))


def test_registry_orders_by_group_then_order(monkeypatch):
    monkeypatch.setattr(kpis, "_KPIS", {})
    kpis.kpi_register(make("b.learn", KpiGroup.LEARNING, order=1))
    kpis.kpi_register(make("a.match2", KpiGroup.MATCHING, order=2))
    kpis.kpi_register(make("a.match1", KpiGroup.MATCHING, order=1))
    kpis.kpi_register(make("m.members", KpiGroup.MEMBERS, order=9))
    assert [k.key for k in kpis.kpis()] == ["m.members", "a.match1", "a.match2", "b.learn"]
    assert kpis.kpi_get("b.learn").group == KpiGroup.LEARNING
    assert kpis.kpi_get("missing") is None
