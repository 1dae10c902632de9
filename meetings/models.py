"""Mutual aid meetings, one weekly occurrence per row, and their managed vocabularies."""
from __future__ import annotations

import math
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import DEFAULT_DB_ALIAS, models, transaction
from django.db.models import F
from django.db.models.functions import Floor
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from simple_history.models import HistoricalRecords

from . import schedule
from .schedule import Weekday, validate_timezone


class Fellowship(models.TextChoices):
    AA = "aa", gettext_lazy("Alcoholics Anonymous")
    NA = "na", gettext_lazy("Narcotics Anonymous")
    AL_ANON = "al-anon", gettext_lazy("Al-Anon")
    CA = "ca", gettext_lazy("Cocaine Anonymous")
    CMA = "cma", gettext_lazy("Crystal Meth Anonymous")
    SMART_RECOVERY = "smart-recovery", gettext_lazy("SMART Recovery")
    WOMEN_FOR_SOBRIETY = "women-for-sobriety", gettext_lazy("Women for Sobriety")
    RECOVERY_DHARMA = "recovery-dharma", gettext_lazy("Recovery Dharma")
    REFUGE_RECOVERY = "refuge-recovery", gettext_lazy("Refuge Recovery")
    PARENT_GROUP = "parent-group", gettext_lazy("Peer-run parent group")
    # Translators: a fellowship: none of those listed.
    OTHER = "other", pgettext_lazy("fellowship", "Other")


class Attendance(models.TextChoices):
    IN_PERSON = "in_person", gettext_lazy("In person")
    ONLINE = "online", gettext_lazy("Online")
    HYBRID = "hybrid", gettext_lazy("In person and online")


# The two ways of taking part that a kind of attendance allows: a hybrid meeting is both.
JOINED_ONLINE = (Attendance.ONLINE, Attendance.HYBRID)
MET_IN_PERSON = (Attendance.IN_PERSON, Attendance.HYBRID)


class ChildrenPolicy(models.TextChoices):
    ADULTS_ONLY = "adults_only", gettext_lazy("Adults only")
    WELCOME = "welcome", gettext_lazy("Children welcome")
    CHILDCARE = "childcare", gettext_lazy("Childcare provided")
    UNKNOWN = "unknown", gettext_lazy("Not known")


class Philosophy(models.TextChoices):
    ABSTINENCE_ONLY = "abstinence_only", gettext_lazy("Abstinence only")
    HARM_REDUCTION = "harm_reduction", gettext_lazy("Harm-reduction welcoming")
    UNKNOWN = "unknown", gettext_lazy("Not known")


class Status(models.TextChoices):
    # Translators: the state of a meeting's listing.
    PUBLISHED = "published", pgettext_lazy("listing", "Published")
    PENDING = "pending", pgettext_lazy("listing", "Pending review")
    REJECTED = "rejected", pgettext_lazy("listing", "Rejected")
    ARCHIVED = "archived", pgettext_lazy("listing", "Archived")


def active_language() -> str:
    """The active language without its region: "en", "es"."""
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


def speaks_spanish() -> bool:
    return active_language() == "es"


class Focus(models.Model):
    """Who a meeting is especially for: mothers, fathers, LGBTQ+, Spanish-speaking…

    `name` and `description` are English; the Spanish ones may be empty, and `label` and
    `description_label` fall back to the English then."""

    slug = models.SlugField(gettext_lazy("slug"), max_length=50, unique=True)
    name = models.CharField(gettext_lazy("name"), max_length=80)
    description = models.CharField(gettext_lazy("description"), max_length=200, blank=True)
    name_es = models.CharField(gettext_lazy("name in Spanish"), max_length=80, blank=True)
    description_es = models.CharField(gettext_lazy("description in Spanish"), max_length=200,
                                      blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = gettext_lazy("focus")
        verbose_name_plural = gettext_lazy("focuses")

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """The name in the active language."""
        return self.name_es if self.name_es and speaks_spanish() else self.name

    @property
    def description_label(self) -> str:
        """The description in the active language."""
        return self.description_es if self.description_es and speaks_spanish() else self.description


# The seeded languages (0002_vocabulary) that Django's own list (django.conf.locale.LANG_INFO)
# does not know, named here so that they translate; the others take Django's translated name.
OTHER_LANGUAGE_NAMES = {
    "zh": gettext_lazy("Chinese"),
    "tl": gettext_lazy("Tagalog"),
    "ase": gettext_lazy("American Sign Language"),
}


class Language(models.Model):
    code = models.CharField(gettext_lazy("code"), max_length=12, unique=True,
                            help_text=gettext_lazy("ISO 639-1 code, such as en or es."))
    name = models.CharField(gettext_lazy("name"), max_length=60)

    class Meta:
        ordering = ["name"]
        verbose_name = gettext_lazy("language")
        verbose_name_plural = gettext_lazy("languages")

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """The name in the active language: the table's own (English) name in English, else
        Django's name for the code when Django knows it, else OTHER_LANGUAGE_NAMES', else the
        stored name."""
        if active_language() == "en":
            return self.name
        try:
            return str(translation.get_language_info(self.code)["name_translated"])
        except KeyError:
            pass
        if self.code in OTHER_LANGUAGE_NAMES:
            return str(OTHER_LANGUAGE_NAMES[self.code])
        return self.name


# Small tables every search reads, cached; a change forgets them once it commits, and the
# time limit covers a search that read the old rows just before. Read from the primary even
# in a request reading a replica (config.databases): the copy outlives the request, and a
# replica a moment behind would leave out a zone or focus that its meetings soon name.
ZONES_CACHE_KEY = "meetings:zones"
# (Language-neutral: the model objects, whose labels are read in the request's language.
# "v2" since Focus has its Spanish fields: an older entry's objects would lack them.)
VOCABULARY_CACHE_KEY = "meetings:vocabulary:v2"
CACHED_TABLE_SECONDS = 5 * 60


def forget_when_committed(key: str):
    transaction.on_commit(lambda: cache.delete(key))


# What searches keep of the listings (search.online) is kept under this version; any write to
# meetings gives it a new one (MeetingQuerySet, meetings.signals).
LISTINGS_VERSION_KEY = "meetings:listings-version"
LISTINGS_VERSION_SECONDS = 24 * 60 * 60


def listings_version() -> str:
    """A token that changes whenever a meeting is written."""
    version = cache.get(LISTINGS_VERSION_KEY)
    if version is None:
        version = _new_listings_version()
    return version


def listings_changed():
    """Give the listings a new version now, for whoever reads in this transaction, and again
    once it commits, for whoever read the old rows in between and kept them as new."""
    _new_listings_version()
    transaction.on_commit(_new_listings_version)


def _new_listings_version() -> str:
    version = uuid.uuid4().hex
    cache.set(LISTINGS_VERSION_KEY, version, LISTINGS_VERSION_SECONDS)
    return version


class ZoneManager(models.Manager):
    def names(self) -> dict[int, str]:
        """Every zone by number."""
        zones = cache.get(ZONES_CACHE_KEY)
        if zones is None:
            zones = dict(self.using(DEFAULT_DB_ALIAS).values_list("id", "name"))
            cache.set(ZONES_CACHE_KEY, zones, CACHED_TABLE_SECONDS)
        return zones


class Zone(models.Model):
    """An IANA time zone that meetings use, by number. The parent's search looks up each
    meeting's clock shift by this number (search.matching.ParentClock), which in SQL is far
    cheaper than comparing zone names row by row."""

    name = models.CharField(max_length=64, unique=True)

    objects = ZoneManager()

    def __str__(self):
        return self.name

    @classmethod
    def ids_for(cls, names) -> dict[str, int]:
        """The number of each zone name, numbering the names not seen before."""
        names = set(names)
        ids = dict(cls.objects.filter(name__in=names).values_list("name", "id"))
        if missing := names - ids.keys():
            cls.objects.bulk_create([cls(name=name) for name in missing], ignore_conflicts=True)
            ids.update(cls.objects.filter(name__in=missing).values_list("name", "id"))
            forget_when_committed(ZONES_CACHE_KEY)
        return ids


def choice_label(choices: type[models.TextChoices], value: str) -> str:
    """The label of `value` among `choices` in the active language, or the value itself when
    it is none of them."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


@dataclass(frozen=True)
class Vocabulary:
    """The focus and language vocabularies, by slug and by code."""

    focus: dict[str, Focus]
    languages: dict[str, Language]

    @classmethod
    def current(cls) -> Vocabulary:
        vocabulary = cache.get(VOCABULARY_CACHE_KEY)
        if vocabulary is None:
            vocabulary = cls(
                {focus.slug: focus for focus in Focus.objects.using(DEFAULT_DB_ALIAS)},
                {language.code: language for language in Language.objects.using(DEFAULT_DB_ALIAS)})
            cache.set(VOCABULARY_CACHE_KEY, vocabulary, CACHED_TABLE_SECONDS)
        return vocabulary

    def focus_of(self, meeting: Meeting, beyond_bits=()) -> list[Focus]:
        """A meeting's focuses, by name, from its bits; `beyond_bits` are the numbers of its
        focuses that have no bit (read from the links by whoever has many meetings)."""
        return _linked(self._by_name["focus"], meeting.focus_bits, beyond_bits)

    def languages_of(self, meeting: Meeting, beyond_bits=()) -> list[Language]:
        return _linked(self._by_name["languages"], meeting.language_bits, beyond_bits)

    def beyond_bits(self) -> tuple[list[int], list[int]]:
        """The numbers of the focuses and the languages that have no bit."""
        return ([entry.pk for bit, entry in self._by_name["focus"] if not bit],
                [entry.pk for bit, entry in self._by_name["languages"] if not bit])

    def links_beyond_bits(self, meeting_ids) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
        """For each of these meetings, the numbers of its focuses and of its languages that
        have no bit, read from the link tables (none, usually): what `focus_of` and
        `languages_of` need besides the bits."""
        focus, languages = self.beyond_bits()
        return (_links(Meeting.focus.through, "focus_id", meeting_ids, focus),
                _links(Meeting.languages.through, "language_id", meeting_ids, languages))

    @cached_property
    def _by_name(self) -> dict[str, list[tuple[int | None, models.Model]]]:
        return {kind: [(link_bit(entry.pk), entry)
                       for entry in sorted(getattr(self, kind).values(), key=lambda e: e.name)]
                for kind in ("focus", "languages")}


def _links(through, column: str, meeting_ids, linked_ids) -> dict[int, set[int]]:
    links: dict[int, set[int]] = {}
    if linked_ids:
        for meeting_id, linked in through.objects.filter(
                meeting_id__in=meeting_ids, **{f"{column}__in": linked_ids}).values_list(
                "meeting_id", column):
            links.setdefault(meeting_id, set()).add(linked)
    return links


def _linked(entries, bits: int, beyond_bits) -> list:
    return [entry for bit, entry in entries if (bits & bit if bit else entry.pk in beyond_bits)]


def stale_cutoff(today: date | None = None) -> date:
    """The oldest check that still counts as recent."""
    return (today or timezone.localdate()) - timedelta(days=settings.VILLAGE_STALE_AFTER_DAYS)


class MeetingQuerySet(models.QuerySet):
    # Writes that skip save() and its signals give the listings a new version here.
    def update(self, **kwargs):
        listings_changed()
        return super().update(**kwargs)

    def bulk_update(self, objs, fields, batch_size=None):
        listings_changed()
        return super().bulk_update(objs, fields, batch_size=batch_size)

    def bulk_create(self, objs, *args, **kwargs):
        listings_changed()
        return super().bulk_create(objs, *args, **kwargs)

    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def stale(self, today: date | None = None):
        """Meetings never verified, or last verified before the cutoff (Meeting.is_stale)."""
        return self.filter(models.Q(last_verified__isnull=True)
                           | models.Q(last_verified__lt=stale_cutoff(today)))


# A focus or language numbered up to this has a bit in a meeting's `focus_bits` or
# `language_bits` (signed 64-bit integers); the search tests that bit, and reads the link
# table for one numbered higher.
HIGHEST_LINK_BIT = 62


def link_bit(pk: int) -> int | None:
    return 1 << pk if 0 < pk <= HIGHEST_LINK_BIT else None


def link_bits(linked_ids) -> int:
    """A meeting's `focus_bits` (or `language_bits`) for links to these focuses (languages)."""
    bits = 0
    for pk in linked_ids:
        bits |= link_bit(pk) or 0
    return bits


class MeetingManager(models.Manager.from_queryset(MeetingQuerySet)):
    def bulk_create(self, objs, *args, **kwargs):
        # bulk_create skips save(), where the derived schedule fields are kept.
        objs = list(objs)
        zone_ids = Zone.ids_for(meeting.timezone for meeting in objs)
        for meeting in objs:
            meeting.fill_schedule(zone_ids)
        return super().bulk_create(objs, *args, **kwargs)

    def refresh_link_bits(self, meeting_ids):
        """Set `focus_bits` and `language_bits` of these meetings from their links. Changing
        a meeting's links through its managers does this by itself (meetings.signals);
        whoever writes the link tables directly calls it."""
        meeting_ids = list(set(meeting_ids))
        for start in range(0, len(meeting_ids), 2000):
            ids = meeting_ids[start:start + 2000]
            bits = {pk: [0, 0] for pk in ids}
            for kind, (through, column) in enumerate((
                    (self.model.focus.through, "focus_id"),
                    (self.model.languages.through, "language_id"))):
                for meeting_id, linked in through.objects.filter(meeting_id__in=ids).values_list(
                        "meeting_id", column):
                    bits[meeting_id][kind] |= link_bit(linked) or 0
            meetings_by_bits = defaultdict(list)
            for pk, (focus_bits, language_bits) in bits.items():
                meetings_by_bits[focus_bits, language_bits].append(pk)
            for (focus_bits, language_bits), pks in meetings_by_bits.items():
                self.filter(pk__in=pks).update(focus_bits=focus_bits, language_bits=language_bits)


# Every change to a meeting, by whom or by which import or approved submission (the change
# reason). Kept by name so that meetings.history can write one record for a save together with
# its focus and language changes. The derived schedule minutes and update stamp would only
# repeat other fields.
MEETING_HISTORY = HistoricalRecords(
    m2m_fields=["focus", "languages"],
    excluded_fields=["start_week_minute", "end_week_minute", "zone", "focus_bits", "language_bits",
                     "updated", "imported_values", "source_record_digest"],
)


# What the parent's search reads of a meeting besides its children policy and position.
# Bands of latitude a quarter of a degree (28 km) high, numbered from the equator.
LATITUDE_BANDS_PER_DEGREE = 4


def latitude_band(latitude):
    """The band of a latitude, as the search's index has it: a number from Python, an
    expression from a column."""
    if isinstance(latitude, int | float):
        return math.floor(latitude * LATITUDE_BANDS_PER_DEGREE)
    return Floor(latitude * LATITUDE_BANDS_PER_DEGREE)


SEARCHED_COLUMNS = ["id", "attendance", "zone", "start_week_minute", "end_week_minute",
                    "philosophy", "medication_supportive", "wheelchair_accessible", "fellowship",
                    "last_verified", "focus_bits", "language_bits"]


class Meeting(models.Model):
    # The fields' names are lower case, as Django's own are: forms and pages capitalize them.
    fellowship = models.CharField(gettext_lazy("fellowship"), max_length=32,
                                  choices=Fellowship.choices)
    name = models.CharField(gettext_lazy("name"), max_length=200)
    slug = models.SlugField(gettext_lazy("slug"), max_length=140, unique=True)
    notes = models.TextField(gettext_lazy("notes"), blank=True)

    # Translators: the day of the week a meeting meets on.
    weekday = models.PositiveSmallIntegerField(gettext_lazy("weekday"), choices=Weekday.choices)
    start_time = models.TimeField(gettext_lazy("start time"))
    end_time = models.TimeField(gettext_lazy("end time"), blank=True,
                                help_text=gettext_lazy("Leave empty for one hour after the start."))
    timezone = models.CharField(
        gettext_lazy("timezone"), max_length=64, validators=[validate_timezone],
        help_text=gettext_lazy("IANA time zone of the meeting, such as America/New_York."))
    # Kept from weekday, start and end on every save so that searches can filter in SQL.
    # (Minutes since Sunday 00:00 on the meeting's clock; the end may run into next week.)
    start_week_minute = models.PositiveIntegerField(editable=False, default=0)
    end_week_minute = models.PositiveIntegerField(editable=False, default=60)
    # `timezone` by number, kept with the schedule fields.
    zone = models.ForeignKey(Zone, on_delete=models.PROTECT, editable=False, related_name="+",
                             db_index=False)

    # Translators: how a meeting is attended: in person, online, or both.
    attendance = models.CharField(gettext_lazy("attendance"), max_length=16,
                                  choices=Attendance.choices, default=Attendance.IN_PERSON)
    location_name = models.CharField(gettext_lazy("location name"), max_length=200, blank=True)
    address = models.CharField(gettext_lazy("address"), max_length=300, blank=True)
    latitude = models.FloatField(gettext_lazy("latitude"), null=True, blank=True,
                                 validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.FloatField(gettext_lazy("longitude"), null=True, blank=True,
                                  validators=[MinValueValidator(-180), MaxValueValidator(180)])
    location_approximate = models.BooleanField(
        gettext_lazy("location approximate"), default=False,
        help_text=gettext_lazy("The coordinates are only near the place (a ZIP code or city)."))
    # Translators: the link to join a meeting online (a video call).
    conference_url = models.URLField(gettext_lazy("conference url"), max_length=500, blank=True)
    # Translators: the phone number to join a meeting by phone.
    conference_phone = models.CharField(gettext_lazy("conference phone"), max_length=60, blank=True)
    # How to reach the group itself (a feed's group email, phone or website, or a coach's
    # entry), so that a parent can check before going; never a submitter's own contact.
    contact_email = models.EmailField(gettext_lazy("contact email"), blank=True,
                                      help_text=gettext_lazy("The group's own email address."))
    contact_phone = models.CharField(
        gettext_lazy("contact phone"), max_length=60, blank=True,
        help_text=gettext_lazy("The group's own phone number, for a call or a text."))
    contact_website = models.URLField(gettext_lazy("contact website"), max_length=500, blank=True,
                                      help_text=gettext_lazy("The group's own website."))

    # Translators: whether children may come to a meeting (a field's name).
    children = models.CharField(gettext_lazy("children"), max_length=16,
                                choices=ChildrenPolicy.choices, default=ChildrenPolicy.UNKNOWN)
    # Translators: a meeting's approach to recovery: abstinence only or harm reduction.
    philosophy = models.CharField(gettext_lazy("philosophy"), max_length=20,
                                  choices=Philosophy.choices, default=Philosophy.UNKNOWN)
    # Translators: whether people on medication (methadone, buprenorphine) are welcome.
    medication_supportive = models.BooleanField(
        gettext_lazy("medication supportive"), default=False,
        help_text=gettext_lazy("People on medication for opioid use disorder (methadone, "
                               "buprenorphine) are explicitly welcome."))
    # Translators: who a meeting is especially for (mothers, fathers…); a field's name.
    focus = models.ManyToManyField(Focus, blank=True, related_name="meetings",
                                   verbose_name=gettext_lazy("focus"))
    languages = models.ManyToManyField(Language, blank=True, related_name="meetings",
                                       verbose_name=gettext_lazy("languages"))
    # The same links as bits (link_bit), for the search.
    focus_bits = models.BigIntegerField(default=0, editable=False)
    language_bits = models.BigIntegerField(default=0, editable=False)
    wheelchair_accessible = models.BooleanField(gettext_lazy("wheelchair accessible"), null=True,
                                                blank=True)
    source_types = models.JSONField(
        gettext_lazy("source types"), default=list, blank=True,
        help_text=gettext_lazy("The source's raw type codes, kept for round trips."))
    # Where an imported meeting comes from, and its slug there (unique per source).
    # Translators: the feed an imported meeting comes from.
    source = models.ForeignKey("feeds.FeedSource", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="meetings", verbose_name=gettext_lazy("source"))
    source_slug = models.CharField(gettext_lazy("source slug"), max_length=100, blank=True)
    # The values the last import wrote; a field that differs from them now was edited here, and
    # the next import must not overwrite it silently (see feeds.importing).
    imported_values = models.JSONField(default=dict, blank=True, editable=False)
    # A fingerprint of the feed record the last import read this meeting from (feeds.records),
    # when it read without a problem: the same record again needs no reading.
    source_record_digest = models.CharField(max_length=32, blank=True, default="",
                                            editable=False)

    # Translators: the state of a meeting's listing (published, pending review…).
    status = models.CharField(gettext_lazy("status"), max_length=16, choices=Status.choices,
                              default=Status.PENDING)
    last_verified = models.DateField(gettext_lazy("last verified"), null=True, blank=True)
    created = models.DateTimeField(gettext_lazy("created"), auto_now_add=True)
    updated = models.DateTimeField(gettext_lazy("updated"), auto_now=True)

    objects = MeetingManager()
    history = MEETING_HISTORY

    class Meta:
        ordering = ["weekday", "start_time", "name"]
        permissions = [
            ("verify_meeting", "Can mark a meeting verified"),
        ]
        indexes = [
            models.Index(fields=["status", "attendance"], name="meeting_status_attendance"),
            models.Index(fields=["status", "timezone", "start_week_minute"],
                         name="meeting_status_zone_time"),
            # The parent's search reads only these two (search.matching): every column it
            # filters or ranks on is in them, so PostgreSQL answers from the index alone.
            models.Index(fields=["children"], include=[*SEARCHED_COLUMNS, "latitude", "longitude"],
                         condition=models.Q(status=Status.PUBLISHED,
                                            attendance__in=list(JOINED_ONLINE)),
                         name="meeting_joined_online"),
            models.Index(fields=["latitude", "longitude"], include=["children", *SEARCHED_COLUMNS],
                         condition=models.Q(status=Status.PUBLISHED,
                                            attendance__in=list(MET_IN_PERSON)),
                         name="meeting_met_in_person"),
            # The same by band of latitude, then longitude: a radius is a few bands, each read
            # only across its longitudes, not a strip of latitude across the continent.
            models.Index(latitude_band(F("latitude")), "longitude",
                         include=["latitude", "children", *SEARCHED_COLUMNS],
                         condition=models.Q(status=Status.PUBLISHED,
                                            attendance__in=list(MET_IN_PERSON)),
                         name="meeting_met_in_person_band"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(weekday__gte=0, weekday__lte=6),
                                   name="meeting_weekday_0_sunday_to_6_saturday"),
            models.UniqueConstraint(fields=["source", "source_slug"],
                                    condition=models.Q(source__isnull=False),
                                    name="meeting_unique_slug_per_source"),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_weekday_display()} {self.start_time:%H:%M})"

    def save(self, *args, **kwargs):
        self.fill_schedule()
        if not self.slug:
            self.slug = self.unique_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("meeting-detail", kwargs={"slug": self.slug})

    # Django's own get_FOO_display builds a table of the field's labels, translating every
    # one, on each call; a page of results calls these for each card.
    def get_fellowship_display(self):
        return choice_label(Fellowship, self.fellowship)

    def get_attendance_display(self):
        return choice_label(Attendance, self.attendance)

    def get_children_display(self):
        return choice_label(ChildrenPolicy, self.children)

    def get_weekday_display(self):
        return choice_label(Weekday, self.weekday)

    def clean(self):
        errors = {}
        if self.can_join_online and not (self.conference_url or self.conference_phone):
            errors["conference_url"] = _("An online or hybrid meeting needs a link or a phone "
                                         "number.")
        if self.meets_in_person and not self.address:
            errors["address"] = _("An in-person meeting needs an address.")
        if (self.latitude is None) != (self.longitude is None):
            errors["latitude"] = _("Give both latitude and longitude, or neither.")
        if errors:
            raise ValidationError(errors)

    def fill_schedule(self, zone_ids: dict[str, int] | None = None):
        """Keep the derived fields; `zone_ids` (from Zone.ids_for) spares a query when many
        meetings are filled at once."""
        self.zone_id = (zone_ids or {}).get(self.timezone) or Zone.ids_for([self.timezone])[self.timezone]
        if self.end_time is None:
            self.end_time = schedule.default_end(self.start_time)
        self.start_week_minute = schedule.week_minute(self.weekday, self.start_time)
        self.end_week_minute = self.start_week_minute + schedule.duration_minutes(
            self.start_time, self.end_time)

    def unique_slug(self) -> str:
        base = slugify(f"{self.name}-{Weekday(self.weekday).slug}-{self.start_time:%H%M}")[:120]
        slug, n = base, 1
        while Meeting.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug

    @property
    def duration_minutes(self) -> int:
        return self.end_week_minute - self.start_week_minute

    @property
    def can_join_online(self) -> bool:
        """Online or hybrid: there is a link or a phone number to join by."""
        return self.attendance in JOINED_ONLINE

    @property
    def meets_in_person(self) -> bool:
        return self.attendance in MET_IN_PERSON

    @property
    def needs_position(self) -> bool:
        """Met in person at an address, but without coordinates yet or with coordinates only
        near it (a ZIP code's or a city's centre): geocoding looks for the address."""
        return needs_position(self.attendance, self.address, self.latitude,
                              self.location_approximate)

    @property
    def tzinfo(self):
        return schedule.zone(self.timezone)

    def next_occurrence(self, after: datetime | None = None) -> datetime:
        """The next start, in the meeting's own zone."""
        return schedule.next_occurrence(self.weekday, self.start_time, self.tzinfo,
                                        after or timezone.now())

    def is_stale(self, today: date | None = None) -> bool:
        """Never verified, or not for STALE_AFTER_DAYS (MeetingQuerySet.stale in SQL)."""
        return self.last_verified is None or self.last_verified < stale_cutoff(today)


def needs_position(attendance: str, address: str, latitude: float | None,
                   location_approximate: bool) -> bool:
    """Meeting.needs_position, for whoever has read only these columns of many meetings."""
    return attendance in MET_IN_PERSON and bool(address.strip()) and (
        latitude is None or location_approximate)


def forget_outdated_position(listing: dict, changed) -> bool:
    """Coordinates found for an old address would put a meeting in the wrong place: when
    `changed` (the names of the fields given anew) holds the address but no coordinates, clear
    the coordinates in `listing`. Returns whether it did."""
    changed = set(changed)
    if "address" not in changed or changed & {"latitude", "longitude"}:
        return False
    listing["latitude"] = listing["longitude"] = None
    return True
