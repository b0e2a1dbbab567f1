"""Fisher's exact test, checked against values computed by hand and by reference tables."""

import pytest

from game.report.stats import fisher_exact


def test_a_large_split_between_two_halves_is_unlikely_by_chance():
    # 10 of 12 chose it under the score, 2 of 12 without: the classic lesson-sized difference
    # tables as extreme: x = 10, 11, 12 and, mirrored, 2, 1, 0: (4356 + 144 + 1) * 2 / C(24, 12)
    assert fisher_exact(10, 2, 2, 10) == pytest.approx(9002 / 2704156)


def test_two_halves_that_chose_alike_give_no_evidence():
    assert fisher_exact(6, 6, 6, 6) == pytest.approx(1.0)
    assert fisher_exact(7, 5, 6, 6) == pytest.approx(1.0)


def test_the_tea_tasting_table():
    # Fisher's own example: 3 of 4 cups right; two-sided p = 0.486
    assert fisher_exact(3, 1, 1, 3) == pytest.approx(0.4857, abs=0.0001)


def test_the_test_is_symmetric_in_the_groups():
    assert fisher_exact(9, 3, 4, 8) == pytest.approx(fisher_exact(4, 8, 9, 3))


def test_empty_and_bad_tables():
    assert fisher_exact(0, 0, 0, 0) == 1.0
    with pytest.raises(ValueError):
        fisher_exact(-1, 2, 3, 4)


def test_the_randomisation_test_sees_a_clear_difference_and_not_a_shuffled_one():
    from game.report.stats import holm, randomisation_test, t_quantile

    assert randomisation_test([1.0, 1.2, 0.9, 1.1, 1.3, 1.0], [0.1, 0.2, 0.0, 0.3, 0.1, 0.2]) < 0.01
    assert randomisation_test([1, 0, 1, 0, 1, 0], [0, 1, 0, 1, 0, 1]) > 0.5
    assert randomisation_test([1.0, 2.0], [1.5, 1.5]) == randomisation_test([1.0, 2.0], [1.5, 1.5])  # same p
    assert abs(t_quantile(0.975, 22) - 2.0739) < 1e-3  # the table's value
    assert holm([0.01, 0.04, 0.03]) == [0.03, 0.06, 0.06]
