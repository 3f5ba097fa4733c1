"""Residents' answers and questions, under each language's prefix (config/urls.py)."""

from django.urls import path

from . import answer_page, views

urlpatterns = [
    path("helpful/", views.vote, name="helpful_vote"),
    path("helpful/thanks/", views.thanks, name="helpful_thanks"),
    path("helpful/comment/", views.comment, name="helpful_comment"),
    path("your-answer/<str:token>/", answer_page.answer, name="question_answer"),
]
