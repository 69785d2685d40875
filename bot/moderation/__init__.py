"""Moderation: one pipeline for every action, whoever decides it (see ``pipeline``)."""
