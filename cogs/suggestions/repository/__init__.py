"""All SQL of the suggestions board: ``board`` (suggestions, votes, status changes, merges),
``report`` (figures for the statistics report) and ``privacy`` (a member's data)."""

from cogs.suggestions.repository.board import (
    StatusChange,
    Suggestion,
    VotingClosedError,
    board,
    by_number,
    change_status,
    create,
    discard,
    get,
    merge,
    queue_posts,
    recent,
    set_message,
    set_shown,
    stale,
    status_changes,
    vote_in,
)
from cogs.suggestions.repository.privacy import data_of_user, forget_user
from cogs.suggestions.repository.report import BoardFigures, TopSuggestion, board_figures

__all__ = [
    "BoardFigures",
    "StatusChange",
    "Suggestion",
    "TopSuggestion",
    "VotingClosedError",
    "board",
    "board_figures",
    "by_number",
    "change_status",
    "create",
    "data_of_user",
    "discard",
    "forget_user",
    "get",
    "merge",
    "queue_posts",
    "recent",
    "set_message",
    "set_shown",
    "stale",
    "status_changes",
    "vote_in",
]
