"""The page where a whole-site moderator limits another moderator to areas, and the answer to
a moderator acting outside theirs (curation.areas)."""
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.permissions import refuse
from accounts.roles import Role, role_of

from . import areas
from .area_forms import ModeratorRegionForm, ModeratorSourceForm, RemoveAreaForm
from .models import ModeratorArea


def outside_areas(request, submission_ids):
    """The 403 for a moderator acting on submissions outside their areas, naming them."""
    return render(request, "moderation/outside_areas.html", {"submission_ids": submission_ids},
                  status=403)


def moderator_areas(request, user_id):
    """A moderator's areas: add a region or a feed source, or lift one."""
    if not areas.may_set_areas(request.user):
        return refuse(request)
    moderator = get_object_or_404(get_user_model(), pk=user_id, is_active=True)
    if moderator.is_superuser or role_of(moderator) != Role.MODERATOR:
        # Only moderators are limited; a superuser always has the whole site.
        return render(request, "moderation/moderator_areas.html", {
            "moderator": moderator, "not_limitable": True}, status=404)
    region_form = ModeratorRegionForm(prefix="region", instance=ModeratorArea())
    source_form = ModeratorSourceForm(prefix="source")
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "add_region":
            region_form = ModeratorRegionForm(request.POST, prefix="region", instance=ModeratorArea())
            if region_form.is_valid():
                areas.add_area(moderator, region_form.save(commit=False))
                messages.success(request, _("The area is added."))
                return redirect(request.get_full_path())
        elif action == "add_source":
            source_form = ModeratorSourceForm(request.POST, prefix="source")
            if source_form.is_valid():
                areas.add_area(moderator, ModeratorArea(source=source_form.cleaned_data["source"]))
                messages.success(request, _("The area is added."))
                return redirect(request.get_full_path())
        elif action == "remove":
            remove = RemoveAreaForm(request.POST)
            if remove.is_valid() and areas.remove_area(moderator, remove.cleaned_data["area"]):
                messages.success(request, _("The area is removed."))
                return redirect(request.get_full_path())
            # Translators: "area" names the form field that was wrong.
            messages.error(request, _("area: there is no such area of this moderator."))
        else:
            # Translators: "action" names the form field that was wrong.
            messages.error(request, _("action: choose to add a region, add a feed source or "
                                      "remove an area."))
        status = 400
    return render(request, "moderation/moderator_areas.html", {
        "moderator": moderator, "areas": areas.areas_of(moderator),
        "region_form": region_form, "source_form": source_form,
    }, status=status)
