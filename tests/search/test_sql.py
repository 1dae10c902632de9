"""The search statement's pieces: numbers are written out, everything else is a parameter."""
import pytest

from search.sql import Sql, all_of, join, one_of, sql


def test_numbers_are_written_out_and_text_stays_a_parameter():
    piece = sql("name = {} AND minutes < {} AND fit > {}", "O'Brien; DROP TABLE x", 90, 0.25)

    assert piece == Sql("name = %s AND minutes < 90 AND fit > 0.25", ("O'Brien; DROP TABLE x",))


def test_a_yes_or_no_is_a_parameter_not_a_number():
    assert sql("flag = {}", True) == Sql("flag = %s", (True,))


def test_pieces_keep_their_parameters_in_order():
    piece = all_of([sql("a = {}", "x"), None, one_of("b", ["y", "z"])])

    assert piece == Sql('(a = %s) AND ("b" IN (%s, %s))', ("x", "y", "z"))
    assert join(" + ", []) == Sql("")


@pytest.mark.parametrize("bad", [float("nan"), float("inf")])
def test_a_number_sql_cannot_hold_is_refused(bad):
    with pytest.raises(ValueError, match="not a number"):
        sql("{}", bad)


def test_slots_and_parts_must_match():
    with pytest.raises(ValueError, match="2 slots for 1 parts"):
        sql("{} {}", 1)
