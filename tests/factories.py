"""factory_boy factories for the domain, shared by every test."""
from datetime import time, timedelta

import factory
from django.utils import timezone

from meetings.models import Attendance, Fellowship, Focus, Language, Meeting, Status
from meetings.schedule import Weekday
from search.criteria import SearchCriteria
from search.geocoding import Place

# Downtown Pittsburgh; tests place meetings at known distances from it.
PITTSBURGH = (40.4406, -79.9959)


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
