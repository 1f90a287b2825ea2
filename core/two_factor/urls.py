"""Under /admin/two-factor/ (core/wagtail_hooks.py), namespace "two_factor"."""

from django.urls import path

from . import views

app_name = "two_factor"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("verify/", views.verify, name="verify"),
    path("authenticator/", views.add_authenticator, name="add_authenticator"),
    path("passkey/", views.add_passkey, name="add_passkey"),
    path("recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("remove/", views.remove, name="remove"),
]
