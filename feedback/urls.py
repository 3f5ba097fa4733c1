"""The "Was this page helpful?" answers, under each language's prefix (config/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.vote, name="helpful_vote"),
    path("thanks/", views.thanks, name="helpful_thanks"),
    path("comment/", views.comment, name="helpful_comment"),
]
