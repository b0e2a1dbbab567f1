"""No single way of playing wins everything: conforming buys grades, ignoring the score keeps more."""

from game.play.simulate import simulate


def test_conformist_reaches_a_most_years_but_pays_for_it_and_free_loses_services(harmony):
    conformist = simulate(harmony, "conformist", 150, "balance")
    free = simulate(harmony, "free", 150, "balance")
    assert conformist["grades"].get("A", 0) > 0.6 * 150
    assert free["grades"].get("A", 0) < 0.2 * 150
    kept = lambda r: sum(r["mean_meters"].values())  # noqa: E731
    assert kept(free) > kept(conformist) + 2, (free["mean_meters"], conformist["mean_meters"])
    assert sum(free["services_refused"].values()) > sum(conformist["services_refused"].values())
    assert conformist["goals_reached"] > free["goals_reached"]
