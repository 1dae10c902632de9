"""A person's own account page, the role management page and its log for moderators, and the
admin's log-in (the site's own, by email)."""
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.auth import REDIRECT_FIELD_NAME, get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from . import permissions as can
from .forms import CoachAreaForm, RoleForm
from .models import CoachProfile, RoleGrant
from .permissions import refuse, requires
from .roles import Role, RoleRefused, role_of, set_role

# What a moderator is told a person now is, whole sentences so each language words its own.
NOW_A = {
    Role.PARENT: gettext_lazy("%(person)s is now a parent."),
    Role.COACH: gettext_lazy("%(person)s is now a peer coach."),
    Role.MODERATOR: gettext_lazy("%(person)s is now a moderator."),
}
# The role form's fields as the refusal names them (they were always named by field).
ROLE_FORM_FIELDS = {
    "user": pgettext_lazy("role form field", "user"),
    "role": pgettext_lazy("role form field", "role"),
}


@login_required
def profile(request):
    """Your requests and, for a coach, your area for the stale-listings digest."""
    user = request.user
    role = role_of(user)
    area_form = None
    status = 200
    if role in (Role.COACH, Role.MODERATOR):
        area, _created = CoachProfile.objects.get_or_create(user=user)
        area_form = CoachAreaForm(request.POST or None, instance=area)
        if request.method == "POST":
            if area_form.is_valid():
                area_form.save()
                messages.success(request, _("Your area is saved."))
                return redirect("account-profile")
            status = 400
    elif request.method == "POST":
        return refuse(request)
    return render(request, "accounts/profile.html", {
        "role": role, "Role": Role, "area_form": area_form,
        "submissions": user.submissions.select_related("meeting").order_by("-created"),
        "can_moderate": can.can_moderate(user), "can_manage_roles": can.can_manage_roles(user),
    }, status=status)


@requires(can.can_manage_roles)
def roles(request):
    status = 200
    if request.method == "POST":
        form = RoleForm(request.POST)
        if form.is_valid():
            person, role = form.cleaned_data["user"], Role(form.cleaned_data["role"])
            try:
                set_role(person, role, by=request.user)
            except RoleRefused as refusal:
                messages.error(request, str(refusal))
                status = 400
            else:
                messages.success(request, NOW_A[role] % {"person": person.email or person.get_username()})
                return redirect(request.get_full_path())
        else:
            for field, errors in form.errors.items():
                messages.error(request, f"{ROLE_FORM_FIELDS.get(field, field)}: {' '.join(errors)}")
            status = 400
    query = request.GET.get("q", "").strip()[:100]
    people = get_user_model().objects.filter(is_active=True).order_by("email", "username")
    if query:
        people = people.filter(Q(email__icontains=query) | Q(username__icontains=query)
                               | Q(first_name__icontains=query))
    rows = [(person, role_of(person)) for person in people.prefetch_related("groups")[:200]]
    return render(request, "accounts/roles.html", {"rows": rows, "roles": Role.choices, "q": query,
                                                   "Role": Role}, status=status)


# Grants on a page of the role log.
ROLE_LOG_PAGE_SIZE = 50


@requires(can.can_view_role_log)
def role_log(request):
    """Who gave which role to whom, and when, newest first."""
    grants = RoleGrant.objects.select_related("person", "granted_by")
    page = Paginator(grants, ROLE_LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/role_log.html", {"page": page})


def admin_login(request):
    """The admin's log-in is the site's (by email, with its rate limits and confirmed
    addresses): a visitor is sent there and comes back; someone logged in without access to
    the admin is refused rather than sent round again."""
    next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        next_url = reverse("admin:index")
    if request.user.is_authenticated:
        if not admin.site.has_permission(request):
            raise PermissionDenied
        return redirect(next_url)
    return redirect(f"{reverse('account_login')}?{urlencode({REDIRECT_FIELD_NAME: next_url})}")
