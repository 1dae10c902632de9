"""A person's own account page, and the role management page for moderators."""
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from . import permissions as can
from .forms import CoachAreaForm, RoleForm
from .models import CoachProfile
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
    return render(request, "accounts/roles.html", {"rows": rows, "roles": Role.choices, "q": query},
                  status=status)
