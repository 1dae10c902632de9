"""A moderator's pages for feed sources: the list with each source's last run, adding and
editing one, refreshing it now, previewing what an import would do, and deleting it (its
meetings archived).

Views parse input, ask accounts.permissions, call feeds' and curation's domain modules and
render.
"""
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts import permissions as can
from accounts.permissions import requires
from config.celery import enqueue
from core.forms import StyledForm
from feeds.forms import FeedSourceForm
from feeds.importing import preview_source
from feeds.models import FeedSource
from feeds.records import FeedError
from feeds.sources import delete_source, meetings_held
from feeds.tasks import refresh_source

from .sources import can_add_source, can_manage_source, sources_for


class SourceForm(StyledForm, FeedSourceForm):
    """The feed source form with the site's input styles."""


def feed_source(url_args) -> FeedSource:
    return get_object_or_404(FeedSource, pk=url_args.pop("pk"))


@never_cache
@requires(can.can_manage_feeds)
def source_list(request):
    return render(request, "moderation/sources.html", {"sources": sources_for(request.user)})


def _form_page(request, form, source=None):
    if request.method == "POST":
        if form.is_valid():
            saved = form.save()
            messages.success(request, _("Feed source “%(name)s” saved.") % {"name": saved.name})
            return redirect("feed-sources")
        status = 400
    else:
        status = 200
    return render(request, "moderation/sources_form.html", {"form": form, "source": source},
                  status=status)


@never_cache
@requires(can_add_source)
def source_add(request):
    return _form_page(request, SourceForm(request.POST or None))


@never_cache
@requires(can_manage_source, on=feed_source)
def source_edit(request, source):
    return _form_page(request, SourceForm(request.POST or None, instance=source), source)


@require_POST
@requires(can_manage_source, on=feed_source)
def source_refresh(request, source):
    if enqueue(refresh_source, source.pk) is None:
        messages.warning(request, _("“%(name)s” could not be queued (the task queue is down); it "
                                    "refreshes at its next turn.") % {"name": source.name})
    else:
        messages.success(request, _("“%(name)s” is being refreshed; its run shows in the list "
                                    "once done.") % {"name": source.name})
    return redirect("feed-sources")


@never_cache
@requires(can_manage_source, on=feed_source)
def source_preview(request, source):
    # Fetches and imports inside a transaction it rolls back: nothing is written or queued.
    try:
        summary, failure = preview_source(source), ""
    except FeedError as error:
        summary, failure = None, str(error)
    return render(request, "moderation/sources_preview.html", {
        "source": source, "summary": summary, "failure": failure,
        "outcomes": [] if summary is None else [
            (_("Would be created"), summary.listed.get("created", [])),
            (_("Would be updated"), summary.listed.get("updated", [])),
            (_("Would be archived (gone from the feed)"), summary.listed.get("archived", [])),
            (_("Would conflict (edited in Village and changed in the feed)"),
             summary.listed.get("conflicts", [])),
        ],
    })


@never_cache
@requires(can_manage_source, on=feed_source)
def source_delete(request, source):
    if request.method == "POST":
        archived = delete_source(source, by=request.user)
        messages.success(request, ngettext(
            "Feed source “%(name)s” deleted; %(count)s of its meetings archived.",
            "Feed source “%(name)s” deleted; %(count)s of its meetings archived.", archived)
            % {"name": source.name, "count": archived})
        return redirect("feed-sources")
    return render(request, "moderation/sources_delete.html", {
        "source": source, "held": meetings_held(source)})
