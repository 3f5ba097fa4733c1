"""The applicant's own pages, under each language's prefix (config/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.applicant_page, name="applicant_page"),
    path("link/<str:token>/", views.open_link, name="applicant_link"),
    path("new-link/", views.new_link, name="applicant_new_link"),
]
