"""Translated pages go through the same approval as any other page.

wagtail-localize's translation editor only knows "Publish", so a translator
without publish permission (the Editors group) could not send a translation
anywhere. These views add what Wagtail's own page editor offers them:

* "Submit for moderation" saves the current translations as a draft revision
  of the translated page and starts the page's workflow (or resumes it when a
  moderator asked for changes); a moderator then approves it as usual, and the
  approval publishes that revision.
* "Save draft" saves the translations as a new revision without submitting,
  e.g. to update a translation that is already waiting for approval.

The template override of the translation editor
(``templates/wagtail_localize/admin/edit_translation.html``) shows the actions
and ``static/js/admin/translation-editor.js`` puts them in the editor's
footer, before wagtail-localize's own actions (whose default for an editor
would otherwise be "Delete").

Saving the draft follows Wagtail's page editor: a page that is not live gets
its row updated (wagtail-localize's ``save_target(publish=False)``), a live
page only gets a new revision, so the public page does not change before the
moderator approves.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.coreutils import find_available_slug
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import Translation, TranslationLog

from core.slugs import slugify_title

SUBMIT = "submit"
SAVE_DRAFT = "save-draft"


def page_translation(page):
    """The enabled wagtail-localize translation whose target is ``page``, or None."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )


def _workflow_enabled():
    return getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True)


def _needs_changes(page):
    state = page.current_workflow_state
    return state if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES else None


def can_save_draft(user, page):
    perms = page.permissions_for_user(user)
    return perms.can_edit() and not perms.page_locked()


def can_submit(user, page):
    """Whether ``user`` may send ``page`` (a translation) into its workflow now."""
    if not _workflow_enabled() or not can_save_draft(user, page):
        return False
    if _needs_changes(page):
        return True
    return page.permissions_for_user(user).can_submit_for_moderation()


def submit_label(page):
    state = _needs_changes(page)
    if state is not None:
        return _("Resubmit to %(task_name)s") % {"task_name": state.current_task_state.task.name}
    return _("Submit for moderation")


def editor_actions(user, page):
    """What the translation editor offers ``user`` besides wagtail-localize's own actions.

    ``primary`` is true for users who cannot publish: for them our first action is
    the footer's main button, as in Wagtail's page editor. While the page is locked
    for them (by a lock, or because it waits for approval) that button is a disabled
    "Page locked", again as in Wagtail's page editor.
    """
    page = page.specific
    if page_translation(page) is None:
        return None
    perms = page.permissions_for_user(user)
    if not perms.can_edit():
        return None
    can_publish = perms.can_publish()
    actions = []
    if can_submit(user, page):
        actions.append(
            {"name": SUBMIT, "label": submit_label(page), "icon": "resubmit", "url": action_url(page, SUBMIT)}
        )
    if can_save_draft(user, page) and not can_publish:
        actions.append(
            {"name": SAVE_DRAFT, "label": _("Save draft"), "icon": "draft", "url": action_url(page, SAVE_DRAFT)}
        )
    if not actions and perms.page_locked() and not can_publish:
        actions.append({"name": "locked", "label": _("Page locked"), "icon": "lock", "url": None})
    if not actions:
        return None
    return {"primary": not can_publish, "actions": actions}


def action_url(page, action):
    return reverse("sharaka_translation_action", args=[page.pk, action])


def save_draft(translation, page, user):
    """Save the current translations as the latest revision of ``page``; return the page as saved.

    Raises ValidationError when the translated page is not valid.
    """
    if not page.live:
        translation.save_target(user=user, publish=False)
        return Page.objects.get(pk=page.pk).specific
    draft = translation.source.get_ephemeral_translated_instance(translation.target_locale, fallback=True)
    # wagtail-localize's own path slugifies without Unicode, which empties an Arabic slug.
    draft.slug = find_available_slug(draft.get_parent(), slugify_title(draft.slug), ignore_page_id=draft.pk)
    revision = draft.save_revision(user=user, log_action=True)
    # As wagtail-localize does on save: a privacy restriction of the source reaches the translation.
    translation.source.sync_view_restrictions(translation.source.get_source_instance(), draft)
    TranslationLog.objects.create(source=translation.source, locale=translation.target_locale, revision=revision)
    return Page.objects.get(pk=page.pk).specific


@require_POST
def translation_action(request, page_id, action):
    """Save or submit the translation of page ``page_id``.

    A user who may not edit the page (or a page that is not a translation, or an
    unknown action) gets a 403. A user who may edit it but not now (the page is
    locked, or already waiting for approval, as when two people click at once) is
    sent back to the editor with a message.
    """
    page = get_object_or_404(Page, pk=page_id).specific
    translation = page_translation(page)
    user = request.user
    if translation is None or action not in (SUBMIT, SAVE_DRAFT) or not page.permissions_for_user(user).can_edit():
        return HttpResponseForbidden()
    allowed = can_submit(user, page) if action == SUBMIT else can_save_draft(user, page)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    names = {"page_title": page.get_admin_display_title(), "locale": page.locale.get_display_name()}
    if not allowed:
        messages.error(
            request,
            _(
                "The translation of '%(page_title)s' into %(locale)s was not sent: the page is locked or already "
                "waiting for approval."
            )
            % names,
        )
        return redirect(edit_url)
    try:
        with transaction.atomic():
            page = save_draft(translation, page, user)
            if action == SUBMIT:
                state = _needs_changes(page)
                if state is not None:
                    state.resume(user)
                else:
                    page.get_workflow().start(page, user)
    except ValidationError as error:
        messages.error(
            request,
            _("The translation of '%(page_title)s' into %(locale)s was not saved: %(errors)s")
            % {**names, "errors": " ".join(error.messages)},
        )
        return redirect(edit_url)

    if action == SUBMIT:
        messages.success(
            request, _("The translation of '%(page_title)s' into %(locale)s has been submitted for moderation.") % names
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    messages.success(
        request, _("The translation of '%(page_title)s' into %(locale)s has been saved as a draft.") % names
    )
    return redirect(edit_url)


urlpatterns = [
    path(
        "translations/page/<int:page_id>/<str:action>/",
        translation_action,
        name="sharaka_translation_action",
    ),
]
