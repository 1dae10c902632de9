"""manage.py import_meetings SOURCE: import a Meeting Guide feed, a CSV or a BMLT root server
from a URL or a file, or with --dry-run say what importing it would do."""
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone as clock

from feeds.importing import (
    NotAFeed,
    import_records,
    read_location,
    record_failure,
    twin_source,
)
from feeds.locations import same_place
from feeds.models import FeedFormat, FeedSource
from feeds.records import FeedError, parse_records
from feeds.sources import registered_as
from feeds.type_codes import code_sets
from meetings.models import Fellowship
from meetings.schedule import is_timezone


class Command(BaseCommand):
    help = ("Import meetings from a Meeting Guide JSON feed or a CSV (the spec's column names), "
            "given as an http(s) URL or a file path, or from a BMLT root server (--format bmlt): "
            "its address, such as https://bmlt.example.org/main_server/ (GetSearchResults' "
            "parameters may follow: ?services=12&recursive=1), or a JSON file holding its "
            "answers as {\"GetSearchResults\": [...], \"GetFormats\": [...], "
            "\"GetServiceBodies\": [...]}. Re-importing the same source updates its "
            "meetings and archives those gone from it.")

    def add_arguments(self, parser):
        parser.add_argument("source", help="An http(s) URL or a file path (for bmlt, the root "
                                               "server's address or a file of its answers).")
        parser.add_argument("--format", choices=FeedFormat.values, default=None,
                            help="meeting-guide (JSON, the default), csv, or bmlt (a BMLT root "
                                 "server's semantic API; its fellowship is na unless "
                                 "--fellowship says otherwise).")
        parser.add_argument("--timezone", default=None,
                            help="IANA zone for meetings the feed gives none, e.g. America/New_York.")
        parser.add_argument("--fellowship", default=None,
                            help="The fellowship whose type codes the feed uses: "
                                 f"{', '.join(Fellowship.values)}; or a code set of "
                                 f"feeds/data/type_codes.json ({', '.join(code_sets())}).")
        parser.add_argument("--source-name", default=None,
                            help="A name for the source (its admin entry); defaults to SOURCE.")
        parser.add_argument("--no-geocode", action="store_true",
                            help="Don't queue geocoding for meetings without coordinates.")
        parser.add_argument("--dry-run", action="store_true",
                            help="Say which meetings would be created, updated, archived and "
                                 "conflicted, changing nothing (the source is not registered).")
        parser.add_argument("--as-new-source", action="store_true",
                            help="Import a feed whose meetings another source already holds "
                                 "as a source of its own (each meeting is then listed twice).")

    def handle(self, *args, source, format, timezone, fellowship, source_name, no_geocode,
               dry_run, as_new_source, **options):
        registered = registered_as(source)
        if registered is not None and source_name and source_name != registered.name:
            raise CommandError(
                f"{source} is already registered as the source '{registered.name}' "
                f"(#{registered.pk}); run without --source-name to refresh it. One location is "
                f"one source: a second copy of its meetings needs a copy of the file, imported "
                f"with --as-new-source.")
        location = source if registered is None else registered.location
        feed_source = registered or FeedSource(location=same_place(source),
                                               name=source_name or source[:120])
        if format:
            feed_source.format = format
        elif feed_source._state.adding and source.lower().endswith(".csv"):
            feed_source.format = FeedFormat.CSV
        elif feed_source._state.adding and "/client_interface/json/" in source:
            feed_source.format = FeedFormat.BMLT  # a semantic API address, pasted
        if feed_source._state.adding and feed_source.format == FeedFormat.BMLT:
            feed_source.fellowship = Fellowship.NA  # NA's data network; --fellowship overrides
        if timezone is not None:
            if timezone and not is_timezone(timezone):
                raise CommandError(f"--timezone: '{timezone}' is not an IANA time zone such as "
                                   "America/New_York.")
            feed_source.default_timezone = timezone
        if fellowship:
            self.set_fellowship(feed_source, fellowship)

        try:
            records = read_location(location, feed_source.format)
            if registered is None and not as_new_source:
                self.refuse_twin(feed_source, records)
            if dry_run:
                with transaction.atomic():
                    # Registered only for the preview, and rolled back with it.
                    feed_source.save()
                    summary = import_records(feed_source, records, geocode=False, preview=True)
                    transaction.set_rollback(True)
                self.stdout.write("\n".join(self.preview_lines(summary)))
                return
            with transaction.atomic():
                feed_source.save()
                summary = import_records(feed_source, records, geocode=not no_geocode)
        except FeedError as error:
            if registered is not None and not dry_run:
                record_failure(registered, error, now=clock.now())
            raise CommandError(str(error)) from None
        self.stdout.write("\n".join(summary.lines()))

    @staticmethod
    def refuse_twin(feed_source: FeedSource, records):
        parsed = parse_records(records, code_set=feed_source.code_set(),
                               default_timezone=feed_source.default_timezone)
        twin = twin_source(feed_source, parsed)
        if twin is not None:
            raise NotAFeed(
                f"Most meetings of this feed are already listed from the source '{twin.name}' "
                f"(#{twin.pk}, {twin.location}); importing it as a new source would list each "
                f"of them twice. Refresh that source instead, or give --as-new-source to import "
                f"it as a source of its own anyway.")

    @staticmethod
    def preview_lines(summary) -> list[str]:
        lines = ["Dry run: nothing was changed.", *summary.lines()]
        for outcome in ("created", "updated", "archived", "conflicts"):
            listed = summary.listed.get(outcome, [])
            if listed:
                lines.append(f"Would be {outcome}:" if outcome != "conflicts"
                             else "Would conflict:")
                lines += [f"  {line.meeting}" + (f": {line.detail}" if line.detail else "")
                          for line in listed]
        return lines

    @staticmethod
    def set_fellowship(feed_source: FeedSource, name: str):
        sets = code_sets()
        if name in Fellowship.values:
            feed_source.fellowship, feed_source.type_codes = name, ""
        elif name in sets:
            feed_source.fellowship, feed_source.type_codes = sets[name].fellowship, name
        else:
            raise CommandError(f"--fellowship: '{name}' is neither a fellowship "
                               f"({', '.join(Fellowship.values)}) nor a code set "
                               f"({', '.join(sets)}).")
