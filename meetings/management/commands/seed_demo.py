"""Fill the database with made-up demo meetings across a few US metro areas."""
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from meetings import demo


class Command(BaseCommand):
    help = (
        "Create made-up demo meetings across several US metro areas. Demo meetings are the "
        f"ones whose slug starts with '{demo.DEMO_SLUG_PREFIX}'. If any exist, nothing is "
        "created unless --replace is given, which first deletes every demo meeting and its "
        "history; real meetings are never touched. The same --seed always gives the same meetings. "
        "While DEBUG is on it also adds a demo coach and a demo moderator, if missing, and "
        "prints how to log in as each."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=400,
                            help="How many meetings to create (default 400).")
        parser.add_argument("--seed", type=int, default=demo.DEFAULT_SEED,
                            help=f"Random seed (default {demo.DEFAULT_SEED}).")
        parser.add_argument("--replace", action="store_true",
                            help="Delete the existing demo meetings and create them afresh.")

    def handle(self, *args, count, seed, replace, **options):
        if count < 1:
            raise CommandError("--count must be at least 1.")
        replaced, created = 0, None
        with transaction.atomic():
            if replace:
                replaced = demo.delete_demo_meetings()
            if existing := (0 if replace else demo.demo_meetings().count()):
                self.stdout.write(f"{existing} demo meetings already exist; none created "
                                  "(use --replace to rebuild them).")
            else:
                created = demo.create_meetings(count, seed=seed, today=timezone.localdate())
            answers = demo.demo_seeded.send(sender=self.__class__)
        if created is not None:
            replacing = f", replacing {replaced} earlier ones" if replaced else ""
            self.stdout.write(self.style.SUCCESS(
                f"Created {created} demo meetings in {len(demo.METROS)} metro areas "
                f"(seed {seed}){replacing}."))
        for _receiver, lines in answers:
            for line in lines:
                self.stdout.write(line)
