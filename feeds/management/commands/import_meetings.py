"""manage.py import_meetings SOURCE: import a Meeting Guide feed or CSV from a URL or a file."""
from django.core.management.base import BaseCommand, CommandError

from feeds.importing import fetch_text, import_records, read_records
from feeds.models import FeedFormat, FeedSource
from feeds.records import FeedError
from feeds.type_codes import code_sets
from meetings.models import Fellowship
from meetings.schedule import is_timezone


class Command(BaseCommand):
    help = ("Import meetings from a Meeting Guide JSON feed or a CSV (the spec's column names), "
            "given as an http(s) URL or a file path. Re-importing the same source updates its "
            "meetings and archives those gone from it.")

    def add_arguments(self, parser):
        parser.add_argument("source", help="An http(s) URL or a file path.")
        parser.add_argument("--format", choices=FeedFormat.values, default=None,
                            help="meeting-guide (JSON, the default) or csv.")
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

    def handle(self, *args, source, format, timezone, fellowship, source_name, no_geocode,
               **options):
        feed_source = FeedSource.objects.filter(location=source).first() or FeedSource(
            location=source, name=source_name or source[:120])
        if source_name:
            feed_source.name = source_name
        if format:
            feed_source.format = format
        elif feed_source._state.adding and source.lower().endswith(".csv"):
            feed_source.format = FeedFormat.CSV
        if timezone is not None:
            if timezone and not is_timezone(timezone):
                raise CommandError(f"--timezone: '{timezone}' is not an IANA time zone such as "
                                   "America/New_York.")
            feed_source.default_timezone = timezone
        if fellowship:
            self.set_fellowship(feed_source, fellowship)
        feed_source.save()

        try:
            records = read_records(fetch_text(source), feed_source.format)
        except FeedError as error:
            raise CommandError(str(error)) from None
        summary = import_records(feed_source, records, geocode=not no_geocode)
        self.stdout.write("\n".join(summary.lines()))

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
