"""All SQL of the statistics, by subject: settings, members' choices and privacy, counts,
report figures, posted reports. The public functions are re-exported here:
``from cogs.stats import repository; repository.load_settings(...)``."""

from __future__ import annotations

from cogs.stats.repository.card import (
    first_day,
    open_work,
    report_data,
    roll_up_active,
    weeks,
)
from cogs.stats.repository.counts import (
    fold_before,
    guilds_with_member_rows,
    record_join,
    record_leave,
    write_batch,
)
from cogs.stats.repository.figures import (
    ChannelFigures,
    MemberFigures,
    channel_figures,
    channel_totals,
    daily_rows,
    invite_sources,
    member_figures,
    retention,
    top_members,
    totals,
)
from cogs.stats.repository.members import (
    SECRET_KEY,
    MemberPrefs,
    export_user,
    forget_user,
    load_kept_optouts,
    load_prefs,
    optout_secret,
    save_prefs,
)
from cogs.stats.repository.reports import (
    ReportRecord,
    claim_report,
    last_reported,
    release_report,
    report_posted,
    report_record,
)
from cogs.stats.repository.settings import (
    MAX_RETENTION_DAYS,
    MIN_RETENTION_DAYS,
    StatsSettings,
    load_settings,
    save_settings,
)

__all__ = [
    "MAX_RETENTION_DAYS",
    "MIN_RETENTION_DAYS",
    "SECRET_KEY",
    "ChannelFigures",
    "MemberFigures",
    "MemberPrefs",
    "ReportRecord",
    "StatsSettings",
    "channel_figures",
    "channel_totals",
    "claim_report",
    "daily_rows",
    "export_user",
    "first_day",
    "fold_before",
    "forget_user",
    "guilds_with_member_rows",
    "invite_sources",
    "last_reported",
    "load_kept_optouts",
    "load_prefs",
    "load_settings",
    "member_figures",
    "open_work",
    "optout_secret",
    "record_join",
    "record_leave",
    "release_report",
    "report_data",
    "report_posted",
    "report_record",
    "retention",
    "roll_up_active",
    "save_prefs",
    "save_settings",
    "top_members",
    "totals",
    "weeks",
    "write_batch",
]
