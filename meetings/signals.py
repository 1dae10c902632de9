"""Keeps what is derived from meetings and their vocabularies in step with them: each
meeting's link bits (`Meeting.focus_bits`, `language_bits`), the cached `Vocabulary`, and the
listings' version that searches keep their rankings under."""
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from .models import VOCABULARY_CACHE_KEY, Focus, Language, Meeting, forget_when_committed, listings_changed


@receiver(m2m_changed, sender=Meeting.focus.through, dispatch_uid="focus-bits")
@receiver(m2m_changed, sender=Meeting.languages.through, dispatch_uid="language-bits")
def links_changed(sender, instance, action, reverse, **kwargs):
    # Links change from the meeting's side, where their history is kept (simple_history
    # refuses a change made from the focus's side).
    if not reverse and action in ("post_add", "post_remove", "post_clear"):
        Meeting.objects.refresh_link_bits([instance.pk])


@receiver(pre_delete, sender=Focus, dispatch_uid="focus-deleted-bits")
@receiver(pre_delete, sender=Language, dispatch_uid="language-deleted-bits")
def vocabulary_deleting(sender, instance, **kwargs):
    instance._meetings_unlinked = list(instance.meetings.values_list("pk", flat=True))


@receiver(post_delete, sender=Focus, dispatch_uid="focus-deleted-bits")
@receiver(post_delete, sender=Language, dispatch_uid="language-deleted-bits")
def vocabulary_deleted(sender, instance, **kwargs):
    Meeting.objects.refresh_link_bits(instance._meetings_unlinked)
    forget_when_committed(VOCABULARY_CACHE_KEY)


@receiver(post_save, sender=Focus, dispatch_uid="focus-saved")
@receiver(post_save, sender=Language, dispatch_uid="language-saved")
def vocabulary_saved(sender, **kwargs):
    forget_when_committed(VOCABULARY_CACHE_KEY)


@receiver(post_save, sender=Meeting, dispatch_uid="meeting-saved-listings")
@receiver(post_delete, sender=Meeting, dispatch_uid="meeting-deleted-listings")
def meeting_written(sender, **kwargs):
    listings_changed()
