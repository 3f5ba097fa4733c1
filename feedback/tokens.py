"""What the "Was this page helpful?" form token is signed for, and where a page's form
asks for one (the form-token endpoint, submissions/views.py)."""

from django.urls import reverse
from django.utils.http import urlencode

KIND = "helpful"


def block_for(page):
    """The page in every language: its translation key."""
    return str(page.translation_key)


def token_url(page):
    return f"{reverse('form_token')}?{urlencode({'form': KIND, 'block': block_for(page)})}"
