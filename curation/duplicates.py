"""Suggested meetings that look like one already listed (meetings.duplicates), for the
moderator: the review page names the likely twins, and the queue can mark its rows.

The queue marks a page of rows with `likely_twins_for_submissions(page)`: a dictionary from a
submission's number to its likeliest twin, read in one query per time zone and weekday among
the page's suggestions, plus one for the twins themselves.
"""
from __future__ import annotations

from meetings.duplicates import Listing, twins_of_many
from meetings.models import Meeting

from .models import Submission, SubmissionKind


def _suggested_listings(submissions) -> dict[int, Listing]:
    listings = {}
    for submission in submissions:
        if submission.kind == SubmissionKind.NEW_MEETING:
            listing = Listing.from_proposal(submission.proposed or {})
            if listing is not None:
                listings[submission.pk] = listing
    return listings


def _own_meetings(submissions) -> dict[int, int]:
    # An approved suggestion is a meeting now, and not its own twin.
    return {submission.pk: submission.meeting_id for submission in submissions if submission.meeting_id}


def likely_twins_for_submissions(submissions) -> dict[int, Meeting]:
    """For each suggestion of a new meeting among `submissions` that looks like a meeting
    already listed, by the submission's number, that meeting (the likeliest)."""
    submissions = list(submissions)
    twins = twins_of_many(_suggested_listings(submissions), own=_own_meetings(submissions))
    return {pk: found[0] for pk, found in twins.items()}


def twins_of_submission(submission: Submission, limit: int = 3) -> list[Meeting]:
    """The meetings already listed that a suggestion looks like, the likeliest first (none for
    a change or closure request, which is about a meeting already)."""
    twins = twins_of_many(_suggested_listings([submission]), own=_own_meetings([submission]),
                          limit=limit)
    return twins.get(submission.pk, [])
