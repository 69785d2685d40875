from cogs.contests.ranking import rank


def test_ties_share_a_place_and_the_next_place_skips():
    assert rank({1: 5, 2: 7, 3: 5, 4: 0}) == [(1, [2], 7), (2, [1, 3], 5), (4, [4], 0)]
    assert rank({}) == []
