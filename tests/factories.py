"""factory_boy factories for the domain, shared by every test, and the other data builders the
tests share: the forms' posted data and the files in tests/data."""
from datetime import time, timedelta
from pathlib import Path

import factory
from django.utils import timezone

from meetings.models import Attendance, Fellowship, Focus, Language, Meeting, Status
from meetings.schedule import Weekday
from places.geocoding import Place
from search.criteria import SearchCriteria

# Downtown Pittsburgh; tests place meetings at known distances from it.
PITTSBURGH = (40.4406, -79.9959)

# Feeds and spreadsheets the tests read (tests/data), wherever the test module sits.
DATA = Path(__file__).parent / "data"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    fellowship = Fellowship.AA
    name = factory.Sequence(lambda n: f"Group {n}")
    slug = factory.Sequence(lambda n: f"group-{n}")
    weekday = Weekday.MONDAY
    start_time = time(12, 0)
    end_time = None
    timezone = "America/New_York"
    attendance = Attendance.IN_PERSON
    location_name = "Community Center"
    address = "100 Grant St, Pittsburgh, PA 15219"
    latitude = PITTSBURGH[0]
    longitude = PITTSBURGH[1]
    status = Status.PUBLISHED
    last_verified = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10))

    class Params:
        online = factory.Trait(
            attendance=Attendance.ONLINE,
            location_name="",
            address="",
            latitude=None,
            longitude=None,
            conference_url="https://zoom.us/j/123456789",
        )

    @factory.post_generation
    def focus(self, create, slugs, **kwargs):
        if create and slugs:
            self.focus.set(Focus.objects.filter(slug__in=slugs))

    @factory.post_generation
    def languages(self, create, codes, **kwargs):
        if create and codes:
            self.languages.set(Language.objects.filter(code__in=codes))


class CriteriaFactory(factory.Factory):
    """A parent's search from downtown Pittsburgh, with no other constraint."""

    class Meta:
        model = SearchCriteria

    timezone = "America/New_York"
    place = factory.LazyFunction(
        lambda: Place("Pittsburgh, PA", PITTSBURGH[0], PITTSBURGH[1], "America/New_York"))


# --- People, submissions and collections (curation) ----------------------------------------

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    """A parent with an account: a verified email and the password PASSWORD."""

    class Meta:
        model = "auth.User"
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def role(self, create, role, **kwargs):
        _give_role(self, create, role)


def _give_role(user, create, role):
    if create and role:
        from accounts.roles import set_role

        set_role(user, role)


class CoachFactory(UserFactory):
    @factory.post_generation
    def role(self, create, role, **kwargs):
        _give_role(self, create, role or "coach")


class ModeratorFactory(UserFactory):
    @factory.post_generation
    def role(self, create, role, **kwargs):
        _give_role(self, create, role or "moderator")


class SubmissionFactory(factory.django.DjangoModelFactory):
    """A pending suggestion of a new meeting downtown."""

    class Meta:
        model = "curation.Submission"

    kind = "new"
    first_name = "Sam"
    email = "sam@example.org"

    class Params:
        # Sent signed in, from the address the person confirmed: the one way to get a receipt.
        confirmed = factory.Trait(
            submitter=factory.SubFactory(UserFactory, email=factory.SelfAttribute("..email")))
    proposed = factory.LazyFunction(lambda: {
        "name": "Moms in Recovery", "fellowship": "na", "weekday": 2, "start_time": "10:00",
        "end_time": "11:00", "timezone": "America/New_York", "attendance": "in_person",
        "location_name": "Library", "address": "200 Ross St, Pittsburgh, PA 15219",
        "latitude": PITTSBURGH[0], "longitude": PITTSBURGH[1], "conference_url": "",
        "conference_phone": "", "children": "childcare", "philosophy": "harm_reduction",
        "medication_supportive": True, "focus": ["mothers"], "languages": ["en"],
        "wheelchair_accessible": None, "notes": "",
    })


class CollectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "curation.Collection"

    owner = factory.SubFactory(CoachFactory)
    name = factory.Sequence(lambda n: f"Evening meetings {n}")
    visibility = "link"


class CoachNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "curation.CoachNote"

    meeting = factory.SubFactory(MeetingFactory)
    author = factory.SubFactory(CoachFactory)
    text = "Childcare room is downstairs; arrive 10 minutes early."


class FeedSourceFactory(factory.django.DjangoModelFactory):
    """A registered Meeting Guide feed of AA meetings on Eastern time."""

    class Meta:
        model = "feeds.FeedSource"

    name = factory.Sequence(lambda n: f"Intergroup feed {n}")
    location = factory.Sequence(lambda n: f"https://intergroup-{n}.example.org/meetings.json")
    fellowship = Fellowship.AA
    default_timezone = "America/New_York"


# --- What the suggestion and edit forms post ------------------------------------------------

def new_meeting_data(**overrides):
    data = {
        "name": "Moms in Recovery", "fellowship": "na", "weekday": "2", "start_time": "10:00",
        "end_time": "11:00", "timezone": "America/New_York", "attendance": "in_person",
        "location_name": "Library", "address": "200 Ross St, Pittsburgh, PA 15219",
        "children": "childcare", "philosophy": "harm_reduction", "focus": ["mothers"],
        "languages": ["en"], "wheelchair_accessible": "unknown", "first_name": "Sam",
        "email": "sam@example.org", "message": "I go every week.",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def change_data(meeting, **overrides):
    data = {
        "name": meeting.name, "fellowship": meeting.fellowship, "weekday": str(meeting.weekday),
        "start_time": meeting.start_time.strftime("%H:%M"), "end_time": meeting.end_time.strftime("%H:%M"),
        "timezone": meeting.timezone, "attendance": meeting.attendance,
        "location_name": meeting.location_name, "address": meeting.address,
        "latitude": str(meeting.latitude), "longitude": str(meeting.longitude),
        "children": meeting.children, "philosophy": meeting.philosophy,
        "wheelchair_accessible": "unknown",
    }
    data.update(overrides)
    return data
