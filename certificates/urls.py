"""Certificates under each language's prefix (config/urls.py): the volunteer's (beside their
own page) and the public verification page. Only the verification code is in a URL."""

from django.urls import path

from . import views

urlpatterns = [
    path("applicant/certificates/", views.issue, name="certificate_issue"),
    path("applicant/certificates/<str:code>/pdf/", views.download, name="certificate_download"),
    path("certificates/<str:code>/", views.verify, name="certificate_verify"),
]
