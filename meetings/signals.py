"""Keeps what is derived from the focus and language vocabularies in step with them: each
meeting's link bits (`Meeting.focus_bits`, `language_bits`), whichever side of a link changes,
and the cached `Vocabulary`."""
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from .models import VOCABULARY_CACHE_KEY, Focus, Language, Meeting, forget_when_committed


@receiver(m2m_changed, sender=Meeting.focus.through, dispatch_uid="focus-bits")
@receiver(m2m_changed, sender=Meeting.languages.through, dispatch_uid="language-bits")
def links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not reverse:
        if action in ("post_add", "post_remove", "post_clear"):
            Meeting.objects.refresh_link_bits([instance.pk])
        return
    # `instance` is the focus or language; a clear names no meetings, so they are noted first.
    if action == "pre_clear":
        instance._meetings_unlinked = list(instance.meetings.values_list("pk", flat=True))
    elif action in ("post_add", "post_remove"):
        Meeting.objects.refresh_link_bits(pk_set)
    elif action == "post_clear":
        Meeting.objects.refresh_link_bits(instance._meetings_unlinked)


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
