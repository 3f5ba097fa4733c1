from django.urls import path

from accounts import views

urlpatterns = [
    path("set-up/", views.enrol, name="accounts_enrol"),
    path("verify/", views.verify, name="accounts_verify"),
    path("recovery-codes/", views.recovery_codes, name="accounts_recovery_codes"),
    path("reset/<int:user_id>/", views.reset, name="accounts_reset"),
]
